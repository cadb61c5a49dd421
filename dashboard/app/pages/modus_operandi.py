"""Modus operandi: incident types, online platforms, self-generated imagery, sextortion, AI."""

from __future__ import annotations

from typing import Literal

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, html
from pydantic import BaseModel, Field

from dashboard.analysis.mix import half_year_counts, incident_types, platform_mix, world_series
from dashboard.analysis.series import with_segments
from dashboard.app import context
from dashboard.app.components.cards import (
    card_data,
    card_footer,
    card_table,
    chart_card,
    safe_filename,
)
from dashboard.app.components.controls import notices, scale_control
from dashboard.app.lookups import citation_lines, source_line
from dashboard.app.pages import Page
from dashboard.app.urlstate import parse_state, to_query
from dashboard.charts.lines import line_chart
from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.wording.flags import flags_text

PATH = "/modus-operandi"
IWF_SERIES = ["iwf_urls_self_generated", "iwf_category_a_share_pct", "iwf_csam_showing_girls_pct"]
FULL_YEAR_EMERGING = [
    "cybertipline_reports_financial_sextortion",
    "cybertipline_reports_generative_ai",
]


class MixState(BaseModel):
    top: int = Field(10, ge=3, le=20, description="platforms shown by name")
    scale: Literal["log", "linear"] = "log"


def _as_lines(frame: pd.DataFrame, key: str, breaks: list[int]) -> pd.DataFrame:
    lines = frame.rename(columns={key: "entity"})
    lines = with_segments(lines, breaks)
    lines["flags_text"] = lines["flags"].map(flags_text) if "flags" in lines else ""
    return lines


def _card(card: str, figure: go.Figure, table: pd.DataFrame, header: list[str], name: str):
    return (
        figure,
        card_table(table, f"{card}-table-data"),
        card_footer(header),
        card_data(table, header, safe_filename(name)),
    )


@context.per_store
def incident_table() -> pd.DataFrame:
    store = context.store()
    return incident_types(store.observations, store.indicators)


def incidents_view(state: MixState) -> tuple:
    frame = incident_table()
    lines = _as_lines(frame, "category", [2024])
    figure = line_chart(
        lines,
        {},
        [2024],
        "reports (log scale)" if state.scale == "log" else "reports",
        state.scale == "log",
        "bundling; not comparable",
    )
    base_layout(
        figure,
        "CyberTipline reports by incident type, world",
        source_line(list(frame["source_id"])),
        height=500,
    )
    table = (
        frame[["year", "category", "value", "share_pct", "flags", "source_id"]]
        .rename(columns={"share_pct": "share of the year's reports (%)"})
        .round(3)
    )
    header = [
        "CyberTipline reports by incident type (as categorised by the reporter).",
        "Shares are of the sum of the incident types published for that year.",
        *citation_lines(list(frame["source_id"]), "cybertipline_reports_online_enticement"),
    ]
    return _card("mo-incidents", figure, table, header, "ncmec_incident_types")


def platforms_view(state: MixState) -> tuple:
    store = context.store()
    frame = platform_mix(store.observations, state.top)
    lines = _as_lines(frame.assign(flags=""), "platform", [])
    figure = line_chart(
        lines,
        {},
        [],
        "reports (log scale)" if state.scale == "log" else "reports",
        state.scale == "log",
    )
    base_layout(
        figure,
        f"CyberTipline reports by online platform: top {state.top} of the latest year",
        source_line(list(frame["source_id"])),
        height=520,
    )
    table = frame.rename(
        columns={"share_pct": "share of ESP reports (%)", "platforms": "platforms counted"}
    ).round(3)
    header = [
        f"CyberTipline reports by electronic service provider: the {state.top} largest "
        "in the latest year by name, the rest summed.",
        "A platform's count reflects its size and how much it detects and reports, "
        "not how much abuse happens on it. Names are as NCMEC printed them each year.",
        *citation_lines(list(frame["source_id"]), "cybertipline_reports_by_esp"),
    ]
    return _card("mo-platforms", figure, table, header, f"ncmec_platforms_top{state.top}")


