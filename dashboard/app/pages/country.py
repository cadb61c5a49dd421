"""Country profile: every indicator for one country, its region and the world, context, gaps.

The country is in the path (/country/PHL); the chart's indicator, normalisation and scale
are in the query. An unknown code gives a notice and a country picker, never an error page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import dash_mantine_components as dmc
import pandas as pd
from dash import Dash, Input, Output, State, dcc, html, no_update
from dash.exceptions import PreventUpdate
from pydantic import BaseModel

from dashboard.analysis import profile
from dashboard.analysis.rates import NORMALISATIONS, normalisable
from dashboard.app import context
from dashboard.app.components.cards import chart_card
from dashboard.app.components.controls import (
    indicator_about,
    indicator_picker,
    normalisation_control,
    notices,
)
from dashboard.app.components.sentences import narrative_block
from dashboard.app.lookups import countries, country_codes, indicator_options
from dashboard.app.pages import Page, country_parts
from dashboard.app.pages.country_chart import chart_view
from dashboard.app.urlstate import Normalisation, parse_state, to_query
from dashboard.wording.sentences import Sentence, country_narrative

PATH = "/country/"
NCMEC = "cybertipline_reports"
NCMEC_YEARS = range(2019, 2024)


class CountryState(BaseModel):
    indicator: str = NCMEC
    norm: Normalisation = "raw"
    scale: Literal["linear", "log"] = "linear"


@context.per_store
def country_options() -> list[dict]:
    """The picker's choices: every country with at least one observation."""
    used = set(context.store().observations["entity"].unique())
    rows = countries()
    rows = rows[rows["code"].isin(used)]
    return [
        {"value": c, "label": f"{n} ({c})"} for c, n in zip(rows["code"], rows["name"], strict=True)
    ]


@context.per_store
def own_indicators(code: str) -> frozenset[str]:
    """The indicators with a preferred value for the country."""
    obs = context.store().observations
    rows = obs[obs["entity"] == code]
    return frozenset(rows.loc[rows["preferred"], "indicator"])


@context.per_store
def headline_ranks() -> pd.DataFrame:
    """Every country's rank in every indicator and year, for the profile tables."""
    return profile.headline_ranks(context.store().observations, country_codes())


@context.per_store
def source_records() -> dict[str, dict]:
    """The publications by id, for the tables' source links (read-only)."""
    return country_parts.source_records(context.store().sources)


@dataclass(frozen=True)
class CountryFacts:
    """What the profile shows about a country whatever the controls say."""

    table: pd.DataFrame  # every indicator: latest value, change, rank
    context_rows: pd.DataFrame  # latest context values, with their unit
    gaps: list[tuple[str, list[str]]]  # missing multi-country indicators, by publisher
    missing: list[int]  # NCMEC years without a value
    sources: pd.DataFrame
    narrative: list[Sentence]


@context.per_store
def country_facts(code: str) -> CountryFacts:
    """Computed once per store and country; callers must not modify the frames."""
    store = context.store()
    codes = country_codes()
    context_rows = profile.context_latest(store.observations, code)
    context_rows["unit"] = context_rows["indicator"].map(store.indicators.set_index("id")["unit"])
    return CountryFacts(
        table=profile.profile_table(
            store.observations, store.indicators, codes, code, ranks=headline_ranks()
        ),
        context_rows=context_rows,
        gaps=profile.country_gaps(store.observations, store.indicators, codes, code),
        missing=profile.missing_years(store.observations, NCMEC, code, NCMEC_YEARS),
        sources=profile.entity_sources(store.observations, store.sources, code),
        narrative=country_narrative(store, code),
    )


def checked_state(state: CountryState, code: str) -> tuple[CountryState, list[str]]:
    store = context.store()
    indicators = store.indicators.set_index("id")
    own = own_indicators(code)
    messages = []
    if state.indicator not in own:
        fallback = NCMEC if NCMEC in own else (sorted(own) or [NCMEC])[0]
        if state.indicator != CountryState().indicator or fallback != state.indicator:
            messages.append(
                f"No values for indicator '{state.indicator}' in this country; "
                f"showing '{fallback}' instead."
            )
        state = state.model_copy(update={"indicator": fallback})
    unit = indicators.loc[state.indicator, "unit"]
    if state.norm not in ("raw", "index") and not normalisable(unit):
        messages.append(
            f"'{NORMALISATIONS[state.norm]}' does not apply to {unit} values; "
            "showing them as published."
        )
        state = state.model_copy(update={"norm": "raw"})
    return state, messages


def unknown_country(code: str, messages: list[str]) -> html.Div:
    what = f"No country with the code '{code}'." if code else "No country chosen."
    return html.Div(
        [
            dmc.Title("Country profile", order=2),
            *notices([*messages, f"{what} Choose a country below."]),
            country_parts.country_picker(country_options(), None),
            dmc.Text(["Or pick a country on the ", dcc.Link("map", href="/map"), "."], mt="sm"),
        ]
    )


