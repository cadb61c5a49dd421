"""Compare: up to 10 countries or regions on one chart, absolute, normalised or indexed."""

from __future__ import annotations

from typing import Literal

import dash_mantine_components as dmc
import pandas as pd
from dash import Dash, Input, Output, html
from pydantic import BaseModel, Field, field_validator

from dashboard.analysis.rates import NORMALISATIONS, normalise_series
from dashboard.analysis.series import indicator_series, with_segments
from dashboard.app import context
from dashboard.app.components.cards import (
    card_data,
    card_footer,
    card_table,
    chart_card,
    safe_filename,
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
    entity_names,
    indicator_options,
    indicators_by_id,
    source_line,
    world_totals,
)
from dashboard.app.pages import Page
from dashboard.app.urlstate import Normalisation, parse_state, to_query
from dashboard.charts.lines import line_chart
from dashboard.charts.style import base_layout
from dashboard.wording.flags import flags_text

PATH = "/compare"
FOCUS = ["PHL", "GHA", "KHM", "THA", "IND"]
MAX_ENTITIES = 10


class CompareState(BaseModel):
    indicator: str = "cybertipline_reports"
    entities: list[str] = Field(default_factory=lambda: list(FOCUS))
    norm: Normalisation = "raw"
    base: int | None = None
    scale: Literal["linear", "log"] = "linear"

    @field_validator("entities", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip().upper() for v in value.split(",") if v.strip()]
        return value


@context.per_store
def entity_options() -> list[dict]:
    store = context.store()
    used = set(store.observations["entity"].unique())
    entities = store.entities[store.entities["code"].isin(used)]
    countries = entities[entities["kind"] == "country"].sort_values("name")
    regions = entities[entities["kind"] != "country"].sort_values("name")
    return [
        {
            "group": "Countries and territories",
            "items": [
                {"value": c, "label": f"{n} ({c})"}
                for c, n in zip(countries["code"], countries["name"], strict=True)
            ],
        },
        {
            "group": "World, regions, no country",
            "items": [
                {"value": c, "label": n}
                for c, n in zip(regions["code"], regions["name"], strict=True)
            ],
        },
    ]


@context.per_store
def store_years() -> list[int]:
    return sorted(context.store().observations["year"].unique())


def checked_state(state: CompareState) -> tuple[CompareState, list[str]]:
    """Checks that need the store: known indicator and entities, a sensible normalisation."""
    store = context.store()
    messages = []
    indicators = indicators_by_id()
    if state.indicator not in indicators.index:
        messages.append(f"Unknown indicator '{state.indicator}'; showing the default instead.")
        state = state.model_copy(update={"indicator": CompareState().indicator})
    known = set(store.entities["code"])
    unknown = [e for e in state.entities if e not in known]
    if unknown:
        messages.append(f"Unknown countries or regions ignored: {', '.join(unknown)}.")
    entities = [e for e in dict.fromkeys(state.entities) if e in known]
    if len(entities) > MAX_ENTITIES:
        messages.append(f"At most {MAX_ENTITIES} countries or regions; the first ten are shown.")
        entities = entities[:MAX_ENTITIES]
    state = state.model_copy(update={"entities": entities or list(FOCUS)})
    unit = indicators.loc[state.indicator, "unit"]
    norm, found = normalisation_fallback(state.norm, unit)
    messages += found
    state = state.model_copy(update={"norm": norm})
    return state, messages


def compare_view(state: CompareState) -> tuple:
    """Figure, table, footer and card data for one state: what the callback returns."""
    store = context.store()
    indicator = indicators_by_id().loc[state.indicator]
    series = indicator_series(store.observations, state.indicator, state.entities)
    world = world_totals(state.indicator)
    base = state.base or (int(series["year"].min()) if len(series) else None)
    shown = normalise_series(
        series, store.observations, state.norm, indicator["unit"], indicator["breaks"], base, world
    )
    shown = with_segments(shown, indicator["breaks"])
    shown["flags_text"] = [
        flags_text(f, n)
        for f, n in zip(shown["flags"].tolist(), shown["denominator_note"].tolist(), strict=True)
    ]
    plotted = shown.dropna(subset=["value"])
    names = entity_names()
    label = indicator["unit"] if state.norm == "raw" else NORMALISATIONS[state.norm]
    if state.norm == "index":
        label = f"index ({base} = 100)"
    figure = line_chart(
        plotted,
        names,
        indicator["breaks"],
        label,
        state.scale == "log",
        "not comparable with earlier years" if indicator["breaks"] else "",
        order=state.entities,
    )
    title = f"{indicator['name']}, {label}"
    base_layout(figure, title, source_line(list(plotted["source_id"])))
    table = pd.DataFrame(
        {
            "country or region": shown["entity"].map(names).fillna(shown["entity"]),
            "code": shown["entity"],
            "year": shown["year"],
            "value": shown["value"].round(4),
            "as published": shown["raw_value"],
            "qualifiers": shown["flags_text"],
            "source": shown["source_id"],
        }
    )
    header = [
        f"{title}. OCSE Statistics Dashboard, compare view.",
        *citation_lines(list(shown["source_id"]), state.indicator),
    ]
    filename = safe_filename(state.indicator, state.norm, "-".join(state.entities), state.scale)
    return (
        figure,
        card_table(table, "compare-table-data"),
        card_footer([*missing_lines(state, shown, names), *header[1:]]),
        card_data(table, header, filename),
    )


