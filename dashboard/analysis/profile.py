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
from dashboard.analysis.rates import (
    DENOMINATORS,
    nearest_denominator,
    normalisable,
    normalise_series,
    world_total,
)
from dashboard.analysis.series import crosses_break, indicator_series

CONTEXT_INDICATORS = (
    "population_total",
    "population_0_14",
    "internet_users_pct",
    "gdp_per_capita_ppp",
    "mobile_cellular_per_100",
    "fixed_broadband_per_100",
)
CONTEXT_THEMES = ("Context",)
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
    "previous",
    "change_pct",
    "across_break",
    "rank",
    "of",
]


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def country_codes(entities: pd.DataFrame) -> set[str]:
    return set(entities.loc[entities["kind"] == "country", "code"])


def _headline_rows(observations: pd.DataFrame) -> pd.DataFrame:
    return observations[observations["preferred"] & (observations["category"] == "")]


def profile_table(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    countries: Collection[str],
    entity: str,
    exclude_themes: Collection[str] = CONTEXT_THEMES,
) -> pd.DataFrame:
    """One row per indicator with a preferred headline value for `entity`: the latest year and
    value, the change on the year before (None across a series break, `across_break` True),
    and the rank among countries with a value that year (1 = highest, only with 2 or more)."""
    rows = _headline_rows(observations)
    meta = indicators.set_index("id")
    kept = set(meta.index[~meta["theme"].isin(list(exclude_themes))])
    own = rows[(rows["entity"] == entity) & rows["indicator"].isin(kept)].sort_values("year")
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
    ranks = _ranks(rows, latest[["indicator", "year"]], set(countries))
    ranks = ranks[ranks["entity"] == entity].drop(columns="entity")
    latest = latest.merge(ranks, on=["indicator", "year"], how="left")
    unranked = (
        (entity not in set(countries)) | latest["unit"].isin(UNRANKED_UNITS) | (latest["of"] < 2)
    )
    latest.loc[unranked, ["rank", "of"]] = np.nan
    frame = latest[PROFILE_COLUMNS]
    return frame.sort_values(["theme", "publisher", "name"]).reset_index(drop=True)


def _ranks(rows: pd.DataFrame, wanted: pd.DataFrame, countries: set[str]) -> pd.DataFrame:
    """Each country's rank (1 = highest, ties share the best) in the wanted indicator-years."""
    pool = rows[rows["entity"].isin(countries)].merge(wanted, on=["indicator", "year"])
    pool = pool.assign(
        rank=pool.groupby("indicator")["value"].rank(ascending=False, method="min"),
        of=pool.groupby("indicator")["value"].transform("size"),
    )
    return pool[["indicator", "year", "entity", "rank", "of"]]


def context_latest(
    observations: pd.DataFrame, entity: str, indicator_ids: Collection[str] = CONTEXT_INDICATORS
) -> pd.DataFrame:
    """Latest preferred value of each context series for the entity (absent ones left out)."""
    rows = _headline_rows(observations)
    rows = rows[(rows["entity"] == entity) & rows["indicator"].isin(list(indicator_ids))]
    latest = rows.sort_values("year").groupby("indicator", as_index=False).last()
    order = {indicator: n for n, indicator in enumerate(indicator_ids)}
    latest = latest.sort_values("indicator", key=lambda s: s.map(order))
    return latest[["indicator", "year", "value", "flags", "source_id"]].reset_index(drop=True)


def region_members(entities: pd.DataFrame, entity: str, column: str = "un_region") -> list[str]:
    """Countries in the same region as `entity` (itself included); [] when it has none."""
    table = entities.set_index("code")
    if entity not in table.index or not table.loc[entity, column]:
        return []
    region = table.loc[entity, column]
    same = entities[(entities["kind"] == "country") & (entities[column] == region)]
    return sorted(same["code"])


def _coverage(n: int, m: int) -> str:
    return f"sum of {n} of {m} {'country' if m == 1 else 'countries'}"


def _sum_by_year(frame: pd.DataFrame, numerator: str, denominator: str | None) -> pd.DataFrame:
    aggregations = {
        "value": (numerator, "sum"),
        "n": ("entity", "nunique"),
        "flags": ("flags", lambda f: ";".join(sorted({x for v in f for x in v.split(";") if x}))),
        "source_id": ("source_id", lambda s: s.mode().iloc[0]),
    }
    if denominator:
        aggregations["denominator"] = (denominator, "sum")
        aggregations["nearby"] = ("nearby", "sum")
    return frame.groupby("year", as_index=False).agg(**aggregations)


