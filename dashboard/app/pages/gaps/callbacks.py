"""The Data gaps page's callbacks: redraw for who is chosen, fill the coverage map once, pick a
country by clicking the map, and keep the URL in step."""

from __future__ import annotations

from dash import Dash, Input, Output, no_update

from dashboard.app.components.cards import (
    card_outputs,
    clicked_point,
    register_card_view,
)
from dashboard.app.lookups import country_codes
from dashboard.app.pages.gaps.state import STATE
from dashboard.app.pages.gaps.view import map_view, matrix_view, missing_list, shown_gaps
from dashboard.app.shared_answers import shared


def register(app: Dash) -> None:
    @app.callback(
        *card_outputs("gaps-matrix"),
        Output("gaps-missing", "children"),
        *STATE.inputs(),
    )
    @shared
    def update(who):
        state, _notices = STATE.from_controls([who])
        gaps = shown_gaps(state.who)
        return (*matrix_view(state, gaps), missing_list(state, gaps))

    @app.callback(*card_outputs("gaps-map"), Input("gaps-map-card", "id"))
    @shared
    def update_map(_card_id):
        return map_view()

    @app.callback(
        Output("gaps-who", "value"),
        Input("gaps-map-graph", "clickData"),
        prevent_initial_call=True,
    )
    def pick_on_map(click):
        code = clicked_point(click).get("location")
        return code if isinstance(code, str) and code in country_codes() else no_update

    STATE.register_url_sync(app)

    def matrix_file(query: dict[str, str]):
        state, _notices = STATE.from_query(query)
        return matrix_view(state, shown_gaps(state.who))

    register_card_view("gaps-matrix", matrix_file)
    register_card_view("gaps-map", lambda query: map_view())