def missing_lines(state: CompareState, shown: pd.DataFrame, names: dict[str, str]) -> list[str]:
    """Say which selected entities have no value on the chart, and why."""
    entity = shown["entity"].to_numpy()
    values, notes = shown["value"].to_numpy(), shown["denominator_note"].to_numpy()
    lines = []
    for code in state.entities:
        mine = entity == code
        name = names.get(code, code)
        if not mine.any():
            lines.append(f"Not shown: {name} (no published value for this indicator).")
        elif pd.isna(values[mine]).all():
            lines.append(f"Not shown: {name} ({notes[mine][0]}).")
        elif (notes[mine] != "").any():
            found = sorted(set(notes[mine]) - {""})
            lines.append(f"{name}: {'; '.join(found)}.")
    return lines


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = parse_state(CompareState, query)
    state, more = checked_state(state)
    years = store_years()
    return html.Div(
        [
            dmc.Title("Compare countries and regions", order=2),
            dmc.Text(
                "Up to ten on one chart. Report counts show reporting volume, not prevalence; "
                "normalising by population or internet users does not change that.",
                c="dimmed",
                size="sm",
            ),
            *notices(messages + more),
            dmc.Group(
                [
                    indicator_picker("compare-indicator", state.indicator, indicator_options()),
                    dmc.MultiSelect(
                        id="compare-entities",
                        label="Countries or regions (max 10)",
                        data=entity_options(),
                        value=state.entities,
                        searchable=True,
                        maxValues=MAX_ENTITIES,
                        w=420,
                        clearable=True,
                    ),
                ],
                align="flex-start",
                mt="md",
            ),
            dmc.Group(
                [
                    normalisation_control("compare-norm", state.norm),
                    dmc.Select(
                        id="compare-base",
                        label="Base year (for the index)",
                        data=[str(y) for y in years],
                        value=str(state.base) if state.base else None,
                        placeholder="first year",
                        clearable=True,
                        w=180,
                    ),
                    scale_control(
                        "compare-scale",
                        state.scale,
                        linear="Linear",
                        log="Log scale",
                        first="linear",
                        mt=22,
                    ),
                ],
                mt="sm",
            ),
            html.Div(chart_card("compare"), className="card-wrap"),
        ]
    )


INPUTS = [
    Input("compare-indicator", "value"),
    Input("compare-entities", "value"),
    Input("compare-norm", "value"),
    Input("compare-base", "value"),
    Input("compare-scale", "value"),
]


def _state(indicator, entities, norm, base, scale) -> tuple[CompareState, list[str]]:
    state = CompareState(
        indicator=indicator or CompareState().indicator,
        entities=entities or [],
        norm=norm or "raw",
        base=int(base) if base else None,
        scale=scale or "linear",
    )
    return checked_state(state)


def register(app: Dash) -> None:
    @app.callback(
        Output("compare-graph", "figure"),
        Output("compare-table", "children"),
        Output("compare-footer", "children"),
        Output({"type": "card-data", "card": "compare"}, "data"),
        Output("compare-indicator-about", "children"),
        *INPUTS,
    )
    def update(*values):
        state, _ = _state(*values)
        return (*compare_view(state), indicator_about(state.indicator))

    @app.callback(Output("url", "search", allow_duplicate=True), *INPUTS, prevent_initial_call=True)
    def sync_url(*values):
        state, _ = _state(*values)
        return to_query(state.model_dump(), CompareState())


PAGE = Page(PATH, "Compare", layout, register)
