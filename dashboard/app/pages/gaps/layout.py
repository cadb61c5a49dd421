"""The Data gaps page: who to look at, the rule for what counts as a gap, the missing list and
the status grid, and the coverage map whose countries can be clicked."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.app.components.cards import chart_card, topojson_url
from dashboard.app.components.controls import select
from dashboard.app.components.page import page_heading
from dashboard.app.pages.gaps.state import STATE, who_options
from dashboard.app.pages.gaps.view import GAP_RULE, missing_list, shown_gaps
from dashboard.language import _

PATH = "/gaps"


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = STATE.from_query(query)
    return html.Div(
        [
            *page_heading(
                _("Data gaps"),
                _("Where published OCSE figures are missing: by indicator, year and country."),
                messages,
            ),
            select(
                "gaps-who",
                _("Country or group"),
                who_options(),
                state.who,
                580,
                searchable=True,
                mt="md",
                comboboxProps={"zIndex": 400},
            ),
            dmc.Text(_(GAP_RULE), size="xs", c="dimmed", mt=4, maw=900),
            html.Div(
                missing_list(state, shown_gaps(state.who)),
                id="gaps-missing",
                className="gaps-missing-list",
            ),
            html.Div(chart_card("gaps-matrix"), className="card-wrap"),
            dmc.Title(_("Coverage around the world"), order=3, mt="xl"),
            dmc.Text(_("Click a country to list its gaps above."), c="dimmed", size="sm"),
            html.Div(map_card(), className="card-wrap"),
        ]
    )


def map_card() -> html.Section:
    """A chart card whose graph fetches map shapes from the app, never from a CDN."""
    card = chart_card("gaps-map")
    graph = card["gaps-map-graph"]
    graph.config = {**graph.config, "topojsonURL": topojson_url()}
    return card