def layout(path: str, query: dict[str, str]) -> html.Div:
    code = path.removeprefix(PATH).strip("/").upper()
    state, messages = parse_state(CountryState, query)
    if code not in country_codes():
        return unknown_country(code, messages)
    state, more = checked_state(state, code)
    store = context.store()
    entity = store.entities.set_index("code").loc[code]
    country = country_facts(code)
    table = country.table
    meta = store.indicators.set_index("id")
    income = (entity["income_group"] or "not listed").replace("_", " ")
    facts = f"UN region: {entity['un_region'] or 'not listed'} · Income group: {income}"
    return html.Div(
        [
            dcc.Store(id="country-code", data=code),
            dmc.Group(
                [
                    html.Div(
                        [
                            dmc.Title(f"{entity['name']} ({code})", order=2, id="country-title"),
                            dmc.Text(facts, c="dimmed", size="sm", id="country-facts"),
                        ]
                    ),
                    country_parts.country_picker(country_options(), code),
                ],
                justify="space-between",
                align="flex-end",
            ),
            country_parts.brief_buttons(),  # Download brief: DOCX / HTML / PDF
            *notices(messages + more),
            html.Nav(
                [
                    html.A(label, href=f"#{anchor}", className="jump-link")
                    for anchor, label in (
                        ("indicators", "Every indicator"),
                        ("comparison", "Region and world"),
                        ("context", "Context"),
                        ("gaps", "Data gaps"),
                        ("sources", "Sources"),
                    )
                ],
                className="jump-links",
                **{"aria-label": "On this page"},
            ),
            narrative_block("country-narrative", country.narrative),
            dmc.Title("Every published indicator", order=3, mt="md", id="indicators"),
            country_parts.indicator_table(table, source_records(), meta)
            if len(table)
            else dmc.Text("No published OCSE indicator for this country.", id="profile-table"),
            dmc.Title(
                f"Against {entity['un_region'] or 'its region'} and the world",
                order=3,
                mt="md",
                id="comparison",
            ),
            dmc.Group(
                [
                    indicator_picker(
                        "country-indicator",
                        state.indicator,
                        indicator_options(own_indicators(code)),
                    ),
                    normalisation_control("country-norm", state.norm),
                    dmc.SegmentedControl(
                        id="country-scale",
                        value=state.scale,
                        data=[
                            {"value": "linear", "label": "Linear"},
                            {"value": "log", "label": "Log scale"},
                        ],
                        mt=24,
                        **{"aria-label": "Axis scale"},
                    ),
                ],
                align="flex-start",
            ),
            html.Div(chart_card("country"), className="card-wrap"),
            dmc.SimpleGrid(
                [
                    html.Section(
                        [
                            dmc.Title("Context", order=4, id="context"),
                            country_parts.context_table(
                                country.context_rows, meta["name"].to_dict(), source_records()
                            ),
                        ]
                    ),
                    html.Section(
                        [
                            dmc.Title("Data gaps", order=4, id="gaps"),
                            *country_parts.gaps_block(country.gaps, country.missing, NCMEC_YEARS),
                        ]
                    ),
                ],
                cols=2,
                spacing="lg",
                mt="md",
            ),
            dmc.Title("Sources", order=4, mt="md", id="sources"),
            country_parts.sources_list(country.sources),
        ]
    )


INPUTS = [
    Input("country-indicator", "value"),
    Input("country-norm", "value"),
    Input("country-scale", "value"),
]


def _state(indicator, norm, scale, code) -> tuple[CountryState, list[str]]:
    if code not in country_codes():  # the page stores a checked code; anything else is forged
        raise PreventUpdate
    state = CountryState(
        indicator=indicator or CountryState().indicator,
        norm=norm or "raw",
        scale=scale or "linear",
    )
    return checked_state(state, code)


def register(app: Dash) -> None:
    country_parts.register_brief_download(app)  # the "Download brief" buttons

    @app.callback(
        Output("country-graph", "figure"),
        Output("country-table", "children"),
        Output("country-footer", "children"),
        Output({"type": "card-data", "card": "country"}, "data"),
        Output("country-indicator-about", "children"),
        *INPUTS,
        State("country-code", "data"),
    )
    def update(indicator, norm, scale, code):
        state, _ = _state(indicator, norm, scale, code)
        return (
            *chart_view(code, state.indicator, state.norm, state.scale),
            indicator_about(state.indicator),
        )

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        *INPUTS,
        State("country-code", "data"),
        prevent_initial_call=True,
    )
    def sync_url(indicator, norm, scale, code):
        state, _ = _state(indicator, norm, scale, code)
        return to_query(state.model_dump(), CountryState())

    @app.callback(
        Output("url", "pathname", allow_duplicate=True),
        Output("url", "search", allow_duplicate=True),
        Input("country-picker", "value"),
        State("url", "pathname"),
        prevent_initial_call=True,
    )
    def open_country(code, pathname):
        if not code or pathname == f"{PATH}{code}":
            return no_update, no_update
        return f"{PATH}{code}", ""


PAGE = Page(PATH, "Country", layout, register, prefix=True, in_nav=False)
