"""The Factors page: indicator, factor, normalisation, year and scale above the scatter card
and its statistics panel, the caveat, then one country's growth against the factor's."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.analysis.factors import FACTORS, MIN_N
from dashboard.app.components.cards import chart_card
from dashboard.app.components.controls import (
    indicator_picker,
    normalisation_control,
    scale_control,
    select,
)
from dashboard.app.components.page import page_heading
from dashboard.app.lookups import indicator_options
from dashboard.app.pages.factors.state import (
    NORMS,
    STATE,
    country_options,
    indicator_years,
    year_options,
)
from dashboard.language import N_, _

PATH = "/factors"
CAVEAT = N_(
    "Association is not causation. A rank correlation or a fitted line across countries says "
    "that two figures tend to rise together, not that one drives the other. Report counts "
    "reflect how much platforms report, what they detect and where uploads geolocate "
    "(VPNs move them), not how much abuse happens; a country with more internet users and "
    "more platform coverage produces more reports for that reason alone. The context series "
    "come from the World Bank (WDI), ITU and UN World Population Prospects, via Gapminder "
    "(CC BY 4.0)."
)


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = STATE.from_query(query)
    eligible = set(indicator_years())
    return html.Div(
        [
            *page_heading(
                _("External factors"),
                _(
                    "How an indicator lines up with internet use, income, child population or "
                    "subscriptions, country by country. One point is one country in one year; "
                    "statistics need at least {count} points."
                ).format(count=MIN_N),
                messages,
            ),
            dmc.Group(
                [
                    indicator_picker(
                        "factors-indicator", state.indicator, indicator_options(only=eligible)
                    ),
                    select(
                        "factors-factor",
                        _("Context factor"),
                        [{"value": k, "label": _(v)} for k, v in FACTORS.items()],
                        state.factor,
                        380,
                    ),
                ],
                align="flex-start",
                mt="md",
            ),
            dmc.Group(
                [
                    normalisation_control("factors-norm", state.norm, NORMS),
                    select(
                        "factors-year",
                        _("Year"),
                        year_options(state.indicator),
                        state.year,
                        200,
                    ),
                    scale_control("factors-scale", state.scale, "axes", first="log"),
                ],
                mt="sm",
            ),
            dmc.Text(
                _(
                    "The factor is taken for the same country and year as the indicator, never "
                    "a nearby year; a rate's own denominator may come from up to two years away."
                ),
                size="xs",
                c="dimmed",
                mt=4,
            ),
            dmc.Grid(
                [
                    dmc.GridCol(
                        html.Div(chart_card("factors"), className="card-wrap"),
                        span={"base": 12, "md": 8},  # stacked on a phone
                    ),
                    dmc.GridCol(
                        html.Aside(
                            id="factors-stats",
                            className="stats-panel",
                            **{"aria-label": _("Statistics")},
                        ),
                        span={"base": 12, "md": 4},
                    ),
                ],
                mt="sm",
            ),
            dmc.Alert(
                _(CAVEAT),
                title=_("Read this before quoting"),
                color="gray",
                mt="md",
                id="factors-caveat",
            ),
            dmc.Title(_("Within one country: does growth track growth?"), order=3, mt="xl"),
            dmc.Text(
                _(
                    "Compares the change on the year before of the indicator (as published) and "
                    "of the factor. No growth is computed across a series break."
                ),
                c="dimmed",
                size="sm",
            ),
            select(
                "factors-country",
                _("Country"),
                country_options(state.indicator),
                state.country,
                300,
                searchable=True,
                mt="sm",
            ),
            dmc.Text(id="factors-within-verdict", size="sm", mt="xs"),
            html.Div(chart_card("factors-within"), className="card-wrap"),
        ]
    )
