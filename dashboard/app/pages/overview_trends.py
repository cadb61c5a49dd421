"""Overview global trend charts: one world series per card, breaks and gaps never bridged."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from dash import html

from dashboard.analysis.headlines import missing_years, trend_series
from dashboard.app import context
from dashboard.app.components.cards import card_data, card_table, safe_filename
from dashboard.app.lookups import citation_lines, source_line
from dashboard.app.pages.overview_parts import sources_block
from dashboard.charts.lines import line_chart
from dashboard.charts.style import base_layout
from dashboard.wording.flags import flags_text

BREAK_CAVEAT = re.compile(r"series break|not comparable|unit of count", re.IGNORECASE)
MEASURES_CAVEAT = re.compile(r"not prevalence|not all|capacity|model-based", re.IGNORECASE)
SOURCE_WRAP = 95


@dataclass(frozen=True)
class Trend:
    card: str
    indicator: str
    title: str
    theme: str


TRENDS = (
    Trend(
        "overview-reports", "cybertipline_reports", "NCMEC CyberTipline reports, world", "reporting"
    ),
    Trend(
        "overview-enticement",
        "cybertipline_reports_online_enticement",
        "NCMEC reports of online enticement, world",
        "reporting",
    ),
    Trend("overview-iwf", "iwf_urls_confirmed_csam", "IWF: URLs confirmed as CSAM", "hosting"),
    Trend(
        "overview-inhope",
        "inhope_content_urls_exchanged",
        "INHOPE: content URLs exchanged",
        "hosting",
    ),
)


def _indicator(indicator_id: str) -> pd.Series:
    return context.store().indicators.set_index("id").loc[indicator_id]


def key_caveats(indicator: pd.Series) -> list[str]:
    """The caveats a reader must see without opening anything: what the figure measures, and
    the series break (the rest sit one click away under 'Definition and all caveats')."""
    caveats = list(indicator["caveats"])
    measures = [c for c in caveats if MEASURES_CAVEAT.search(c)][:1]
    breaks = [
        c
        for c in caveats
        if BREAK_CAVEAT.search(c) or any(str(b) in c for b in indicator["breaks"])
    ][:1]
    chosen = list(dict.fromkeys(measures + breaks))
    return chosen or caveats[:1]


def _years_text(years: list[int]) -> str:
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def tidy_annotations(figure, series: pd.DataFrame) -> None:
    """Fit a half-width card: wrap the source line, keep break labels inside the figure."""
    figure.update_layout(showlegend=False, margin={"t": 70, "b": 100})
    middle = (series["year"].min() + series["year"].max()) / 2 if len(series) else 0
    for annotation in figure.layout.annotations:
        text = str(annotation.text)
        if text.startswith("Source:"):
            plain = text.replace("<br>", " ")
            lines = textwrap.wrap(plain, SOURCE_WRAP, max_lines=3, placeholder=" …")
            annotation.text = "<br>".join(lines)
            annotation.y = -0.22
        elif text.startswith("series break"):
            annotation.y = 1.06
            if annotation.x > middle:
                annotation.xanchor = "right"


def trend_view(trend: Trend) -> tuple:
    """Figure, table, footer and card data for one global trend chart."""
    return _trend_view(trend, context.store().content_hash)


# The store is read-only: a view depends only on its content hash, so it is built once.
@lru_cache(maxsize=16)
def _trend_view(trend: Trend, content_hash: str) -> tuple:
    store = context.store()
    indicator = _indicator(trend.indicator)
    breaks = list(indicator["breaks"])
    series = trend_series(store.observations, trend.indicator, breaks)
    series["flags_text"] = series["flags"].map(flags_text)
    figure = line_chart(
        series, {"WLD": "World"}, breaks, indicator["unit"], False, "not comparable"
    )
    sources = list(dict.fromkeys(series["source_id"]))
    base_layout(figure, f"{trend.title}, per year", source_line(sources), height=380)
    tidy_annotations(figure, series)
    table = pd.DataFrame(
        {
            "year": series["year"],
            "value": series["value"],
            "qualifiers": series["flags_text"],
            "source": series["source_id"],
        }
    )
    gaps = missing_years(series)
    lines = [
        *key_caveats(indicator),
        *(
            [f"No published value for {_years_text(gaps)}: the line is not drawn across gaps."]
            if gaps
            else []
        ),
    ]
    footer = [
        sources_block(sources),
        *[html.Div(line, className="caveat") for line in lines],
        html.Details(
            [
                html.Summary("Definition and all caveats", className="about-summary"),
                *[html.Div(line) for line in citation_lines([], trend.indicator)],
            ]
        ),
    ]
    header = [
        f"{trend.title}, per year. OCSE Statistics Dashboard, overview.",
        *citation_lines(sources, trend.indicator),
    ]
    return (
        figure,
        card_table(table, f"{trend.card}-table-data"),
        footer,
        card_data(table, header, safe_filename("overview", trend.indicator, "world")),
    )
