"""The compare view's callbacks: redraw on any control and keep the URL in step."""

from __future__ import annotations

from dash import Dash, Output

from dashboard.app.components.cards import (
    card_outputs,
    register_card_view,
)
from dashboard.app.components.controls import indicator_about
from dashboard.app.pages.compare.state import STATE, base_years
from dashboard.app.pages.compare.view import compare_view
from dashboard.app.shared_answers import shared


def register(app: Dash) -> None:
    @app.callback(
        *card_outputs("compare"),
        Output("compare-indicator-about", "children"),
        Output("compare-base", "data"),
        Output("compare-base", "value"),
        *STATE.inputs(),
    )
    @shared
    def update(*values):
        """The chart, and the base years this indicator and selection have data for."""
        state, _notices = STATE.from_controls(values)
        years = [str(y) for y in base_years(state.indicator, tuple(state.entities))]
        base = str(state.base) if state.base else None
        return (*compare_view(state), indicator_about(state.indicator), years, base)

    STATE.register_url_sync(app)
    register_card_view("compare", lambda query: compare_view(STATE.from_query(query)[0]))
