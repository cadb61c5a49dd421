"""Emerging threats: a ranked list of unusual rises, each with the reason it was flagged."""

from __future__ import annotations

from typing import Literal

import dash_mantine_components as dmc
import pandas as pd
from dash import Dash, Input, Output, html
from pydantic import BaseModel, Field

from dashboard.analysis.emerging import (
    DEFAULT_INDICATOR,
    MIN_HISTORY,
    MIN_PEERS,
    FlagParams,
    apply_thresholds,
    default_indicators,
    growth_scores,
    ranked_flags,
    selected_years,
)
from dashboard.analysis.series import indicator_series, with_segments
from dashboard.app import context
from dashboard.app.components.cards import (
    card_data,
    card_footer,
    card_table,
    chart_card,
    safe_filename,
)
from dashboard.app.components.controls import indicator_about, indicator_picker, notices
from dashboard.app.lookups import citation_lines, indicator_options, source_line
from dashboard.app.pages import Page
from dashboard.app.pages.emerging_parts import (
    list_frame,
    method_section,
    ranked_list,
    small_multiples,
)
from dashboard.app.urlstate import parse_state, to_query
from dashboard.charts.style import base_layout
from dashboard.wording.numbers import format_pct, format_value
from dashboard.wording.reasons import with_reasons
from dashboard.wording.units import COUNTED

PATH = "/emerging"
LIST_LIMIT = 30
PANELS = 12
DEFAULTS = FlagParams()


class EmergingState(BaseModel):
    indicator: str = DEFAULT_INDICATOR
    year: int | Literal["latest", "all"] = "latest"
    min_base: int = Field(int(DEFAULTS.min_base), ge=0)
    min_growth: float = Field(DEFAULTS.min_growth_pct, ge=0, le=100_000)
    own_z: float = Field(DEFAULTS.own_z, gt=0, le=100)
    peer_z: float = Field(DEFAULTS.peer_z, gt=0, le=100)

    def params(self) -> FlagParams:
        return FlagParams(
            min_base=self.min_base,
            min_growth_pct=self.min_growth,
            own_z=self.own_z,
            peer_z=self.peer_z,
            year=self.year,
            indicators=[self.indicator],
        )

    def query(self) -> str:
        """The URL query: whole numbers without '.0', defaults left out."""
        values = {
            k: int(v) if isinstance(v, float) and v.is_integer() else v
            for k, v in self.model_dump().items()
        }
        return to_query(values, EmergingState())


@context.per_store
def eligible() -> list[str]:
    store = context.store()
    return default_indicators(store.observations, store.indicators, store.entities)


@context.per_store
def indicator_scores(indicator: str) -> pd.DataFrame:
    """Every year-on-year change of one indicator with its scores: all that does not depend
    on the thresholds, computed once per store."""
    store = context.store()
    return growth_scores(store.observations, store.indicators, store.entities, [indicator])


@context.per_store
def country_series(indicator: str) -> pd.DataFrame:
    """Every country's published series of the indicator, stretches between breaks numbered."""
    store = context.store()
    breaks = [int(b) for b in store.indicators.set_index("id").loc[indicator, "breaks"]]
    countries = list(store.entities.loc[store.entities["kind"] == "country", "code"])
    return with_segments(indicator_series(store.observations, indicator, countries), breaks)


@context.per_store
def growth_years(indicator: str) -> list[int]:
    """Years with at least one year-on-year change (not across a break) for the indicator."""
    growth = indicator_scores(indicator)
    return sorted(int(y) for y in growth.loc[growth["log_growth"].notna(), "year"].unique())


def checked_state(state: EmergingState) -> tuple[EmergingState, list[str]]:
    """Checks that need the store: a listed indicator, a year that has changes to score."""
    messages = []
    if state.indicator not in eligible():
        messages.append(
            f"'{state.indicator}' cannot be scored here (it needs country counts of reports "
            "over enough years or countries); showing NCMEC CyberTipline reports by country."
        )
        state = state.model_copy(update={"indicator": DEFAULT_INDICATOR})
    years = growth_years(state.indicator)
    if isinstance(state.year, int) and state.year not in years:
        span = f"{years[0]}–{years[-1]}" if years else "no years"
        messages.append(
            f"No year-on-year change can be scored for {state.year} (this indicator: {span}); "
            "showing the latest year instead."
        )
        state = state.model_copy(update={"year": "latest"})
    return state, messages


