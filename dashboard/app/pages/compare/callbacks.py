"""The compare view's callbacks: redraw on any control and keep the URL in step."""

from __future__ import annotations

from dash import Dash, Output

from dashboard.app.components.cards import (
    card_outputs,
    register_card_view,
)
from dashboard.app.components.controls import indicator_about
from dashboard.app.pages.compare.state import STATE
from dashboard.app.pages.compare.view import compare_view


def register(app: Dash) -> None:
    @app.callback(
        *card_outputs("compare"),
        Output("compare-indicator-about", "children"),
        *STATE.inputs(),
    )
    def update(*values):
        state, _ = STATE.from_controls(values)
        return (*compare_view(state), indicator_about(state.indicator))

    STATE.register_url_sync(app)
    register_card_view("compare", lambda query: compare_view(STATE.from_query(query)[0]))
