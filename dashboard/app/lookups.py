"""What the pages look up in the served store, computed once per store: the country list,
names, the indicator and source catalogues by id, world totals, the indicator choices."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.rates import world_total
from dashboard.app import context
from dashboard.charts import sources as chart_sources
from dashboard.language import _, date_text
from dashboard.wording import denominators, links
from dashboard.wording.denominators import is_rate
from dashboard.wording.text import wrap_line
from dashboard.wording.units import units_by_id


def indicator_options(
    only: set[str] | None = None, exclude_themes: tuple[str, ...] = ()
) -> list[dict]:
    """Indicators grouped by theme, each labelled with its publisher, for dmc.Select."""
    return _indicator_options(None if only is None else frozenset(only), tuple(exclude_themes))


@context.per_store
def _indicator_options(only: frozenset[str] | None, exclude_themes: tuple[str, ...]) -> list[dict]:
    frame = context.store().indicators.sort_values(["theme", "publisher", "name"])
    if only is not None:
        frame = frame[frame["id"].isin(only)]
    frame = frame[~frame["theme"].isin(exclude_themes)]
    return [
        {
            "group": theme,
            "items": [
                {"value": r["id"], "label": f"{r['publisher']}: {r['name']}"}
                for r in rows.to_dict("records")
            ],
        }
        for theme, rows in frame.groupby("theme", sort=True)
    ]


@context.per_store
def countries() -> pd.DataFrame:
    """The store's countries (not regions), by name."""
    entities = context.store().entities
    return entities[entities["kind"] == "country"].sort_values("name")


@context.per_store
def country_codes() -> frozenset[str]:
    return frozenset(countries()["code"])


@context.per_store
def entity_names() -> dict[str, str]:
    """Code -> name for every country and region in the store."""
    return context.store().entities.set_index("code")["name"].to_dict()


@context.per_store
def indicators_by_id() -> pd.DataFrame:
    """The indicator catalogue indexed by id (read-only)."""
    return context.store().indicators.set_index("id")


@context.per_store
def sources_by_id() -> pd.DataFrame:
    """The publications indexed by id (read-only)."""
    return context.store().sources.set_index("id")


@context.per_store
def short_citations() -> dict[str, str]:
    """Source id -> 'NCMEC, 2023 CyberTipline Reports by Country', for every publication."""
    sources = context.store().sources
    return {source_id: links.short_citation(sources, source_id) for source_id in sources["id"]}


@context.per_store
def world_totals(indicator_id: str) -> pd.DataFrame:
    """The world figure per year of one indicator, for its share of the world (read-only)."""
    store = context.store()
    summable = bool(indicators_by_id().loc[indicator_id, "summable"])
    return world_total(store.observations, indicator_id, summable)


@context.per_store
def units() -> dict[str, dict]:
    """The units table by id (data/units.yaml): labels and what follows a value."""
    return units_by_id(context.store().units)


def reports_caveat() -> str:
    """What report counts measure, in the one sentence data/measures.yaml gives it."""
    return context.store().measures_statement("reporting_volume")


def citation_lines(
    source_ids: list[str],
    indicator_id: str | None = None,
    norm: str | None = None,
    rates: pd.DataFrame | None = None,
) -> list[str]:
    """Header lines for a CSV and the footer under a chart: sources, definition, caveats; for a
    rate (`norm` per 100,000 ...), the denominator's sources and what it is, and the rows of
    `rates` whose denominator comes from another year; last, the version of the figures (the
    store's content hash)."""
    ids = [*source_ids, *(denominator_sources(norm) if is_rate(norm) else ())]
    lines = links.citation_lines(sources_by_id(), indicators_by_id(), ids, indicator_id)
    lines = denominators.with_denominator(
        lines, norm, rates, entity_names() if is_rate(norm) else {}
    )
    return [*lines, version_line()]


@context.per_store
def denominator_sources(norm: str) -> tuple[str, ...]:
    """The sources of the series the rate `norm` divides by."""
    return tuple(denominators.denominator_source_ids(context.store().observations, norm))


def version_line() -> str:
    store = context.store()
    if store.built_at:
        return _("Figures: version {version}, built {date}.").format(
            version=store.content_hash[:12], date=date_text(store.built_at)
        )
    return _("Figures: version {version}.").format(version=store.content_hash[:12])


def source_line(source_ids: list[str], norm: str | None = None) -> str:
    """One short line for inside a figure: publishers and titles, compressed; for a rate, the
    denominator's series and publisher after it."""
    line = chart_sources.source_line(sources_by_id(), source_ids)
    if is_rate(norm):
        line += "<br>" + wrap_line(denominators.denominator_line(norm), 150, 2)
    return line
