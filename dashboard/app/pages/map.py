"""Map: one country-level indicator in one year, raw or normalised, linear or log colours.

Only countries are coloured: world totals, regions and "No country listed" are said in words
beside the map. Clicking a country opens its profile. The URL holds the whole view.
"""

from __future__ import annotations

from typing import Literal

import dash_mantine_components as dmc
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update
from pydantic import BaseModel

from dashboard.analysis.maps import headline_rows, map_values
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.app import context
from dashboard.app.components.cards import (
    GRAPH_CONFIG,
    card_data,
    card_footer,
    card_table,
    chart_card,
    safe_filename,
    topojson_url,
)
from dashboard.app.components.controls import (
    indicator_about,
    indicator_picker,
    normalisation_control,
    normalisation_fallback,
    notices,
    scale_control,
)
from dashboard.app.lookups import (
    citation_lines,
    indicator_options,
    indicators_by_id,
    source_line,
    world_totals,
)
from dashboard.app.pages import Page
from dashboard.app.pages.map_parts import map_notes, table_frame, year_marks
from dashboard.app.urlstate import Normalisation, parse_state, to_query
from dashboard.charts.maps import map_figure, with_positions
from dashboard.wording.flags import with_flag_texts
from dashboard.wording.hovers import hover_lines
from dashboard.wording.units import unit_label

PATH = "/map"
PLAY_MS = 1400


class MapState(BaseModel):
    indicator: str = "cybertipline_reports"
    year: int | None = None
    norm: Normalisation = "raw"
    scale: Literal["linear", "log"] = "log"


@context.per_store
def country_years() -> dict[str, list[int]]:
    """Indicator -> years with at least one country value (what the map can show)."""
    store = context.store()
    obs = store.observations
    countries = set(store.entities.loc[store.entities["kind"] == "country", "code"])
    rows = obs[obs["preferred"] & (obs["category"] == "") & obs["entity"].isin(countries)]
    return {k: sorted(set(map(int, v))) for k, v in rows.groupby("indicator")["year"]}