def aggregate_series(
    observations: pd.DataFrame,
    indicator: str,
    members: list[str],
    how: str = "raw",
) -> pd.DataFrame:
    """Sum of the members' values per year (year, value, raw_value, n, of, coverage, flags,
    source_id, denominator_note). For a rate, numerator and denominator are summed over the
    same countries: those with both a value and a denominator within two years."""
    series = indicator_series(observations, indicator, members)
    columns = ["year", "value", "raw_value", "n", "of", "coverage", "flags", "source_id"]
    if series.empty:
        return pd.DataFrame(columns=[*columns, "denominator_note"])
    note = pd.Series("", index=range(0))
    if how in DENOMINATORS:
        joined = nearest_denominator(series, DENOMINATORS[how](observations))
        joined = joined.dropna(subset=["denominator"])
        joined["nearby"] = (joined["denominator_year"] != joined["year"]).astype(int)
        summed = _sum_by_year(joined, "value", "denominator")
        summed["raw_value"] = summed["value"]
        summed["value"] = summed["raw_value"] / summed["denominator"] * 100_000
        note = summed["nearby"].map(
            lambda k: f"denominator from a nearby year for {k}" if k else ""
        )
    else:
        summed = _sum_by_year(series, "value", None)
        summed["raw_value"] = summed["value"]
    summed["of"] = len(members)
    summed["coverage"] = [_coverage(int(n), len(members)) for n in summed["n"]]
    summed["denominator_note"] = note.values if len(note) else ""
    return summed[[*columns, "denominator_note"]].reset_index(drop=True)


def world_series(
    observations: pd.DataFrame,
    indicator: str,
    summable: bool,
    countries: list[str],
    how: str = "raw",
) -> pd.DataFrame:
    """The world figure per year (published WLD, else the sum of entities); for a rate the
    denominator is the sum over all countries with one (nearest year within two)."""
    world = world_total(observations, indicator, summable).assign(entity="WLD")
    world["raw_value"] = world["value"]
    world["denominator_note"] = ""
    if how not in DENOMINATORS or world.empty:
        return world
    frame = pd.DataFrame(
        [(c, int(y)) for y in world["year"] for c in countries], columns=["entity", "year"]
    )
    joined = nearest_denominator(frame, DENOMINATORS[how](observations))
    totals = joined.groupby("year")["denominator"].agg(["sum", "count"])
    world["value"] = world["year"].map(totals["sum"])
    world["value"] = world["raw_value"] / world["value"].replace(0, np.nan) * 100_000
    world["denominator_note"] = world["year"].map(
        lambda y: (
            f"denominator summed over {int(totals.loc[y, 'count'])} countries"
            if y in totals.index
            else "no denominator"
        )
    )
    return world


def comparison_series(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entities: pd.DataFrame,
    indicator: str,
    entity: str,
    how: str = "raw",
) -> pd.DataFrame:
    """The country, its UN region (a sum of countries, if the indicator may be summed) and
    the world, on one scale: entity, year, value, raw_value, flags, source_id,
    denominator_note, coverage. Region rows have entity "REGION"."""
    row = indicators.set_index("id").loc[indicator]
    unit, breaks, summable = row["unit"], list(row["breaks"]), bool(row["summable"])
    if how != "raw" and not normalisable(unit):
        how = "raw"
    countries = sorted(country_codes(entities))
    own = indicator_series(observations, indicator, [entity])
    world_raw = world_total(observations, indicator, summable)
    base = int(own["year"].min()) if len(own) else None
    if len(own):
        shown = finite(normalise_series(own, observations, how, unit, breaks, base, world_raw))
    else:
        shown = own.assign(raw_value=own["value"], denominator_note="")
    shown["coverage"] = ""
    parts = [shown]
    members = region_members(entities, entity)
    if summable and members:
        region = aggregate_series(observations, indicator, members, how).assign(entity="REGION")
        parts.append(finite(_relative(region, how, breaks, base, world_raw, observations, unit)))
    world = world_series(observations, indicator, summable, countries, how)
    world["coverage"] = ""
    parts.append(finite(_relative(world, how, breaks, base, world_raw, observations, unit)))
    keep = ["entity", "year", "value", "raw_value", "flags", "source_id"]
    keep += ["denominator_note", "coverage"]
    frames = [p.assign(flags=p.get("flags", "")).reindex(columns=keep) for p in parts if len(p)]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=keep)
    frame["flags"] = frame["flags"].fillna("")
    frame["source_id"] = frame["source_id"].fillna("")
    return frame


def finite(frame: pd.DataFrame) -> pd.DataFrame:
    """A rate or an index whose denominator (or base-year value) is 0 has no value: blank it
    and say why."""
    infinite = np.isinf(frame["value"].astype(float))
    if infinite.any():
        frame = frame.copy()
        frame.loc[infinite, "value"] = np.nan
        frame.loc[infinite, "denominator_note"] = "denominator or base-year value is 0"
    return frame


def _relative(frame, how, breaks, base, world_raw, observations, unit) -> pd.DataFrame:
    """Share of world and index for an aggregate, from its raw sums."""
    if how not in ("share_of_world", "index"):
        return frame
    raw = frame.assign(value=frame["raw_value"]).drop(columns=["denominator_note"])
    raw = raw.drop(columns=["raw_value"])
    return normalise_series(raw, observations, how, unit, breaks, base, world_raw)


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
    used = set(
        observations.loc[
            observations["preferred"] & (observations["entity"] == entity), "source_id"
        ]
    )
    rows = sources[sources["id"].isin(used)]
    return (
        rows[["id", "publisher", "title", "url", "citation"]]
        .sort_values(["publisher", "title"])
        .reset_index(drop=True)
    )
