"""The map's callbacks: redraw on any control, keep the URL in step, open a clicked country,
and play through the years."""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

from dashboard.app.components.cards import (
    card_outputs,
    clicked_point,
    register_card_view,
)
from dashboard.app.components.controls import indicator_about, notices
from dashboard.app.errors import ClientError, client_value
from dashboard.app.lookups import country_codes
from dashboard.app.pages.map.state import STATE, YearFallback, country_years
from dashboard.app.pages.map.view import map_view, year_marks
from dashboard.app.shared_answers import shared
from dashboard.language import _


def register(app: Dash) -> None:
    @app.callback(
        *card_outputs("map"),
        Output("map-notes", "children"),
        Output("map-indicator-about", "children"),
        Output("map-year", "min"),
        Output("map-year", "max"),
        Output("map-year", "marks"),
        Output("map-year", "value"),
        Output("map-norm", "value"),
        Output("map-live-notices", "children"),
        *STATE.inputs(),
    )
    @shared
    def update(indicator, year, norm, scale):
        state, messages = STATE.from_controls([indicator, year, norm, scale])
        years = country_years()[state.indicator]
        live = [m for m in messages if not isinstance(m, YearFallback)]
        return (
            *map_view(state),
            indicator_about(state.indicator),
            years[0],
            years[-1],
            year_marks(years),
            state.year if state.year != year else no_update,
            state.norm if state.norm != norm else no_update,
            notices(live),
        )

    STATE.register_url_sync(app)
    register_card_view("map", lambda query: map_view(STATE.from_query(query)[0]))

    @app.callback(
        Output("url", "pathname", allow_duplicate=True),
        Output("url", "search", allow_duplicate=True),
        Input("map-graph", "clickData"),
        prevent_initial_call=True,
    )
    def open_country(click):
        data = clicked_point(click).get("customdata")
        code = data[0] if isinstance(data, list) and data else None
        if not isinstance(code, str) or code not in country_codes():
            return no_update, no_update
        return f"/country/{code}", ""

    @app.callback(
        Output("map-interval", "disabled"),
        Output("map-play", "children"),
        Output("map-play", "aria-label"),
        Output("map-year", "value", allow_duplicate=True),
        Input("map-play", "n_clicks"),
        State("map-interval", "disabled"),
        State("map-year", "value"),
        State("map-year", "marks"),
        prevent_initial_call=True,
    )
    def play(_clicks, disabled, year, marks):
        years, year = slider_years(marks), client_value(int | None, year, "The year")
        if not client_value(bool | None, disabled, "The animation's state"):
            return True, *play_button(), no_update
        restart = years[0] if year == years[-1] else no_update
        return False, _("❚❚ Pause"), _("Pause the animation"), restart

    @app.callback(
        Output("map-year", "value", allow_duplicate=True),
        Output("map-interval", "disabled", allow_duplicate=True),
        Output("map-play", "children", allow_duplicate=True),
        Output("map-play", "aria-label", allow_duplicate=True),
        Input("map-interval", "n_intervals"),
        State("map-year", "value"),
        State("map-year", "marks"),
        prevent_initial_call=True,
    )
    def step(_ticks, year, marks):
        years, year = slider_years(marks), client_value(int | None, year, "The year")
        later = [y for y in years if y > (year or 0)]
        if not later:
            return no_update, True, *play_button()
        if len(later) == 1:
            return later[0], True, *play_button()
        return later[0], no_update, no_update, no_update


def play_button() -> tuple[str, str]:
    """The play button's text and accessible name."""
    return _("▶ Play"), _("Play: step through the years")


def slider_years(marks: object) -> list[int]:
    """The years of the slider's marks ({"2019": "2019", "2020": "", ...}), which the map's
    callback set and the browser sends back."""
    marks = client_value(dict[str, str], marks, "The year marks")
    years = sorted(int(y) for y in marks if y.isdecimal() and len(y) == 4)
    if not years or len(years) != len(marks):
        raise ClientError("The year marks are not valid.")
    return years
