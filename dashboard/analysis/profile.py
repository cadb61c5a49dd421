"""Country profile: every indicator for one country, its region and the world, its gaps.

Pure pandas on the store's frames. A change is never computed across a series break, a rank
is among countries only, and a region figure is a sum of the countries that published a value
(and says how many of the region's countries that is), never an estimate for the rest.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.analysis.gaps import indicator_gaps, missing_by_publisher
from dashboard.analysis.series import crosses_break, indicator_rows, indicator_series
from dashboard.analysis.themes import CONTEXT_THEMES, in_themes

CONTEXT_INDICATORS = (
    "population_total",
    "population_0_14",
    "internet_users_pct",
    "gdp_per_capita_ppp",
    "mobile_cellular_per_100",
    "fixed_broadband_per_100",
)
UNRANKED_UNITS = {"rank"}
PROFILE_COLUMNS = [
    "indicator",
    "name",
    "theme",
    "publisher",
    "unit",
    "measures",
    "year",
    "value",
    "flags",
    "source_id",
    "source_url",  # the page the figure was read on
    "previous",
    "change_pct",
    "across_break",
    "rank",
    "of",
]


def _entity_headline_rows(observations: pd.DataFrame, entity: str) -> pd.DataFrame:
    """The entity's preferred headline rows (category ""). Its rows are picked out first: in a
    large store that is far cheaper than filtering every row on preferred and category."""
    rows = observations[observations["entity"] == entity]
    return rows[rows["preferred"] & (rows["category"] == "")]


def profile_table(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    countries: Collection[str],
    entity: str,
    exclude_themes: Collection[str] = CONTEXT_THEMES,
    ranks: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per indicator with a preferred headline value for `entity`: the latest year and
    value, the change on the year before (None across a series break, `across_break` True),
    and the rank among countries with a value that year (1 = highest, only with 2 or more).

    `ranks` is `headline_ranks` of the same store, for a caller that keeps one; without it
    the ranks of the entity's indicators are computed here."""
    meta = indicators.set_index("id")
    kept = set(meta.index[~in_themes(meta, exclude_themes)])
    own = _entity_headline_rows(observations, entity)
    own = own[own["indicator"].isin(kept)].sort_values("year")
    if own.empty:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    latest = own.groupby("indicator", as_index=False).last()
    before = own[["indicator", "year", "value"]].rename(columns={"value": "previous"})
    latest = latest.merge(
        before.assign(year=before["year"] + 1), on=["indicator", "year"], how="left"
    )
    breaks = latest["indicator"].map(meta["breaks"])
    latest["across_break"] = [
        bool(pd.notna(p) and crosses_break(y - 1, y, list(b)))
        for p, y, b in zip(latest["previous"], latest["year"], breaks, strict=True)
    ]
    usable = latest["previous"].notna() & (latest["previous"] != 0) & ~latest["across_break"]
    latest["change_pct"] = np.where(
        usable, (latest["value"] / latest["previous"] - 1) * 100, np.nan
    )
    for column in ("name", "theme", "publisher", "unit", "measures"):
        latest[column] = latest["indicator"].map(meta[column])
    if ranks is None:
        ranks = headline_ranks(indicator_rows(observations, latest["indicator"]), countries)
    ranks = ranks[ranks["entity"] == entity].drop(columns="entity")
    latest = latest.merge(ranks, on=["indicator", "year"], how="left")
    unranked = (
        (entity not in set(countries)) | latest["unit"].isin(UNRANKED_UNITS) | (latest["of"] < 2)
    )
    latest.loc[unranked, ["rank", "of"]] = np.nan
    frame = latest[PROFILE_COLUMNS]
    return frame.sort_values(["theme", "publisher", "name"]).reset_index(drop=True)


def headline_ranks(observations: pd.DataFrame, countries: Collection[str]) -> pd.DataFrame:
    """Each country's rank (1 = highest, ties share the best) among the countries with a
    preferred headline value of the same indicator and year: indicator, year, entity, rank,
    of (how many were ranked). A bound ("fewer than 50", "more than 30,000") has no place in an
    order and is not ranked."""
    rows = observations.loc[
        observations["preferred"]
        & (observations["category"] == "")
        & observations["entity"].isin(set(countries))
        & ~observations["flags"].str.contains("upper_bound|lower_bound", regex=True),
        ["indicator", "year", "entity", "value"],
    ]
    values = rows.groupby(["indicator", "year"])["value"]
    rows = rows.assign(rank=values.rank(ascending=False, method="min"), of=values.transform("size"))
    return rows[["indicator", "year", "entity", "rank", "of"]]


def context_latest(
    observations: pd.DataFrame, entity: str, indicator_ids: Collection[str] = CONTEXT_INDICATORS
) -> pd.DataFrame:
    """Latest preferred value of each context series for the entity (absent ones left out)."""
    rows = indicator_rows(observations, indicator_ids)
    rows = rows[(rows["entity"] == entity) & (rows["category"] == "")]
    latest = rows.sort_values("year").groupby("indicator", as_index=False).last()
    order = {indicator: n for n, indicator in enumerate(indicator_ids)}
    latest = latest.sort_values("indicator", key=lambda s: s.map(order))
    columns = ["indicator", "year", "value", "flags", "source_id", "source_url"]
    return latest[columns].reset_index(drop=True)


def country_gaps(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    countries: Collection[str],
    entity: str,
) -> list[tuple[str, list[str]]]:
    """Indicators published for two or more countries but not for this one, by publisher."""
    gaps = indicator_gaps(observations, indicators, [entity], countries=countries)
    return missing_by_publisher(gaps, entity)


def missing_years(
    observations: pd.DataFrame, indicator: str, entity: str, years: Collection[int]
) -> list[int]:
    """Which of `years` have no preferred headline value for the entity."""
    have = set(indicator_series(observations, indicator, [entity])["year"])
    return [y for y in sorted(years) if y not in have]


def entity_sources(observations: pd.DataFrame, sources: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Every source with a preferred value for the entity: id, publisher, title, url, citation."""
    rows = observations[observations["entity"] == entity]
    used = set(rows.loc[rows["preferred"], "source_id"])
    rows = sources[sources["id"].isin(used)]
    return (
        rows[["id", "publisher", "title", "url", "citation"]]
        .sort_values(["publisher", "title"])
        .reset_index(drop=True)
    )
