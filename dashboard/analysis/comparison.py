"""A country against its UN region and the world, on one scale: the region as a sum of its
countries (only where values may be summed), the world's published figure where there is one,
then any normalisation, applied the same way to all three."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.rates import (
    DENOMINATORS,
    denominators,
    nearest_denominator,
    normalise_series,
    world_total,
)
from dashboard.analysis.series import indicator_series
from dashboard.language import ngettext


def country_codes(entities: pd.DataFrame) -> set[str]:
    return set(entities.loc[entities["kind"] == "country", "code"])


def region_members(entities: pd.DataFrame, entity: str, column: str = "un_region") -> list[str]:
    """Countries in the same region as `entity` (itself included); [] when it has none."""
    table = entities.set_index("code")
    if entity not in table.index or not table.loc[entity, column]:
        return []
    region = table.loc[entity, column]
    same = entities[(entities["kind"] == "country") & (entities[column] == region)]
    return sorted(same["code"])


def _coverage(n: int, m: int) -> str:
    return ngettext(
        "sum of {count} of {total} country", "sum of {count} of {total} countries", m
    ).format(count=n, total=m)


def _all_flags(flags: pd.Series) -> str:
    """Every flag any of the values carries, once: 'approximate;lower_bound'."""
    return ";".join(sorted({x for v in flags for x in v.split(";") if x}))


def _most_common(values: pd.Series) -> str:
    return values.mode().iloc[0]


def _sum_by_year(frame: pd.DataFrame, numerator: str, denominator: str | None) -> pd.DataFrame:
    # one aggregation per column: several times cheaper than one .agg() of named aggregations
    groups = frame.groupby("year")
    columns = {
        "value": groups[numerator].sum(),
        "n": groups["entity"].nunique(),
        "flags": groups["flags"].agg(_all_flags),
        "source_id": groups["source_id"].agg(_most_common),
    }
    if denominator:
        columns["denominator"] = groups[denominator].sum()
        columns["nearby"] = groups["nearby"].sum()
    return pd.DataFrame(columns).reset_index()


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
    table = denominators(observations, how) if how in DENOMINATORS else None
    return _region_sum(series, len(members), how, table)


def _region_sum(
    series: pd.DataFrame, of: int, how: str, denominators: pd.DataFrame | None
) -> pd.DataFrame:
    """aggregate_series from the members' series and the normalisation's denominators."""
    columns = ["year", "value", "raw_value", "n", "of", "coverage", "flags", "source_id"]
    if series.empty:
        return pd.DataFrame(columns=[*columns, "denominator_note"])
    note = pd.Series("", index=range(0))
    if how in DENOMINATORS:
        joined = nearest_denominator(series, denominators)
        joined = joined.dropna(subset=["denominator"])
        joined["nearby"] = (joined["denominator_year"] != joined["year"]).astype(int)
        summed = _sum_by_year(joined, "value", "denominator")
        summed["raw_value"] = summed["value"]
        summed["value"] = summed["raw_value"] / summed["denominator"] * 100_000
        note = summed["nearby"].map(
            lambda k: (
                ngettext(
                    "denominator from a nearby year for {count} member",
                    "denominator from a nearby year for {count} members",
                    k,
                ).format(count=k)
                if k
                else ""
            )
        )
    else:
        summed = _sum_by_year(series, "value", None)
        summed["raw_value"] = summed["value"]
    summed["of"] = of
    summed["coverage"] = [_coverage(int(n), of) for n in summed["n"]]
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
    world_raw = world_total(observations, indicator, summable)
    table = denominators(observations, how) if how in DENOMINATORS else None
    return _world_figure(world_raw, countries, how, table)


def _world_figure(
    world_raw: pd.DataFrame, countries: Sequence[str], how: str, denominators: pd.DataFrame | None
) -> pd.DataFrame:
    """world_series from the world total and the normalisation's denominators."""
    world = world_raw.assign(entity="WLD")
    world["raw_value"] = world["value"]
    world["denominator_note"] = ""
    if how not in DENOMINATORS or world.empty:
        return world
    years = world["year"].to_numpy(dtype="int64")
    # every country in every year of the world series
    frame = pd.DataFrame(
        {"entity": np.tile(countries, len(years)), "year": np.repeat(years, len(countries))}
    )
    joined = nearest_denominator(frame, denominators)
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


