"""Emerging threats' callbacks: rescore on any control, and keep the URL in step."""

from __future__ import annotations

from dash import Dash, Output

from dashboard.app.components.cards import (
    card_outputs,
    register_card_view,
)
from dashboard.app.components.controls import indicator_about, notices
from dashboard.app.pages.emerging.state import STATE, year_options
from dashboard.app.pages.emerging.track import track_view
from dashboard.app.pages.emerging.view import emerging_view
from dashboard.app.shared_answers import shared


def register(app: Dash) -> None:
    @app.callback(
        Output("emerging-summary", "children"),
        Output("emerging-list", "children"),
        *card_outputs("emerging"),
        Output("emerging-indicator-about", "children"),
        Output("emerging-year", "data"),
        Output("emerging-live-notices", "children"),
        Output("emerging-track", "children"),
        *STATE.inputs(),
    )
    @shared
    def update(*values):
        state, messages = STATE.from_controls(values)
        return (
            *emerging_view(state),
            indicator_about(state.indicator),
            year_options(state.indicator),
            notices(messages),
            track_view(state),
        )

    STATE.register_url_sync(app)
    register_card_view("emerging", lambda query: emerging_view(STATE.from_query(query)[0]))
