"""What the Data gaps page shows: for the focus group or one country, the missing list and the
status grid; for every country, how many OCSE indicators it has."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.analysis.gaps import (
    country_coverage,
    country_years,
    entity_gaps,
    indicator_spans,
)
from dashboard.analysis.themes import in_themes
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.lookups import (
    citation_lines,
    country_codes,
    entity_names,
    source_line,
)
from dashboard.app.pages.gaps.figures import (
    country_matrix,
    coverage_map,
    focus_matrix,
    map_shapes,
)
from dashboard.app.pages.gaps.state import FOCUS_VALUE, GapsState, chosen
from dashboard.language import N_, _, decimal

GAP_RULE = N_(
    "A missing indicator counts as a gap only when it is published for two or more countries; "
    "a national statistic (published for one country) is shown but not called a gap. Many "
    "surveys and indices come in editions, not every year: a missing year is not always a "
    "missing edition. Context series (population, GDP, internet use) are not counted."
)


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
        title = _("Focus group: the latest year published, indicator by country")
        figure = focus_matrix(gaps, chosen(state.who), label, title, source)
    else:
        name = label.get(state.who, state.who)
        title = _("{country}: which indicators and years are published").format(country=name)
        figure = country_matrix(gaps, name, title, source)
    table = pd.DataFrame(
        {
            N_("theme"): gaps["theme"],
            N_("indicator"): gaps["name"],
            N_("id"): gaps["indicator"],
            N_("country"): gaps["entity"].map(label),
            N_("status"): [
                _("published")
                if p
                else (_("national statistic elsewhere") if s == "national" else _("missing"))
                for p, s in zip(gaps["published"], gaps["scope"], strict=True)
            ],
            N_("years published"): gaps["years_published"].map(_years_text),
            N_("years missing (other countries have a value)"): gaps["years_missing"].map(
                _years_text
            ),
            N_("published span"): gaps["span_start"].astype(str)
            + "-"
            + gaps["span_end"].astype(str),
            N_("countries publishing it"): gaps["n_countries"],
        }
    )
    citations = citation_lines(sources)
    rule = _(GAP_RULE)
    header = [
        _("{title}. OCSE Statistics Dashboard, data gaps view.").format(title=title),
        rule,
        *citations,
    ]
    return (
        figure,
        card_table(table, "gaps-matrix-table-data"),
        card_footer([rule, *citations]),
        card_file(table, header, safe_filename("gaps", state.who), state),
    )


def _years_text(years: list[int]) -> str:
    return ", ".join(map(str, years))


def missing_list(state: GapsState, gaps: pd.DataFrame) -> list:
    label = entity_names()
    items = []
    for entity in chosen(state.who):
        sentence, details = missing_sentence(gaps, entity, label.get(entity, entity))
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
    rows, _spans = gap_tables()
    coverage = country_coverage(rows, country_codes())
    obs = store.observations
    kept = set(store.indicators.loc[~in_themes(store.indicators), "id"])
    used = obs["indicator"].isin(kept) & obs["entity"].isin(country_codes())
    return coverage, sorted(obs.loc[used, "source_id"].unique())


def map_view() -> tuple:
    coverage, sources = coverage_tables()
    label = entity_names()
    figure = coverage_map(coverage, label, source_line(sources))
    hidden = coverage[~coverage["entity"].isin(map_shapes()) & (coverage["indicators"] > 0)]
    table = pd.DataFrame(
        {
            N_("country"): coverage["entity"].map(label),
            N_("code"): coverage["entity"],
            N_("OCSE indicators with any value"): coverage["indicators"],
            N_("latest year"): coverage["latest_year"].astype("string").fillna(""),
        }
    ).sort_values("OCSE indicators with any value", ascending=False)
    notes = [
        _(
            "Counts indicators with at least one published value in any year; more indicators "
            "does not mean better data. Most countries appear only in NCMEC's by-country tables."
        ),
    ]
    if len(hidden):
        listed = ", ".join(
            f"{label.get(c, c)} ({n})"
            for c, n in zip(hidden["entity"], hidden["indicators"], strict=True)
        )
        notes.append(
            _("Too small or not drawn on the 1:50m map: {countries}; see the table.").format(
                countries=listed
            )
        )
    header = [_("OCSE indicators per country. OCSE Statistics Dashboard, data gaps view."), *notes]
    sources_note = _("Sources: {count} publications; see Data & sources.").format(
        count=decimal(len(sources))
    )
    return (
        figure,
        card_table(table, "gaps-map-table-data"),
        card_footer([*notes, sources_note]),
        card_file(table, header + citation_lines(sources), "ocse-indicators-per-country"),
    )


def family(name: str) -> str:
    """'Disrupting Harm: children ...' -> 'Disrupting Harm' (the series a reader knows)."""
    return name.split(":")[0].strip() if ":" in name else name


def missing_sentence(gaps: pd.DataFrame, entity: str, name: str) -> tuple[str, list]:
    """'Missing for Ghana (20 indicators): Childlight (2), Disrupting Harm (8), ...' + details."""
    rows = gaps[
        (gaps["entity"] == entity) & ~gaps["published"] & (gaps["scope"] == "multi-country")
    ]
    if rows.empty:
        nothing = _("Nothing missing for {country} among indicators published for 2+ countries.")
        return nothing.format(country=name), []
    # a few dozen names: plain lists cost less than a groupby
    by_family: dict[str, list[str]] = {}
    for indicator in rows["name"]:
        by_family.setdefault(family(indicator), []).append(indicator)
    groups = sorted(by_family.items())
    parts = [f"{fam} ({len(names)})" for fam, names in groups]
    sentence = _("Missing for {country} ({count} indicators): {families}.").format(
        country=name, count=decimal(len(rows)), families=", ".join(parts)
    )
    details = [
        html.Li([html.Span(f"{fam}: ", className="publisher"), "; ".join(sorted(names))])
        for fam, names in groups
    ]
    return sentence, details
