"""What the profile shows: the chart card of the country against its UN region and the world
(what the controls' callback returns), and the table of every indicator, fixed by the country.

The frames come from dashboard.analysis.profile; a table is its own alternative, no chart
needed to read it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from dash import html

from dashboard.analysis import comparison, profile
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.analysis.series import with_segments
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.components.publications import publication_link
from dashboard.app.lookups import (
    citation_lines,
    country_codes,
    indicators_by_id,
    reports_caveat,
    source_line,
    units,
)
from dashboard.app.pages.country.state import NCMEC, CountryState
from dashboard.charts.lines import line_chart
from dashboard.charts.style import base_layout
from dashboard.language import N_, _
from dashboard.models import CaveatKind
from dashboard.wording import caveats as caveat_kinds
from dashboard.wording.flags import with_flag_texts
from dashboard.wording.profile import change_words, rank_words, value_qualifiers
from dashboard.wording.sentences import Sentence, country_narrative
from dashboard.wording.units import unit_label, value_text

NCMEC_YEARS = range(2019, 2024)


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
def headline_ranks() -> pd.DataFrame:
    """Every country's rank in every indicator and year, for the profile tables."""
    return profile.headline_ranks(context.store().observations, country_codes())


@context.per_store
def country_facts(code: str) -> CountryFacts:
    """Computed once per store and country; callers must not modify the frames."""
    store = context.store()
    codes = country_codes()
    context_rows = profile.context_latest(store.observations, code)
    context_rows["unit"] = context_rows["indicator"].map(indicators_by_id()["unit"])
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


@context.per_store
def comparison_data(indicator_id: str, code: str) -> comparison.ComparisonData:
    """The store's rows behind the chart, before normalisation (read-only)."""
    store = context.store()
    return comparison.comparison_data(
        store.observations, store.indicators, store.entities, indicator_id, code
    )


def chart_view(code: str, state: CountryState) -> tuple:
    """Figure, table, footer and card data: the country against its region and the world."""
    store = context.store()
    norm = state.norm
    indicator = indicators_by_id().loc[state.indicator]
    entities = store.entities.set_index("code")
    # the normalisation runs on every call; only the store's rows behind it are kept
    frame = comparison.compare(comparison_data(state.indicator, code), store.observations, norm)
    region = entities.loc[code, "un_region"] or _("region")
    region_rows = frame[frame["entity"] == "REGION"]
    names = {
        code: entities.loc[code, "name"],
        "REGION": _("{region} (sum of countries)").format(region=region),
        "WLD": _("World"),
    }
    frame = with_flag_texts(with_segments(frame, indicator["breaks"]))
    label = unit_label(indicator["unit"], units()) if norm == "raw" else _(NORMALISATIONS[norm])
    if norm == "index":
        own_years = frame.loc[frame["entity"] == code, "year"]
        base = int(own_years.min()) if len(own_years) else ""
        label = _("index ({year} = 100)").format(year=base)
    plotted = frame.dropna(subset=["value"])
    figure = line_chart(
        plotted,
        names,
        indicator["breaks"],
        label,
        state.scale == "log",
        order=[code, "REGION", "WLD"],
    )
    title = _("{indicator}: {country}, {region} and the world, {label}").format(
        indicator=indicator["name"], country=names[code], region=region, label=label
    )
    base_layout(figure, title, source_line(list(plotted["source_id"]), norm), height=440)
    figure.update_layout(margin={"t": 90})
    lines = []
    if len(region_rows):
        lines.append(
            _("{region}: {coverage} in the UN region.").format(
                region=names["REGION"], coverage=coverage_words(region_rows)
            )
        )
    elif not bool(indicator["summable"]):
        lines.append(
            _(
                "No regional figure: {unit} values of this indicator may not be summed across "
                "countries."
            ).format(unit=unit_label(indicator["unit"], units()))
        )
    lines.append(
        _("World: the published world figure where there is one, else the sum of all entities.")
    )
    notes = sorted(set(frame["denominator_note"]) - {""})
    lines += [_("Note: {note}.").format(note=n) for n in notes[:4]]
    table = pd.DataFrame(  # the column names are shown translated (table_format.readable)
        {
            N_("country or area"): frame["entity"].map(names),
            N_("year"): frame["year"],
            N_("value"): frame["value"],
            N_("as published"): frame["raw_value"],
            N_("coverage"): frame["coverage"],
            N_("qualifiers"): frame["flags_text"],
            N_("source"): frame["source_id"],
        }
    )
    header = [
        _("{title}. OCSE Statistics Dashboard, country profile.").format(title=title),
        *citation_lines(list(frame["source_id"]), state.indicator, norm, frame),
    ]
    filename = safe_filename(code, state.indicator, norm, state.scale)
    return (
        figure,
        card_table(table, "country-table-data"),
        card_footer(lines + header[1:]),
        card_file(table, header, filename, state, country=code),
    )


def coverage_words(frame: pd.DataFrame) -> str:
    words = sorted(set(frame["coverage"]) - {""})
    return words[0] if len(words) == 1 else ("; ".join(words[:3]) if words else "")


def indicator_table(table: pd.DataFrame, meta: pd.DataFrame) -> html.Div:
    """Every indicator with a value, grouped by theme: latest, change, rank, source."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(c, scope="col")
                for c in (
                    _("Indicator"),
                    _("Latest year"),
                    _("Latest value"),
                    _("Change on the year before"),
                    _("Rank among countries (1 = highest)"),
                    _("Source"),
                )
            ]
        )
    )
    half_year, caveats = meta["half_year"].to_dict(), meta["caveats"].to_dict()
    body = []
    for theme, group in table.groupby("theme", sort=True):
        body.append(html.Tr(html.Th(theme, colSpan=6, scope="colgroup", className="theme-row")))
        for row in group.to_dict("records"):
            words = value_qualifiers(row, bool(half_year[row["indicator"]]))
            warning = caveat_kinds.first(caveats[row["indicator"]], CaveatKind.READING)
            body.append(
                html.Tr(
                    [
                        html.Td(
                            [
                                html.Div(row["name"]),
                                html.Div(row["publisher"], className="cell-note"),
                                html.Div(warning, className="caveat") if warning else None,
                            ]
                        ),
                        html.Td(int(row["year"])),
                        html.Td(
                            [
                                html.Strong(
                                    value_text(row["value"], row["flags"], row["unit"], units())
                                ),
                                html.Div("; ".join(words), className="cell-note")
                                if words
                                else None,
                            ]
                        ),
                        html.Td(change_text(row)),
                        html.Td(rank_words(row)),
                        html.Td(
                            publication_link(
                                row["source_id"], cited=True, page=row.get("source_url")
                            )
                        ),
                    ],
                    id=f"row-{row['indicator']}",
                )
            )
    return html.Div(
        html.Table(
            [
                html.Caption(
                    _(
                        "Change is on the year before, never across a series break. Rank is "
                        "among countries with a value that year; regions, the world and 'No "
                        "country listed' are not ranked. {reports_caveat}"
                    ).format(reports_caveat=reports_caveat())
                ),
                head,
                html.Tbody(body),
            ],
            className="focus-table profile-table",
            id="profile-table",
        ),
        className="focus-wrap",
    )


def change_text(row: dict) -> html.Span:
    number, words = change_words(row)
    if number:
        return html.Span([html.Strong(number), words], className="headline-change")
    style = "break-note" if row["across_break"] else "no-value"
    return html.Span(words, className=style)
