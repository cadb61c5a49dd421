"""The Factors page's callbacks: the year and country choices follow the indicator; the scatter
redraws on its five controls, the growth chart on indicator, factor and country; the URL keeps
all six."""

from __future__ import annotations

from dash import Dash, Output, State

from dashboard.app.components.cards import (
    card_outputs,
    register_card_view,
)
from dashboard.app.components.controls import indicator_about
from dashboard.app.pages.factors.state import STATE, country_options, year_options
from dashboard.app.pages.factors.view import scatter_view, within_view
from dashboard.app.shared_answers import shared

SCATTER = ["indicator", "norm", "factor", "year", "scale"]
WITHIN = ["indicator", "factor", "country"]


def register(app: Dash) -> None:
    @app.callback(
        Output("factors-year", "data"),
        Output("factors-year", "value"),
        Output("factors-country", "data"),
        Output("factors-country", "value"),
        *STATE.inputs("indicator"),
        State("factors-year", "value"),
        State("factors-country", "value"),
        prevent_initial_call=True,
    )
    @shared
    def options(indicator, year, country):
        fields = ["indicator", "year", "country"]
        state, _notices = STATE.from_controls([indicator, year, country], fields=fields)
        return (
            year_options(state.indicator),
            state.year,
            country_options(state.indicator),
            state.country,
        )

    @app.callback(
        *card_outputs("factors"),
        Output("factors-stats", "children"),
        Output("factors-indicator-about", "children"),
        *STATE.inputs(*SCATTER),
    )
    @shared
    def update(*values):
        state, _notices = STATE.from_controls(values, fields=SCATTER)
        return (*scatter_view(state), indicator_about(state.indicator))

    @app.callback(
        *card_outputs("factors-within"),
        Output("factors-within-verdict", "children"),
        *STATE.inputs(*WITHIN),
    )
    @shared
    def update_within(*values):
        state, _notices = STATE.from_controls(values, fields=WITHIN)
        return within_view(state)

    STATE.register_url_sync(app)
    register_card_view("factors", lambda query: scatter_view(STATE.from_query(query)[0]))
    register_card_view("factors-within", lambda query: within_view(STATE.from_query(query)[0]))