@context.per_store
def indicator_headline_rows(indicator_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return headline_rows(context.store(), indicator_id)


@context.per_store
def country_entities() -> pd.DataFrame:
    entities = context.store().entities
    return entities[entities["kind"] == "country"]


def checked_state(state: MapState) -> tuple[MapState, list[str]]:
    """Store-aware checks: an indicator with country values, one of its years, a usable norm."""
    years = country_years()
    messages = []
    if state.indicator not in years:
        messages.append(
            f"Unknown indicator '{state.indicator}' (or none with country values); "
            "showing the default instead."
        )
        state = state.model_copy(update={"indicator": MapState().indicator})
    available = years[state.indicator]
    if state.year is not None and state.year not in available:
        messages.append(
            f"No country values for {state.year} in this indicator "
            f"(years: {available[0]}-{available[-1]}); showing {available[-1]}."
        )
    if state.year not in available:
        state = state.model_copy(update={"year": available[-1]})
    unit = indicators_by_id().loc[state.indicator, "unit"]
    norm, found = normalisation_fallback(state.norm, unit)
    messages += found
    state = state.model_copy(update={"norm": norm})
    return state, messages


def map_view(state: MapState) -> tuple:
    """Figure, table, footer, card data and notes for one checked state."""
    store = context.store()
    indicator = indicators_by_id().loc[state.indicator]
    unit, how = indicator["unit"], state.norm
    rows = indicator_headline_rows(state.indicator)
    world = world_totals(state.indicator)
    frame, others = map_values(store, indicator, state.year, how, rows, world)
    frame = with_positions(with_flag_texts(frame))
    frame["hover"] = hover_lines(frame, unit, how, store.sources)
    countries = country_entities()
    valued = set(frame.loc[frame["value"].notna(), "entity"].tolist())
    missing = countries[[code not in valued for code in countries["code"].tolist()]]
    reasons = dict(zip(frame["entity"].tolist(), frame["denominator_note"].tolist(), strict=True))
    no_data = pd.DataFrame({"entity": missing["code"], "name": missing["name"]})
    no_data["hover"] = [
        f"<b>{n}</b> ({state.year})<br>no published value"
        + (f" ({reasons[c]})" if reasons.get(c) else "")
        + "<br><i>click to open the country profile</i>"
        for c, n in zip(no_data["entity"], no_data["name"], strict=True)
    ]
    label = unit_label(unit) if how == "raw" else NORMALISATIONS[how]
    if how == "index":
        label = f"index ({int(frame['year'].min()) if len(frame) else state.year} = 100)"
    title = f"{indicator['name']}, {state.year}: {label}"
    figure = map_figure(
        frame,
        no_data,
        title,
        source_line(list(frame["source_id"])),
        label + (" (log scale)" if state.scale == "log" else ""),
        state.scale == "log",
    )
    table = table_frame(frame, store.sources)
    header = [
        f"{title}. OCSE Statistics Dashboard, map view (countries only).",
        *citation_lines(list(frame["source_id"]), state.indicator),
    ]
    shown = table.drop(columns="country")
    linked = card_table(table.drop(columns="country name"), "map-table-data")
    linked.columns = [
        {**c, "presentation": "markdown"} if c["id"] == "country" else c for c in linked.columns
    ]
    filename = safe_filename(state.indicator, state.year, state.norm, state.scale)
    return (
        figure,
        linked,
        card_footer(header[1:]),
        card_data(shown, header, filename),
        map_notes(
            indicator,
            state.year,
            country_years()[state.indicator][-1],
            frame,
            others,
            no_data,
        ),
    )


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = parse_state(MapState, query)
    state, more = checked_state(state)
    years = country_years()[state.indicator]
    options = indicator_options(only=set(country_years()))
    card = chart_card("map")
    card["map-graph"].config = {**GRAPH_CONFIG, "topojsonURL": topojson_url()}
    return html.Div(
        [
            dmc.Title("Map", order=2),
            dmc.Text(
                "Published values by country for one year. Click a country to open its "
                "profile. Report counts measure reporting volume, not victims or prevalence.",
                c="dimmed",
                size="sm",
            ),
            *notices(messages + more),
            dmc.Group(
                [
                    indicator_picker("map-indicator", state.indicator, options),
                    normalisation_control("map-norm", state.norm),
                    scale_control(
                        "map-scale",
                        state.scale,
                        linear="Linear colours",
                        log="Log colours",
                        first="linear",
                        mt=24,
                        **{"aria-label": "Colour scale"},
                    ),
                ],
                align="flex-start",
                mt="sm",
            ),
            html.Div(
                [
                    html.Span("Year", id="map-year-label", className="map-year-label"),
                    html.Button(
                        "▶ Play",
                        id="map-play",
                        className="dl-btn map-play",
                        **{"aria-label": "Play: step through the years"},
                    ),
                    html.Div(
                        dcc.Slider(
                            id="map-year",
                            min=years[0],
                            max=years[-1],
                            step=None,
                            marks=year_marks(years),
                            value=state.year,
                            allow_direct_input=False,
                            included=False,
                        ),
                        className="map-slider",
                    ),
                    dcc.Interval(id="map-interval", interval=PLAY_MS, disabled=True),
                ],
                className="map-year-row",
            ),
            html.Div(id="map-live-notices"),
            html.Div(card, className="card-wrap"),
            html.Section(
                [dmc.Title("Reading this map", order=4), html.Ul(id="map-notes")],
                className="map-notes",
            ),
        ]
    )


INPUTS = [
    Input("map-indicator", "value"),
    Input("map-year", "value"),
    Input("map-norm", "value"),
    Input("map-scale", "value"),
]


def _state(indicator, year, norm, scale) -> tuple[MapState, list[str]]:
    state = MapState(
        indicator=indicator or MapState().indicator,
        year=int(year) if year is not None else None,
        norm=norm or "raw",
        scale=scale or "log",
    )
    return checked_state(state)


def register(app: Dash) -> None:
    @app.callback(
        Output("map-graph", "figure"),
        Output("map-table", "children"),
        Output("map-footer", "children"),
        Output({"type": "card-data", "card": "map"}, "data"),
        Output("map-notes", "children"),
        Output("map-indicator-about", "children"),
        Output("map-year", "min"),
        Output("map-year", "max"),
        Output("map-year", "marks"),
        Output("map-year", "value"),
        Output("map-norm", "value"),
        Output("map-live-notices", "children"),
        *INPUTS,
    )
    def update(indicator, year, norm, scale):
        state, messages = _state(indicator, year, norm, scale)
        years = country_years()[state.indicator]
        live = [m for m in messages if not m.startswith("No country values")]
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

    @app.callback(Output("url", "search", allow_duplicate=True), *INPUTS, prevent_initial_call=True)
    def sync_url(*values):
        state, _ = _state(*values)
        return to_query(state.model_dump(), MapState())

    @app.callback(
        Output("url", "pathname", allow_duplicate=True),
        Output("url", "search", allow_duplicate=True),
        Input("map-graph", "clickData"),
        prevent_initial_call=True,
    )
    def open_country(click):
        points = (click or {}).get("points") or []
        code = (points[0].get("customdata") or [None])[0] if points else None
        if not code:
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
        years = sorted(int(y) for y in marks)
        if not disabled:
            return True, "▶ Play", "Play: step through the years", no_update
        restart = years[0] if year == years[-1] else no_update
        return False, "❚❚ Pause", "Pause the animation", restart

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
        years = sorted(int(y) for y in marks)
        later = [y for y in years if y > (year or 0)]
        if not later:
            return no_update, True, "▶ Play", "Play: step through the years"
        if len(later) == 1:
            return later[0], True, "▶ Play", "Play: step through the years"
        return later[0], no_update, no_update, no_update


PAGE = Page(PATH, "Map", layout, register)
