"""Data gaps: which indicators and years are missing for a country or the focus group."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
from dash import Dash, Input, Output, html, no_update
from pydantic import BaseModel, field_validator

from dashboard.analysis.gaps import (
    CONTEXT_THEMES,
    country_coverage,
    country_years,
    entity_gaps,
    indicator_spans,
)
from dashboard.app import context
from dashboard.app.components.cards import (
    card_data,
    card_footer,
    card_table,
    chart_card,
    safe_filename,
    topojson_url,
)
from dashboard.app.components.controls import notices
from dashboard.app.lookups import (
    citation_lines,
    countries,
    country_codes,
    entity_names,
    source_line,
)
from dashboard.app.pages import Page
from dashboard.app.pages import gaps_view as view
from dashboard.app.urlstate import parse_state, to_query

PATH = "/gaps"
FOCUS = ["PHL", "GHA", "KHM", "THA", "IND"]
FOCUS_VALUE = "focus"
GAP_RULE = (
    "A missing indicator counts as a gap only when it is published for two or more countries; "
    "a national statistic (published for one country) is shown but not called a gap. Many "
    "surveys and indices come in editions, not every year: a missing year is not always a "
    "missing edition. Context series (population, GDP, internet use) are not counted."
)


class GapsState(BaseModel):
    who: str = FOCUS_VALUE  # "focus" or one ISO3 country code

    @field_validator("who")
    @classmethod
    def _who(cls, value: str) -> str:
        value = value.strip()
        if value.lower() == FOCUS_VALUE:
            return FOCUS_VALUE
        if len(value) == 3 and value.isalpha():
            return value.upper()
        raise ValueError("'focus' or a three-letter country code")


def checked_state(state: GapsState) -> tuple[GapsState, list[str]]:
    if state.who != FOCUS_VALUE and state.who not in country_codes():
        message = f"Unknown country '{state.who}'; showing the focus group instead."
        return GapsState(), [message]
    return state, []


def chosen(who: str) -> list[str]:
    return list(FOCUS) if who == FOCUS_VALUE else [who]


def who_options() -> list[dict]:
    rows = countries()
    focus = ", ".join(entity_names()[c] for c in FOCUS)
    return [
        {"group": "Group", "items": [{"value": FOCUS_VALUE, "label": f"Focus group ({focus})"}]},
        {
            "group": "Countries and territories",
            "items": [
                {"value": c, "label": f"{n} ({c})"}
                for c, n in zip(rows["code"], rows["name"], strict=True)
            ],
        },
    ]


@context.per_store
def gap_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every country's indicator-years and each indicator's span across countries: the part
    of the gaps that does not depend on who is chosen, computed once per store."""
    store = context.store()
    rows = country_years(store.observations, store.indicators, country_codes())
    return rows, indicator_spans(rows, store.indicators)


@context.per_store
def shown_gaps(who: str) -> pd.DataFrame:
    """The gap rows to draw for a checked `who`: multi-country indicators plus any the chosen
    countries publish."""
    rows, spans = gap_tables()
    gaps = entity_gaps(spans, rows, chosen(who))
    relevant = set(gaps.loc[gaps["published"], "indicator"])
    keep = (gaps["scope"] == "multi-country") | gaps["indicator"].isin(relevant)
    return gaps[keep].reset_index(drop=True)


@context.per_store
def gap_sources(who: str) -> list[str]:
    """Sources of the preferred observations behind the gap rows shown for `who`."""
    obs = context.store().observations
    used = (
        obs["preferred"]
        & obs["indicator"].isin(set(shown_gaps(who)["indicator"]))
        & obs["entity"].isin(chosen(who))
    )
    return sorted(obs.loc[used, "source_id"].unique())


def matrix_view(state: GapsState, gaps: pd.DataFrame) -> tuple:
    label = entity_names()
    sources = gap_sources(state.who)
    source = source_line(sources)
    if state.who == FOCUS_VALUE:
        title = "Focus group: the latest year published, indicator by country"
        figure = view.focus_matrix(gaps, chosen(state.who), label, title, source)
    else:
        name = label.get(state.who, state.who)
        title = f"{name}: which indicators and years are published"
        figure = view.country_matrix(gaps, name, title, source)
    table = pd.DataFrame(
        {
            "theme": gaps["theme"],
            "indicator": gaps["name"],
            "id": gaps["indicator"],
            "country": gaps["entity"].map(label),
            "status": [
                "published"
                if p
                else ("national statistic elsewhere" if s == "national" else "missing")
                for p, s in zip(gaps["published"], gaps["scope"], strict=True)
            ],
            "years published": gaps["years_published"].map(_years_text),
            "years missing (other countries have a value)": gaps["years_missing"].map(_years_text),
            "published span": gaps["span_start"].astype(str) + "-" + gaps["span_end"].astype(str),
            "countries publishing it": gaps["n_countries"],
        }
    )
    citations = citation_lines(sources)
    header = [f"{title}. OCSE Statistics Dashboard, data gaps view.", GAP_RULE, *citations]
    return (
        figure,
        card_table(table, "gaps-matrix-table-data"),
        card_footer([GAP_RULE, *citations]),
        card_data(table, header, safe_filename("gaps", state.who)),
    )


def _years_text(years: list[int]) -> str:
    return ", ".join(map(str, years))