def emerging_view() -> tuple:
    """Full-year sextortion and AI counts, and January-June counts on their own axis."""
    store = context.store()
    names = store.indicators.set_index("id")["name"].to_dict()
    full = world_series(store.observations, FULL_YEAR_EMERGING, names)
    half = half_year_counts(store.observations, store.indicators)
    figure = go.Figure()
    for i, (category, rows) in enumerate(half.groupby("category", sort=True)):
        figure.add_trace(
            go.Bar(
                x=rows["period"],
                y=rows["value"],
                name=category,
                marker_color=OKABE_ITO[i % len(OKABE_ITO)],
                hovertemplate="%{fullData.name}, %{x}: %{y:,}<extra></extra>",
            )
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(type="log", title="reports, January-June (log scale)", gridcolor="#eee")
    base_layout(
        figure,
        "Half-year counts: January-June 2024 vs January-June 2025",
        source_line(list(half["source_id"])),
        height=480,
    )
    table = pd.concat(
        [
            full.assign(period=full["year"].astype(str) + " (full year)"),
            half,
        ]
    )[["category", "period", "value", "flags", "source_id"]]
    table["qualifiers"] = table["flags"].map(flags_text)
    table = table.drop(columns="flags")
    full_text = "; ".join(
        f"{r['category']} {r['year']}: {r['value']:,.0f}"
        + (f" ({flags_text(r['flags'])})" if r["flags"] else "")
        for r in full.to_dict("records")
    )
    header = [
        "January-June counts are shown on their own and never against full years.",
        f"Full-year figures (in the table): {full_text}.",
        *citation_lines(list(table["source_id"])),
    ]
    return _card("mo-emerging", figure, table, header, "ncmec_sextortion_ai")


def iwf_view() -> tuple:
    store = context.store()
    indicators = store.indicators.set_index("id")
    frame = world_series(store.observations, IWF_SERIES, indicators["name"].to_dict())
    figure = go.Figure()
    for i, (indicator, rows) in enumerate(frame.groupby("indicator", sort=False)):
        pct = indicators.loc[indicator, "unit"] == "percent"
        figure.add_trace(
            go.Scatter(
                x=rows["year"],
                y=rows["value"],
                name=indicators.loc[indicator, "name"],
                mode="markers+lines",
                yaxis="y2" if pct else "y",
                line={"color": OKABE_ITO[i], "dash": "dot" if pct else "solid"},
                hovertemplate="%{fullData.name} %{x}: %{y:,}<extra></extra>",
            )
        )
    figure.update_layout(
        yaxis={"title": "URLs / webpages", "gridcolor": "#eee"},
        yaxis2={
            "title": "percent (dotted lines)",
            "overlaying": "y",
            "side": "right",
            "range": [0, 100],
            "showgrid": False,
        },
    )
    figure.update_xaxes(dtick=1, tickformat="d")
    base_layout(
        figure,
        "IWF: self-generated imagery, Category A share, share showing girls",
        source_line(list(frame["source_id"])),
        height=480,
    )
    table = frame[["category", "year", "value", "flags", "source_id"]]
    header = [
        "IWF figures as published for the years found; gaps are years with no figure.",
        "Counts (solid, left axis) and percentages (dotted, right axis) are different "
        "measures on separate axes.",
        *citation_lines(list(frame["source_id"]), "iwf_urls_self_generated"),
    ]
    return _card("mo-iwf", figure, table, header, "iwf_self_generated_severity")


CARDS = [
    ("mo-incidents", "Incident types reported to the CyberTipline"),
    ("mo-platforms", "Online platforms that report"),
    ("mo-emerging", "Financial sextortion and generative AI"),
    ("mo-iwf", "Self-generated imagery and severity (IWF)"),
]
FIXED_CARDS = {"mo-emerging": emerging_view, "mo-iwf": iwf_view}  # no control changes them


@context.per_store
def fixed_card(card: str) -> tuple:
    return FIXED_CARDS[card]()


def filled_card(card: str, title: str) -> html.Section:
    """A card no control changes, filled in the page layout rather than by a callback."""
    section = chart_card(card, title)
    figure, table, footer, data = fixed_card(card)
    section[f"{card}-graph"].figure = figure
    section[f"{card}-table"].children = table
    section[f"{card}-footer"].children = footer
    section[{"type": "card-data", "card": card}].data = data
    return section


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = parse_state(MixState, query)
    return html.Div(
        [
            dmc.Title("Modus operandi", order=2),
            dmc.Text(
                "How the mix of reported incidents, platforms and material changes. Counts are "
                "reports, as categorised by whoever reported them: not victims and not "
                "prevalence. January-June figures are shown apart from full years.",
                c="dimmed",
                size="sm",
            ),
            *notices(messages),
            dmc.Group(
                [
                    dmc.NumberInput(
                        id="mo-top", label="Platforms named", value=state.top, min=3, max=20, w=160
                    ),
                    scale_control("mo-scale", state.scale, first="log"),
                ],
                mt="sm",
            ),
            *[
                filled_card(card, title) if card in FIXED_CARDS else chart_card(card, title)
                for card, title in CARDS
            ],
        ]
    )


def _state(top, scale) -> MixState:
    try:
        return MixState(top=int(top), scale=scale or "log")
    except (TypeError, ValueError):
        return MixState(scale=scale or "log")


def card_outputs(card: str) -> list[Output]:
    return [
        Output(f"{card}-graph", "figure"),
        Output(f"{card}-table", "children"),
        Output(f"{card}-footer", "children"),
        Output({"type": "card-data", "card": card}, "data"),
    ]


def register(app: Dash) -> None:
    """One callback per card, so a control rebuilds only the charts it changes."""

    @app.callback(*card_outputs("mo-incidents"), Input("mo-scale", "value"))
    def update_incidents(scale):
        return incidents_view(_state(None, scale))

    @app.callback(
        *card_outputs("mo-platforms"), Input("mo-top", "value"), Input("mo-scale", "value")
    )
    def update_platforms(top, scale):
        return platforms_view(_state(top, scale))

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("mo-top", "value"),
        Input("mo-scale", "value"),
        prevent_initial_call=True,
    )
    def sync_url(top, scale):
        return to_query(_state(top, scale).model_dump(), MixState())


PAGE = Page(PATH, "Modus operandi", layout, register)
