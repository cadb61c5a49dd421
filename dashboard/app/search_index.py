"""What site search finds, built from the served store (countries, indicators, publications)
and the page registry, once per store version: a publication is findable as soon as it is
published, without a restart. Each entry carries the address of the view that shows it."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from urllib.parse import urlencode

import pandas as pd

from dashboard.analysis.mix import PLATFORM_INDICATOR
from dashboard.analysis.platform import INCIDENTS, INCIDENTS_H1
from dashboard.app import context
from dashboard.app.lookups import country_codes
from dashboard.app.pages import Page
from dashboard.language import _, current
from dashboard.wording.search import Entry, SearchIndex

COMPARE_AT_MOST = 10  # entities the compare view shows at once


def view_of(indicator: str, entities: Sequence[str], year: int | None = None) -> str:
    """Where an indicator's figures are drawn: the map when two or more countries have values,
    the country's profile when one has, else the compare chart of the entities that have
    (the world, regions)."""
    countries = [e for e in entities if e in country_codes()]
    if len(countries) >= 2:
        return "/map?" + urlencode({"indicator": indicator, **({"year": year} if year else {})})
    if len(countries) == 1:
        return f"/country/{countries[0]}?" + urlencode({"indicator": indicator})
    chosen = ",".join(sorted(entities)[:COMPARE_AT_MOST])
    return "/compare?" + urlencode({"indicator": indicator, "entities": chosen})


@context.per_store
def preferred_rows() -> pd.DataFrame:
    obs = context.store().observations
    return obs.loc[
        obs["preferred"] & (obs["category"] == ""), ["indicator", "source_id", "entity", "year"]
    ]


@context.per_store
def by_category_counts() -> pd.Series:
    """Rows per indicator published only by category (a platform, an incident type)."""
    obs = context.store().observations
    rows = obs.loc[obs["preferred"] & (obs["category"] != ""), "indicator"]
    return rows.value_counts()


def category_view(indicator: str) -> str:
    """Where an indicator published only by category is shown: platforms and incident types on
    Modus operandi, anything else in its catalogue entry (definition, coverage, values)."""
    if indicator in {PLATFORM_INDICATOR, INCIDENTS, INCIDENTS_H1}:
        return "/modus-operandi"
    return "/sources?" + urlencode({"tab": "indicators", "indicator": indicator})


def indicator_entries() -> list[Entry]:
    rows = preferred_rows()
    entities = rows.groupby("indicator")["entity"].unique()
    counts = rows.groupby("indicator").size()
    by_category = by_category_counts()
    entries = []
    for r in context.store().indicators.to_dict("records"):
        if r["id"] in entities.index:
            view, weight = view_of(r["id"], list(entities[r["id"]])), int(counts[r["id"]])
        elif r["id"] in by_category.index:
            view, weight = category_view(r["id"]), int(by_category[r["id"]])
        else:
            continue  # no value to show
        entries.append(
            Entry(
                "indicator",
                r["name"],
                view,
                detail=_("Indicator · {theme}").format(theme=r["theme"]),
                words=f"{r['id']} {r['publisher']} {r['definition']}",
                code=r["id"],
                weight=weight,
            )
        )
    return entries


def publication_entries() -> list[Entry]:
    """A publication opens the view of its largest indicator (in its one year, on the map)."""
    per_pair = (
        preferred_rows()
        .groupby(["source_id", "indicator"], sort=True)
        .agg(rows=("year", "size"), entities=("entity", "unique"), years=("year", "unique"))
    )
    largest = per_pair.sort_values("rows", ascending=False, kind="stable").groupby(level=0).head(1)
    largest = largest.reset_index().set_index("source_id")
    sizes = per_pair.groupby(level=0)["rows"].sum()
    entries = []
    for r in context.store().sources.to_dict("records"):
        if r["id"] not in largest.index:
            continue  # no value to show
        main = largest.loc[r["id"]]
        year = int(main["years"][0]) if len(main["years"]) == 1 else None
        if pd.notna(r["year_published"]):
            detail = _("Publication · {publisher}, {year}").format(
                publisher=r["publisher"], year=r["year_published"]
            )
        else:
            detail = _("Publication · {publisher}").format(publisher=r["publisher"])
        entries.append(
            Entry(
                "publication",
                r["title"],
                view_of(main["indicator"], list(main["entities"]), year),
                detail=detail,
                words=f"{r['id']} {r['publisher']} {r['url']}",
                code=r["id"],
                weight=int(sizes[r["id"]]),
            )
        )
    return entries


def country_entries() -> list[Entry]:
    entities = context.store().entities
    countries = entities[entities["kind"] == "country"]
    return [
        Entry(
            "country",
            r["name"],
            f"/country/{r['code']}",
            detail=country_detail(r["un_region"] or r["continent"]),
            words=r["code"],
            code=r["code"],
        )
        for r in countries.to_dict("records")
    ]


def country_detail(region: str) -> str:
    return _("Country · {region}").format(region=region) if region else _("Country")


def page_entries(pages: Sequence[Page]) -> list[Entry]:
    """Pages open to every reader; their package's docstring says what they show."""
    entries = []
    for page in pages:
        if page.needs or not page.in_nav:
            continue
        package = sys.modules.get(page.layout.__module__.rsplit(".", 1)[0])
        words = (package.__doc__ or "") if package else ""
        label = _(page.label)
        if label != page.label:  # the English name finds it too
            words = f"{page.label} {words}"
        entries.append(Entry("page", label, page.path, detail=_("Page"), words=words))
    return entries


def search_index(pages: tuple[Page, ...]) -> SearchIndex:
    return language_index(pages, current())


@context.per_store
def language_index(pages: tuple[Page, ...], language: str) -> SearchIndex:
    """The index once per store and language: labels and details are in the reader's
    language."""
    return SearchIndex(
        [*country_entries(), *page_entries(pages), *indicator_entries(), *publication_entries()]
    )
