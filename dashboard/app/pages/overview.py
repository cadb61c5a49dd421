"""Overview: world headline figures, global trend lines per theme, focus countries at a glance."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

import dash_mantine_components as dmc
import pandas as pd
from dash import Dash, Input, Output, dcc, html, no_update
from pydantic import BaseModel

from dashboard.analysis.headlines import focus_at_a_glance, headline_figures
from dashboard.app import context
from dashboard.app.components.cards import card_data, chart_card
from dashboard.app.components.controls import notices
from dashboard.app.components.sentences import narrative_block
from dashboard.app.lookups import citation_lines
from dashboard.app.pages import Page
from dashboard.app.pages.overview_parts import (
    focus_csv_frame,
    focus_sources,
    focus_table,
    headline_card,
    headline_table,
    sources_block,
)
from dashboard.app.pages.overview_trends import BREAK_CAVEAT, TRENDS, trend_view
from dashboard.app.urlstate import parse_state, to_query
from dashboard.wording.headlines import described
from dashboard.wording.sentences import world_narrative

PATH = "/"
THEMES = {
    "all": "All themes",
    "reporting": "Reporting (NCMEC)",
    "hosting": "Hosting & takedown (IWF, INHOPE)",
}
BREAK_PREFIX = re.compile(r"^Series break in \d{4}:\s*")
DENOMINATOR_SOURCES = ["worldbank-wdi-population", "worldbank-wdi-ict"]


class OverviewState(BaseModel):
    theme: Literal["all", "reporting", "hosting"] = "all"


def overview_view(state: OverviewState) -> list:
    """Every trend card's outputs (skipped when the theme hides it) and the cards' visibility."""
    values: list = []
    styles = []
    for trend in TRENDS:
        shown = state.theme in ("all", trend.theme)
        values += list(trend_view(trend)) if shown else [no_update] * 4
        styles.append({} if shown else {"display": "none"})
    return [*values, *styles]


def headlines_section() -> html.Section:
    return _headlines_section(context.store().content_hash)


@lru_cache(maxsize=4)
def _headlines_section(content_hash: str) -> html.Section:
    store = context.store()
    headlines = described(headline_figures(store.observations, store.indicators))
    indicators = store.indicators.set_index("id")
    cards = []
    for row in headlines.to_dict("records"):
        caveats = indicators.loc[row["indicator"], "caveats"]
        caveat = next((c for c in caveats if BREAK_CAVEAT.search(c)), "")
        caveat = BREAK_PREFIX.sub("", caveat)
        caveat = caveat[:1].upper() + caveat[1:]
        cards.append(headline_card(row, caveat if row["break_year"] else ""))
    table = headline_table(headlines)
    header = [
        "World headline figures. OCSE Statistics Dashboard, overview.",
        *citation_lines(list(headlines["source_id"]) + list(headlines["previous_source_id"])),
    ]
    return html.Section(
        [
            _section_title("Headline figures, world", "overview-headlines"),
            dmc.Text(
                "Latest published year of each figure, with the change on the year before where "
                "the two years are comparable.",
                size="sm",
                c="dimmed",
            ),
            dmc.SimpleGrid(cards, cols={"base": 1, "sm": 2, "lg": 3}, spacing="sm", mt="xs"),
            _csv_store("overview-headlines", table, header, "overview_headlines_world"),
        ],
        className="overview-section",
    )


def focus_section() -> html.Section:
    return _focus_section(context.store().content_hash)


@lru_cache(maxsize=4)
def _focus_section(content_hash: str) -> html.Section:
    store = context.store()
    frame = focus_at_a_glance(store.observations, store.indicators)
    names = store.entities.set_index("code")["name"].to_dict()
    sources = focus_sources(frame)
    header = [
        "Focus countries at a glance. OCSE Statistics Dashboard, overview.",
        *citation_lines(sources + DENOMINATOR_SOURCES),
    ]
    notes = [
        "Change on the year before is not computed across a series break. 2024 referrals are "
        "not total reports: NCMEC's 2024 table splits reports into referrals and informational "
        "reports, counted after bundling, and is read from a third-party transcription.",
        "Rates divide report counts by population or internet users of the same year (nearest "
        "year within two years where missing); they still measure reporting volume.",
    ]
    return html.Section(
        [
            _section_title("Focus countries at a glance", "overview-focus"),
            html.Div(focus_table(frame, names), className="focus-wrap"),
            *[dmc.Text(n, size="xs", className="caveat", mt=4) for n in notes],
            html.Div(sources_block(sources + DENOMINATOR_SOURCES), className="chart-footer"),
            _csv_store("overview-focus", focus_csv_frame(frame, names), header, "overview_focus"),
        ],
        className="overview-section",
    )


def _section_title(text: str, card: str) -> dmc.Group:
    return dmc.Group(
        [
            dmc.Title(text, order=3),
            html.Button(
                "CSV",
                id={"type": "csv-btn", "card": card},
                className="dl-btn",
                **{"aria-label": f"Download {text.lower()} as CSV"},
            ),
        ],
        justify="space-between",
        mt="lg",
    )


def _csv_store(card: str, frame: pd.DataFrame, header: list[str], filename: str) -> html.Div:
    """The shared CSV download callback (components.register_card_callbacks) serves these."""
    return html.Div(
        [
            dcc.Store(
                id={"type": "card-data", "card": card}, data=card_data(frame, header, filename)
            ),
            dcc.Download(id={"type": "csv-download", "card": card}),
        ]
    )


def trends_section(state: OverviewState) -> html.Section:
    return html.Section(
        [
            dmc.Group(
                [
                    dmc.Title("Global trends per theme", order=3),
                    html.Div(
                        dmc.SegmentedControl(
                            id="overview-theme",
                            value=state.theme,
                            data=[{"value": k, "label": v} for k, v in THEMES.items()],
                        ),
                        role="group",
                        **{"aria-label": "Theme of the trend charts"},
                    ),
                ],
                justify="space-between",
                mt="lg",
            ),
            dmc.Text(
                "Trafficking, modern slavery and victim identification have no yearly world "
                "series in the published data: see their headline figures above.",
                size="sm",
                c="dimmed",
            ),
            dmc.SimpleGrid(
                [html.Div(chart_card(t.card), id=f"{t.card}-wrap") for t in TRENDS],
                cols={"base": 1, "md": 2},
                spacing="sm",
            ),
        ],
        className="overview-section",
    )


@context.per_store
def world_sentences() -> list:
    """The paste-ready sentences about the world figures (read-only)."""
    return world_narrative(context.store())


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = parse_state(OverviewState, query)
    return html.Div(
        [
            dmc.Title("Overview", order=2),
            dmc.Text(
                "Published aggregate statistics on online child sexual exploitation and "
                "trafficking. Report counts measure reporting volume, not victims or prevalence; "
                "every figure links to the publication it was read from.",
                c="dimmed",
                size="sm",
            ),
            *notices(messages),
            headlines_section(),
            narrative_block("overview-narrative", world_sentences()),
            trends_section(state),
            focus_section(),
        ]
    )


OUTPUTS = [
    *[
        Output(component, prop)
        for t in TRENDS
        for component, prop in (
            (f"{t.card}-graph", "figure"),
            (f"{t.card}-table", "children"),
            (f"{t.card}-footer", "children"),
            ({"type": "card-data", "card": t.card}, "data"),
        )
    ],
    *[Output(f"{t.card}-wrap", "style") for t in TRENDS],
]


def _state(theme: str | None) -> OverviewState:
    return OverviewState(theme=theme if theme in THEMES else "all")


def register(app: Dash) -> None:
    @app.callback(*OUTPUTS, Input("overview-theme", "value"))
    def update(theme):
        return overview_view(_state(theme))

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("overview-theme", "value"),
        prevent_initial_call=True,
    )
    def sync_url(theme):
        return to_query(_state(theme).model_dump(), OverviewState())


PAGE = Page(PATH, "Overview", layout, register, prefix=False, in_nav=True)
