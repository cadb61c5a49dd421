"""Emerging threats' callbacks: rescore on any control, the track record on the thresholds
(not the year or the focus, which it does not depend on), and keep the URL in step."""

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

# what the track record depends on: it covers every year and country, whatever is shown
TRACK = ("indicator", "min_base", "min_growth", "own_z", "peer_z")


def register(app: Dash) -> None:
    @app.callback(
        Output("emerging-summary", "children"),
        Output("emerging-list", "children"),
        *card_outputs("emerging"),
        Output("emerging-indicator-about", "children"),
        Output("emerging-year", "data"),
        Output("emerging-live-notices", "children"),
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
        )

    @app.callback(Output("emerging-track", "children"), *STATE.inputs(*TRACK))
    @shared
    def update_track(*values):
        state, _notices = STATE.from_controls(values, fields=TRACK)  # shown by `update`
        return track_view(state)

    STATE.register_url_sync(app)
    register_card_view("emerging", lambda query: emerging_view(STATE.from_query(query)[0]))