def missing_list(state: GapsState, gaps: pd.DataFrame) -> list:
    label = entity_names()
    items = []
    for entity in chosen(state.who):
        sentence, details = view.missing_sentence(gaps, entity, label.get(entity, entity))
        summary = html.Summary(sentence, className="about-summary")
        items.append(
            html.Details([summary, html.Ul(details)], className="gaps-missing")
            if details
            else html.P(sentence, className="gaps-missing")
        )
    return items


@context.per_store
def coverage_tables() -> tuple[pd.DataFrame, list[str]]:
    """OCSE indicators per country and the sources they come from: the same for every
    request, so computed once per store."""
    store = context.store()
    rows, _ = gap_tables()
    coverage = country_coverage(rows, country_codes())
    obs = store.observations
    kept = set(store.indicators.loc[~store.indicators["theme"].isin(CONTEXT_THEMES), "id"])
    used = obs["indicator"].isin(kept) & obs["entity"].isin(country_codes())
    return coverage, sorted(obs.loc[used, "source_id"].unique())


def map_view() -> tuple:
    coverage, sources = coverage_tables()
    label = entity_names()
    figure = view.coverage_map(coverage, label, source_line(sources))
    hidden = coverage[~coverage["entity"].isin(view.map_shapes()) & (coverage["indicators"] > 0)]
    table = pd.DataFrame(
        {
            "country": coverage["entity"].map(label),
            "code": coverage["entity"],
            "OCSE indicators with any value": coverage["indicators"],
            "latest year": coverage["latest_year"].astype("string").fillna(""),
        }
    ).sort_values("OCSE indicators with any value", ascending=False)
    notes = [
        "Counts indicators with at least one published value in any year; more indicators does "
        "not mean better data. Most countries appear only in NCMEC's by-country tables.",
    ]
    if len(hidden):
        listed = ", ".join(
            f"{label.get(c, c)} ({n})"
            for c, n in zip(hidden["entity"], hidden["indicators"], strict=True)
        )
        notes.append(f"Too small or not drawn on the 1:50m map: {listed}; see the table.")
    header = ["OCSE indicators per country. OCSE Statistics Dashboard, data gaps view.", *notes]
    return (
        figure,
        card_table(table, "gaps-map-table-data"),
        card_footer([*notes, f"Sources: {len(sources)} publications; see Data & sources."]),
        card_data(table, header + citation_lines(sources), "ocse-indicators-per-country"),
    )


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = parse_state(GapsState, query)
    state, more = checked_state(state)
    return html.Div(
        [
            dmc.Title("Data gaps", order=2),
            dmc.Text(
                "Where published OCSE figures are missing: by indicator, year and country.",
                c="dimmed",
                size="sm",
            ),
            *notices(messages + more),
            dmc.Select(
                id="gaps-who",
                label="Country or group",
                data=who_options(),
                value=state.who,
                searchable=True,
                allowDeselect=False,
                w=580,
                mt="md",
                comboboxProps={"zIndex": 400},
            ),
            dmc.Text(GAP_RULE, size="xs", c="dimmed", mt=4, maw=900),
            html.Div(
                missing_list(state, shown_gaps(state.who)),
                id="gaps-missing",
                className="gaps-missing-list",
            ),
            html.Div(chart_card("gaps-matrix"), className="card-wrap"),
            dmc.Title("Coverage around the world", order=3, mt="xl"),
            dmc.Text("Click a country to list its gaps above.", c="dimmed", size="sm"),
            html.Div(map_card(), className="card-wrap"),
        ]
    )


def map_card():
    """A chart card whose graph fetches map shapes from the app, never from a CDN."""
    card = chart_card("gaps-map")
    card_graph = _find(card, "gaps-map-graph")
    card_graph.config = {**card_graph.config, "topojsonURL": topojson_url()}
    return card


def _find(component, component_id: str):
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def register(app: Dash) -> None:
    @app.callback(
        Output("gaps-matrix-graph", "figure"),
        Output("gaps-matrix-table", "children"),
        Output("gaps-matrix-footer", "children"),
        Output({"type": "card-data", "card": "gaps-matrix"}, "data"),
        Output("gaps-missing", "children"),
        Input("gaps-who", "value"),
    )
    def update(who):
        state = _state(who)
        gaps = shown_gaps(state.who)
        return (*matrix_view(state, gaps), missing_list(state, gaps))

    @app.callback(
        Output("gaps-map-graph", "figure"),
        Output("gaps-map-table", "children"),
        Output("gaps-map-footer", "children"),
        Output({"type": "card-data", "card": "gaps-map"}, "data"),
        Input("gaps-map-card", "id"),
    )
    def update_map(_):
        return map_view()

    @app.callback(
        Output("gaps-who", "value"),
        Input("gaps-map-graph", "clickData"),
        prevent_initial_call=True,
    )
    def pick_on_map(click):
        points = (click or {}).get("points") or []
        code = points[0].get("location") if points else None
        return code if code in country_codes() else no_update

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("gaps-who", "value"),
        prevent_initial_call=True,
    )
    def sync_url(who):
        return to_query(_state(who).model_dump(), GapsState())


def _state(who: str | None) -> GapsState:
    try:
        state = GapsState(who=who or FOCUS_VALUE)
    except ValueError:
        state = GapsState()
    return checked_state(state)[0]


PAGE = Page(PATH, "Data gaps", layout, register)
