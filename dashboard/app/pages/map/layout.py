"""The map page: indicator, normalisation and colour scale, a year slider with play, the
chart card, and the notes under the map."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html

from dashboard.app.components.cards import chart_card, graph_config, topojson_url
from dashboard.app.components.controls import (
    indicator_picker,
    normalisation_control,
    scale_control,
)
from dashboard.app.components.page import page_heading
from dashboard.app.lookups import indicator_options, reports_caveat
from dashboard.app.pages.map.state import STATE, country_years
from dashboard.app.pages.map.view import year_marks
from dashboard.language import _

PATH = "/map"
PLAY_MS = 1400


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = STATE.from_query(query)
    years = country_years()[state.indicator]
    options = indicator_options(only=set(country_years()))
    card = chart_card("map")
    card["map-graph"].config = graph_config(topojsonURL=topojson_url())
    return html.Div(
        [
            *page_heading(
                _("Map"),
                _(
                    "Published values by country for one year. Click a country to open its "
                    "profile. {reports_caveat}"
                ).format(reports_caveat=reports_caveat()),
                messages,
            ),
            dmc.Group(
                [
                    indicator_picker("map-indicator", state.indicator, options),
                    normalisation_control("map-norm", state.norm),
                    scale_control(
                        "map-scale",
                        state.scale,
                        "colours",
                        mt=24,
                        **{"aria-label": _("Colour scale")},
                    ),
                ],
                align="flex-start",
                mt="sm",
            ),
            html.Div(
                [
                    html.Span(_("Year"), id="map-year-label", className="map-year-label"),
                    html.Button(
                        _("▶ Play"),
                        id="map-play",
                        className="dl-btn map-play",
                        **{"aria-label": _("Play: step through the years")},
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
                        **{"data-labelledby": "map-year-label"},  # names the handle
                    ),
                    dcc.Interval(id="map-interval", interval=PLAY_MS, disabled=True),
                ],
                className="map-year-row",
            ),
            html.Div(id="map-live-notices"),
            html.Div(card, className="card-wrap"),
            html.Section(
                [dmc.Title(_("Reading this map"), order=4), html.Ul(id="map-notes")],
                className="map-notes",
            ),
        ]
    )
