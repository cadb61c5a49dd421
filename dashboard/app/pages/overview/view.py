"""What the overview shows: the global trend cards (what the theme callback returns) and the
headline cards.

Numbers and changes come from dashboard.analysis.headlines; this module only words and lays
them out. Every value carries its qualifiers and a link to the publication it was read from;
breaks and gaps in a trend are never bridged.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import dash_mantine_components as dmc
import pandas as pd
from dash import html, no_update

from dashboard.analysis.headlines import missing_years, trend_series
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_table, safe_filename
from dashboard.app.components.publications import (
    figure_pages,
    publications,
    source_link,
    sources_block,
)
from dashboard.app.components.sentences import copy_button
from dashboard.app.lookups import citation_lines, indicators_by_id, source_line, units
from dashboard.app.pages.overview.state import OverviewState
from dashboard.charts.lines import line_chart
from dashboard.charts.style import BREAK_COLOUR, base_layout
from dashboard.language import N_, _
from dashboard.models import CaveatKind
from dashboard.wording import caveats
from dashboard.wording.flags import flags_text, qualifiers
from dashboard.wording.headlines import headline_sentence
from dashboard.wording.numbers import format_change, format_value
from dashboard.wording.units import unit_label, unit_word

SOURCE_WRAP = 95


@dataclass(frozen=True)
class Trend:
    card: str
    indicator: str
    title: str  # marked with N_, translated where shown
    theme: str


TRENDS = (
    Trend(
        "overview-reports",
        "cybertipline_reports",
        N_("NCMEC CyberTipline reports, world"),
        "reporting",
    ),
    Trend(
        "overview-enticement",
        "cybertipline_reports_online_enticement",
        N_("NCMEC reports of online enticement, world"),
        "reporting",
    ),
    Trend("overview-iwf", "iwf_urls_confirmed_csam", N_("IWF: URLs confirmed as CSAM"), "hosting"),
    Trend(
        "overview-inhope",
        "inhope_content_urls_exchanged",
        N_("INHOPE: content URLs exchanged"),
        "hosting",
    ),
)


def overview_view(state: OverviewState) -> list:
    """Every trend card's outputs (skipped when the theme hides it) and the cards' visibility."""
    values: list = []
    styles = []
    for trend in TRENDS:
        shown = state.theme in ("all", trend.theme)
        values += list(trend_view(trend)) if shown else [no_update] * 4
        styles.append({} if shown else {"display": "none"})
    return [*values, *styles]


# The store is read-only: a trend card depends only on its content, so it is built once.
@context.per_store
def trend_view(trend: Trend) -> tuple:
    """Figure, table, footer and card data for one global trend chart."""
    store = context.store()
    indicator = indicators_by_id().loc[trend.indicator]
    breaks = list(indicator["breaks"])
    series = trend_series(store.observations, trend.indicator, breaks)
    series["flags_text"] = series["flags"].map(flags_text)
    figure = line_chart(
        series,
        {"WLD": _("World")},
        breaks,
        unit_label(indicator["unit"], units()),
        False,
        _("not comparable"),
    )
    sources = list(dict.fromkeys(series["source_id"]))
    title = _("{title}, per year").format(title=_(trend.title))
    base_layout(figure, title, source_line(sources), height=380)
    tidy_annotations(figure, series)
    table = pd.DataFrame(  # the column names are shown translated (table_format.readable)
        {
            N_("year"): series["year"],
            N_("value"): series["value"],
            N_("qualifiers"): series["flags_text"],
            N_("source"): series["source_id"],
        }
    )
    gaps = missing_years(series)
    lines = [
        *key_caveats(indicator),
        *(
            [
                _("No published value for {years}: the line is not drawn across gaps.").format(
                    years=years_text(gaps)
                )
            ]
            if gaps
            else []
        ),
    ]
    footer = [
        sources_block(figure_pages(series)),
        *[html.Div(line, className="caveat") for line in lines],
        html.Details(
            [
                html.Summary(_("Definition and all caveats"), className="about-summary"),
                *[html.Div(line) for line in citation_lines([], trend.indicator)],
            ]
        ),
    ]
    header = [
        _("{title}. OCSE Statistics Dashboard, overview.").format(title=title),
        *citation_lines(sources, trend.indicator),
    ]
    return (
        figure,
        card_table(table, f"{trend.card}-table-data"),
        footer,
        card_file(table, header, safe_filename("overview", trend.indicator, "world")),
    )


def key_caveats(indicator: pd.Series) -> list[str]:
    """The caveats a reader must see without opening anything: what the figure measures, and
    the series break (the rest sit one click away under 'Definition and all caveats')."""
    chosen = [
        caveats.first(indicator["caveats"], kind)
        for kind in (CaveatKind.MEASURES, CaveatKind.BREAK)
    ]
    return [c for c in chosen if c]


def years_text(years: list[int]) -> str:
    """'2003, 2008-2010': runs of consecutive years."""
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
        if annotation.xref == "paper" and annotation.yanchor == "top":  # the source line
            plain = text.replace("<br>", " ")
            lines = textwrap.wrap(plain, SOURCE_WRAP, max_lines=3, placeholder=" …")
            annotation.text = "<br>".join(lines)
            annotation.y = -0.22
        elif annotation.font.color == BREAK_COLOUR:  # a series break's label
            annotation.y = 1.06
            if annotation.x > middle:
                annotation.xanchor = "right"


def citation_text(source_id: str) -> str:
    row = publications().get(source_id)
    return row["citation"] if row is not None else source_id


def change_block(row: dict) -> list:
    """The change on the year before, or why there is none (and the last comparable one)."""
    if pd.notna(row["change_pct"]):
        previous = format_value(row["previous_value"], row["previous_flags"], row["unit"])
        change = dmc.Text(
            [
                html.Span(format_change(row["change_pct"]), className="headline-change"),
                _(" on {year} ({previous})").format(year=row["previous_year"], previous=previous),
            ],
            size="sm",
        )
        after = row.get("after_break")
        if after is None or pd.isna(after):
            return [change]
        after = int(after)
        note = _(
            "Series break in {year}: {year}-{last} values are comparable with each other, not "
            "with {before} and earlier."
        ).format(year=after, last=row["year"], before=after - 1)
        return [change, dmc.Text(note, size="sm", className="break-note")]
    style = "break-note" if pd.notna(row["break_year"]) else "no-change-note"
    size = "sm" if pd.notna(row["break_year"]) else "xs"
    items = [dmc.Text(row["no_change_reason"], size=size, className=style)]
    if pd.notna(row["comparable_change_pct"]):
        items.append(
            dmc.Text(
                _("Last comparable change: {year} on {previous}: {change}").format(
                    year=row["comparable_year"],
                    previous=row["comparable_previous_year"],
                    change=format_change(row["comparable_change_pct"]),
                ),
                size="sm",
            )
        )
    return items


def headline_card(row: dict, caveat: str = "") -> dmc.Paper:
    cited = [(row["source_id"], row.get("source_url"))] + (
        [(row["previous_source_id"], row.get("previous_source_url"))]
        if row["previous_source_id"] not in ("", row["source_id"])
        else []
    )
    sources = [s for s, _page in cited]
    sentence = _("{sentence} Source: {citations}").format(
        sentence=headline_sentence(row), citations="; ".join(map(citation_text, sources))
    )
    card_id = f"headline-{row['indicator']}"
    words = qualifiers(row["flags"], row["half_year"])
    return dmc.Paper(
        [
            dmc.Text(row["label"], fw=600, size="sm", className="headline-label"),
            dmc.Text(
                [
                    html.Span(
                        format_value(row["value"], row["flags"], row["unit"]),
                        className="headline-value",
                    ),
                    html.Span(
                        _(" {unit} in {year}").format(
                            unit=unit_word(row["unit"], units()),
                            year=row["year"],
                        )
                        if row["unit"] not in ("count", "")
                        else _(" in {year}").format(year=row["year"]),
                        className="headline-year",
                    ),
                ]
            ),
            dmc.Group(
                [dmc.Badge(w, color="gray", variant="light", size="sm") for w in words], gap=4
            )
            if words
            else None,
            *change_block(row),
            dmc.Text(row["measures"], size="xs", c="dimmed"),
            dmc.Text(caveat, size="xs", className="caveat") if caveat else None,
            dmc.Text(
                [
                    _("Source: "),
                    *[item for s, page in cited for item in (source_link(s, page), html.Br())][:-1],
                ],
                size="xs",
                className="headline-source",
            ),
            html.Details(
                [
                    html.Summary(_("Sentence with citation"), className="about-summary"),
                    html.P(
                        sentence, id={"type": "copy-text", "card": card_id}, className="sentence"
                    ),
                    copy_button(
                        card_id,
                        _("Copy the sentence about {figure} and its source").format(
                            figure=row["label"]
                        ),
                    ),
                ],
                className="sentence-box",
            ),
        ],
        withBorder=True,
        radius="md",
        p="sm",
        className="headline-card",
        id=card_id,
    )


def headline_table(headlines: pd.DataFrame) -> pd.DataFrame:
    """The headline cards as rows, for the CSV download."""
    return pd.DataFrame(
        {
            "figure": headlines["label"],
            "year": headlines["year"],
            "value": headlines["value"],
            "qualifiers": [
                "; ".join(qualifiers(f, h))
                for f, h in zip(headlines["flags"], headlines["half_year"], strict=True)
            ],
            "previous year": headlines["previous_year"],
            "previous value": headlines["previous_value"],
            "change on the year before (%)": [
                round(c, 1) if pd.notna(c) else None for c in headlines["change_pct"]
            ],
            "why no change": headlines["no_change_reason"],
            "indicator": headlines["indicator"],
            "source": headlines["source_id"],
        }
    )
