"""Trend arithmetic: year-on-year change, CAGR, index, shares, ranks, regional sums.

Every function refuses to compare across a series break, and says so in a `note` or
`reason` instead of returning a number that looks comparable but is not.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.analysis.rates import index_to_base_year
from dashboard.analysis.series import crosses_break, indicator_series, rank_in_year
from dashboard.language import _, ngettext


@dataclass(frozen=True)
class Computed:
    """A number, or None with the reason it was not computed."""

    value: float | None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.value is not None


def break_between(start_year: int, end_year: int, breaks: list[int]) -> int | None:
    """The first break year that lies between two years, if any."""
    low, high = sorted((start_year, end_year))
    inside = [b for b in sorted(breaks) if low < b <= high]
    return inside[0] if inside else None


def yoy_change(series: pd.DataFrame, breaks: list[int]) -> pd.DataFrame:
    """Per entity and year: the previous year's value and the change, unless a break lies
    between (then `change` is empty and `note` says why)."""
    frame = series.sort_values(["entity", "year"]).reset_index(drop=True).copy()
    previous = frame.rename(columns={"value": "previous"})[["entity", "year", "previous"]]
    previous = previous.assign(year=previous["year"] + 1)
    frame = frame.merge(previous, on=["entity", "year"], how="left")
    frame["change"] = frame["value"] - frame["previous"]
    frame["change_pct"] = (frame["value"] / frame["previous"] - 1) * 100
    frame.loc[frame["previous"] == 0, "change_pct"] = np.nan
    frame["note"] = ""
    frame.loc[frame["previous"].isna(), "note"] = _("no value for the previous year")
    across = frame["year"].map(lambda y: crosses_break(int(y) - 1, int(y), breaks))
    frame.loc[across, ["change", "change_pct"]] = np.nan
    frame.loc[across, "note"] = frame.loc[across, "year"].map(
        lambda y: _("series break in {year}: not comparable with {previous_year}").format(
            year=int(y), previous_year=int(y) - 1
        )
    )
    return frame


def cagr(series: pd.DataFrame, start: int, end: int, breaks: list[int]) -> Computed:
    """Compound annual growth rate (a fraction: 0.36 = 36% a year) of one entity's series
    (year, value) from `start` to `end`; refused across a break or without both values."""
    if end <= start:
        return Computed(None, f"the end year ({end}) must come after the start year ({start})")
    crossed = break_between(start, end, breaks)
    if crossed is not None:
        return Computed(None, f"series break in {crossed}: {start} and {end} are not comparable")
    values = series.set_index("year")["value"]
    missing = [y for y in (start, end) if y not in values.index or pd.isna(values.get(y))]
    if missing:
        return Computed(None, f"no value for {', '.join(map(str, missing))}")
    first, last = float(values[start]), float(values[end])
    if first <= 0 or last < 0:
        return Computed(None, "growth needs a positive starting value")
    return Computed((last / first) ** (1 / (end - start)) - 1)


def index_series(series: pd.DataFrame, base_year: int, breaks: list[int]) -> pd.DataFrame:
    """value / value in base year x 100, per entity; empty with a note across a break."""
    frame = series.copy()
    frame["raw_value"] = frame["value"]
    frame["denominator_note"] = ""
    return index_to_base_year(frame, base_year, breaks).rename(columns={"denominator_note": "note"})


def share_of_total(series: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Each row's value as a percentage of the total for its year (world or a region);
    `totals` has year and value, as from `world_total` or one region of
    `regional_aggregate`."""
    frame = series.merge(
        totals.rename(columns={"value": "total"})[["year", "total"]], on="year", how="left"
    )
    frame["share_pct"] = frame["value"] / frame["total"] * 100
    frame["note"] = np.where(frame["total"].isna(), _("no total for this year"), "")
    return frame


def rank_change(
    series: pd.DataFrame, year: int, previous_year: int, countries: set[str], breaks: list[int]
) -> pd.DataFrame:
    """Rank in `year` and in `previous_year` (1 = highest) and places gained; ranks on either
    side of a break are shown but not subtracted."""
    now = rank_in_year(series, year, countries)
    before = rank_in_year(series, previous_year, countries).rename(
        columns={"rank": "previous_rank", "of": "previous_of"}
    )
    frame = now.merge(before, on="entity", how="left")
    frame["places_gained"] = frame["previous_rank"] - frame["rank"]
    frame["note"] = np.where(
        frame["previous_rank"].isna(), _("no value in {year}").format(year=previous_year), ""
    )
    crossed = break_between(previous_year, year, breaks)
    if crossed is not None:
        frame["places_gained"] = np.nan
        frame["note"] = _("series break in {year}: ranks not compared").format(year=crossed)
    return frame.sort_values("rank").reset_index(drop=True)


def regional_aggregate(
    observations: pd.DataFrame,
    entities: pd.DataFrame,
    indicators: pd.DataFrame,
    indicator: str,
    region_column: str = "un_region",
) -> pd.DataFrame:
    """Sum of country values per region and year, with coverage said in words
    ("sum of 38 of 42 countries"). Only for indicators that may be summed; a gap in
    coverage is stated, never filled."""
    row = indicators.set_index("id").loc[indicator]
    if not bool(row["summable"]):
        raise ValueError(f"{indicator} may not be summed across countries ({row['unit']})")
    countries = entities[(entities["kind"] == "country") & (entities[region_column] != "")]
    region_of = countries.set_index("code")[region_column]
    members = region_of.value_counts()
    series = indicator_series(observations, indicator, list(region_of.index))
    series = series.assign(region=series["entity"].map(region_of))
    grouped = series.groupby(["region", "year"], as_index=False).agg(
        value=("value", "sum"),
        countries_with_data=("entity", "nunique"),
        flags=("flags", lambda f: ";".join(sorted({x for v in f for x in v.split(";") if x}))),
        source_id=("source_id", lambda s: ";".join(sorted(set(s)))),
    )
    grouped["countries_in_region"] = grouped["region"].map(members).astype(int)
    grouped["coverage"] = [
        ngettext(
            "sum of {count} of {total} country", "sum of {count} of {total} countries", m
        ).format(count=n, total=m)
        for n, m in zip(grouped["countries_with_data"], grouped["countries_in_region"], strict=True)
    ]
    breaks = [int(b) for b in row["breaks"]]
    grouped["note"] = [
        next(
            (
                _(
                    "after the series break in {year}: not comparable with years before {year}"
                ).format(year=b)
                for b in sorted(breaks, reverse=True)
                if y >= b
            ),
            "",
        )
        for y in grouped["year"]
    ]
    return grouped.sort_values(["region", "year"]).reset_index(drop=True)