def year_options(indicator: str) -> list[dict]:
    years = growth_years(indicator)
    latest = f"Latest year ({years[-1]})" if years else "Latest year"
    return [
        {"value": "latest", "label": latest},
        {"value": "all", "label": "All years"},
        *({"value": str(y), "label": str(y)} for y in reversed(years)),
    ]


def unit_suffix(unit: str) -> str:
    word = COUNTED.get(unit, "")
    return f" {word}" if word else ""


def threshold_text(state: EmergingState, unit: str) -> str:
    return (
        f"earlier value at least {format_value(state.min_base)}{unit_suffix(unit)}; "
        f"growth at least {format_pct(state.min_growth)}; "
        f"own-history score at least {state.own_z:g} or peer score at least {state.peer_z:g}"
    )


def emerging_view(state: EmergingState) -> tuple:
    """Summary, ranked list, figure, table, footer and card data for one state."""
    store = context.store()
    indicator = store.indicators.set_index("id").loc[state.indicator]
    breaks = [int(b) for b in indicator["breaks"]]
    unit = indicator["unit"]
    params = state.params()
    scored = apply_thresholds(indicator_scores(state.indicator), params)
    in_year = scored[selected_years(scored, state.year)]
    flagged = with_reasons(ranked_flags(in_year, params), params)
    everyone = country_series(state.indicator)
    years = (int(everyone["year"].min()), int(everyone["year"].max()))
    series = everyone[everyone["entity"].isin(flagged["entity"])]
    when = "in all years" if state.year == "all" else f"in {int(in_year['year'].max())}"
    checked = int(in_year["log_growth"].notna().sum())
    summary = (
        f"{len(flagged)} rise{'s' if len(flagged) != 1 else ''} flagged {when} among {checked} "
        f"year-on-year change{'s' if checked != 1 else ''} checked. "
        f"Thresholds: {threshold_text(state, unit)}."
    )
    if checked and in_year[["own_z", "peer_z"]].isna().all().all():
        summary += (
            f" None of these changes can be scored: a country needs at least {MIN_HISTORY} other "
            f"year-on-year changes, and a peer score at least {MIN_PEERS} countries."
        )
    title = f"Flagged rises {when}: {indicator['name']}"
    figure = small_multiples(flagged, series, breaks, unit, PANELS)
    sources = sorted(set(flagged["source_id"]) | set(flagged["previous_source_id"]))
    plotted = series[series["entity"].isin(flagged["entity"].head(PANELS))]["source_id"]
    base_layout(
        figure,
        f"{title} (top {min(PANELS, len(flagged))})" if len(flagged) else title,
        source_line(list(plotted) or list(everyone["source_id"])),
        height=120 + 180 * max(1, -(-min(PANELS, len(flagged)) // 4)),
    )
    figure.update_layout(margin={"t": 70})
    table = list_frame(flagged)
    header = [
        f"{title}. OCSE Statistics Dashboard, emerging threats view.",
        f"Thresholds: {threshold_text(state, unit)}.",
        "Method: log growth against the country's other years and against all countries that "
        "year, robust scores (median and 1.4826 x MAD); never across a series break. Report "
        "counts reflect platform reporting and geolocation, not prevalence or victims.",
        *citation_lines(sources, state.indicator),
    ]
    filename = safe_filename("emerging", state.indicator, state.year)
    return (
        summary,
        ranked_list(flagged, series, years, breaks, LIST_LIMIT),
        figure,
        card_table(table, "emerging-table-data"),
        card_footer(header[2:]),
        card_data(table, header, filename),
    )


def number_input(component_id: str, label: str, value: float, **props) -> dmc.NumberInput:
    return dmc.NumberInput(
        id=component_id,
        label=label,
        value=value,
        min=0,
        debounce=400,
        w=200,
        thousandSeparator=",",
        **props,
    )


def controls(state: EmergingState) -> list:
    return [
        dmc.Group(
            [
                indicator_picker(
                    "emerging-indicator", state.indicator, indicator_options(set(eligible()))
                ),
                dmc.Select(
                    id="emerging-year",
                    label="Year",
                    data=year_options(state.indicator),
                    value=str(state.year),
                    allowDeselect=False,
                    w=200,
                ),
            ],
            align="flex-start",
            mt="md",
        ),
        dmc.Group(
            [
                number_input(
                    "emerging-min-base",
                    "Minimum earlier value",
                    state.min_base,
                    step=500,
                    allowDecimal=False,
                    description="smaller bases are never flagged",
                ),
                number_input(
                    "emerging-min-growth",
                    "Minimum growth (%)",
                    state.min_growth,
                    step=10,
                    description="rise from the year before",
                ),
                number_input(
                    "emerging-own-z",
                    "Own-history score at least",
                    state.own_z,
                    step=0.5,
                    decimalScale=2,
                    description="vs the country's other years",
                ),
                number_input(
                    "emerging-peer-z",
                    "Peer score at least",
                    state.peer_z,
                    step=0.5,
                    decimalScale=2,
                    description="vs all countries that year",
                ),
            ],
            align="flex-start",
            mt="sm",
        ),
    ]


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = parse_state(EmergingState, query)
    state, more = checked_state(state)
    return html.Div(
        [
            dmc.Title("Emerging threats", order=2),
            dmc.Text(
                "Unusual rises in published counts, country by country, each with the reason it "
                "was flagged. A flag is a reason to look closer, not evidence of more abuse: "
                "report counts reflect platform reporting and where uploads geolocate, not "
                "prevalence or victims.",
                c="dimmed",
                size="sm",
            ),
            *notices(messages + more),
            *controls(state),
            html.Div(id="emerging-live-notices"),
            html.P(id="emerging-summary", className="emerging-summary", role="status"),
            html.Div(id="emerging-list", className="emerging-list"),
            html.Div(chart_card("emerging"), className="card-wrap"),
            method_section(context.store().indicators.set_index("id").loc[state.indicator, "unit"]),
        ]
    )


INPUTS = [
    Input("emerging-indicator", "value"),
    Input("emerging-year", "value"),
    Input("emerging-min-base", "value"),
    Input("emerging-min-growth", "value"),
    Input("emerging-own-z", "value"),
    Input("emerging-peer-z", "value"),
]


def _state(indicator, year, min_base, min_growth, own_z, peer_z) -> tuple[EmergingState, list]:
    """Control values -> a checked state; an empty or out-of-range box falls back, with a note."""
    values = {
        "indicator": indicator or DEFAULT_INDICATOR,
        "year": year or "latest",
        "min_base": min_base,
        "min_growth": min_growth,
        "own_z": own_z,
        "peer_z": peer_z,
    }
    raw = {k: str(v) for k, v in values.items() if v not in (None, "")}
    state, messages = parse_state(EmergingState, raw)
    state, more = checked_state(state)
    return state, messages + more


def register(app: Dash) -> None:
    @app.callback(
        Output("emerging-summary", "children"),
        Output("emerging-list", "children"),
        Output("emerging-graph", "figure"),
        Output("emerging-table", "children"),
        Output("emerging-footer", "children"),
        Output({"type": "card-data", "card": "emerging"}, "data"),
        Output("emerging-indicator-about", "children"),
        Output("emerging-year", "data"),
        Output("emerging-live-notices", "children"),
        *INPUTS,
    )
    def update(*values):
        state, messages = _state(*values)
        return (
            *emerging_view(state),
            indicator_about(state.indicator),
            year_options(state.indicator),
            notices([m.replace("URL parameter", "value") for m in messages]),
        )

    @app.callback(Output("url", "search", allow_duplicate=True), *INPUTS, prevent_initial_call=True)
    def sync_url(*values):
        state, _ = _state(*values)
        return state.query()


PAGE = Page(PATH, "Emerging threats", layout, register)