@dataclass(frozen=True)
class ComparisonData:
    """What the store holds on one indicator for a country, its region and the world, before
    any normalisation: the same whatever the chart's controls say."""

    unit: str
    counts: bool  # the values count things (data/units.yaml), so may be normalised
    breaks: tuple[int, ...]
    own: pd.DataFrame  # the country's indicator_series
    members: tuple[str, ...]  # the countries of its UN region, when the indicator is summable
    region: pd.DataFrame  # their indicator_series
    world_raw: pd.DataFrame  # world_total
    countries: tuple[str, ...]  # every country, for the world's denominator


def comparison_data(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entities: pd.DataFrame,
    indicator: str,
    entity: str,
) -> ComparisonData:
    """The rows comparison_series starts from, read from the store once."""
    row = indicators.set_index("id").loc[indicator]
    summable = bool(row["summable"])
    members = region_members(entities, entity) if summable else []
    # the indicator's rows for the country and its region, looked up once
    series = indicator_series(observations, indicator, sorted({entity, *members}))
    return ComparisonData(
        unit=row["unit"],
        counts=bool(row["counts"]),
        breaks=tuple(row["breaks"]),
        own=_rows_of(series, [entity]),
        members=tuple(members),
        region=_rows_of(series, members),
        world_raw=world_total(observations, indicator, summable),
        countries=tuple(sorted(country_codes(entities))),
    )


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
    data = comparison_data(observations, indicators, entities, indicator, entity)
    return compare(data, observations, how)


def compare(data: ComparisonData, observations: pd.DataFrame, how: str = "raw") -> pd.DataFrame:
    """comparison_series from its ComparisonData: `how` is applied on every call (the data,
    which does not depend on it, may be kept; it is not modified here)."""
    breaks, own, world_raw = list(data.breaks), data.own, data.world_raw
    if how != "raw" and not data.counts:
        how = "raw"
    table = denominators(observations, how) if how in DENOMINATORS else None
    base = int(own["year"].min()) if len(own) else None
    if len(own):
        shown = finite(
            normalise_series(own, observations, how, data.counts, breaks, base, world_raw)
        )
    else:
        shown = own.assign(raw_value=own["value"], denominator_note="")
    shown["coverage"] = ""
    parts = [shown]
    if data.members:
        region = _region_sum(data.region, len(data.members), how, table)
        region = region.assign(entity="REGION")
        parts.append(finite(_relative(region, how, breaks, base, world_raw, observations)))
    world = _world_figure(world_raw, data.countries, how, table)
    world["coverage"] = ""
    parts.append(finite(_relative(world, how, breaks, base, world_raw, observations)))
    keep = ["entity", "year", "value", "raw_value", "flags", "source_id"]
    keep += ["denominator_note", "coverage"]
    frames = [p.assign(flags=p.get("flags", "")).reindex(columns=keep) for p in parts if len(p)]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=keep)
    frame["flags"] = frame["flags"].fillna("")
    frame["source_id"] = frame["source_id"].fillna("")
    return frame


def _rows_of(series: pd.DataFrame, entities: list[str]) -> pd.DataFrame:
    """The entities' part of an indicator_series, as indicator_series would return it."""
    return series[series["entity"].isin(entities)].reset_index(drop=True)


def finite(frame: pd.DataFrame) -> pd.DataFrame:
    """A rate or an index whose denominator (or base-year value) is 0 has no value: blank it
    and say why."""
    infinite = np.isinf(frame["value"].astype(float))
    if infinite.any():
        frame = frame.copy()
        frame.loc[infinite, "value"] = np.nan
        frame.loc[infinite, "denominator_note"] = "denominator or base-year value is 0"
    return frame


def _relative(frame, how, breaks, base, world_raw, observations) -> pd.DataFrame:
    """Share of world and index for an aggregate, from its raw sums."""
    if how not in ("share_of_world", "index"):
        return frame
    raw = frame.assign(value=frame["raw_value"]).drop(columns=["denominator_note"])
    raw = raw.drop(columns=["raw_value"])
    return normalise_series(raw, observations, how, True, breaks, base, world_raw)  # sums
