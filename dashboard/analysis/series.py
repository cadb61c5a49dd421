"""One indicator as a tidy series: the preferred figure per entity and year, breaks marked."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import TypeVar

import numpy as np
import pandas as pd

# source_url: the page each figure was read on, which every link to it must lead to; frames
# built by hand (tests, notebooks) may leave it out
SERIES_COLUMNS = [
    "entity",
    "year",
    "period",
    "value",
    "flags",
    "source_id",
    "source_url",
    "category",
]
INDEXED_FROM = 10_000  # rows; a smaller frame is scanned, which is cheaper than indexing it
T = TypeVar("T")

# (id(frame), name) -> (the frame, its index object, what was derived from it)
_derived: dict[tuple[int, str], tuple[weakref.ref, pd.Index, object]] = {}


def derived(observations: pd.DataFrame, name: str, compute: Callable[[pd.DataFrame], T]) -> T:
    """`compute(observations)`, remembered per frame under `name` for a large frame. The served
    store's frame never changes, so a table derived from it is built once instead of from a
    million rows per request; a frame whose rows were replaced since (a new index object) is
    derived again. Callers must not modify what it returns."""
    if len(observations) < INDEXED_FROM:
        return compute(observations)
    key = (id(observations), name)
    entry = _derived.get(key)
    if entry and entry[0]() is observations and entry[1] is observations.index:
        return entry[2]  # type: ignore[return-value]
    value = compute(observations)
    _derived[key] = (weakref.ref(observations), observations.index, value)
    weakref.finalize(observations, _derived.pop, key, None)
    return value


def _positions(observations: pd.DataFrame) -> dict[str, np.ndarray]:
    return observations.groupby("indicator", sort=False, observed=True).indices


def indicator_rows(
    observations: pd.DataFrame, indicators: str | Iterable[str], preferred: bool = True
) -> pd.DataFrame:
    """Every row of one indicator (or several), in store order; only preferred ones unless
    `preferred` is False."""
    wanted = [indicators] if isinstance(indicators, str) else list(indicators)
    if len(observations) < INDEXED_FROM:
        rows = observations[observations["indicator"].isin(wanted)]
    else:
        positions = derived(observations, "indicator positions", _positions)
        found = [positions[i] for i in wanted if i in positions]
        rows = observations.take(np.sort(np.concatenate(found)) if found else [])
    return rows[rows["preferred"]] if preferred else rows


def indicator_series(
    observations: pd.DataFrame,
    indicator: str,
    entities: list[str] | None = None,
    category: str | None = "",
) -> pd.DataFrame:
    """Preferred observations of one indicator; category "" = the headline figure, None = all."""
    rows = indicator_rows(observations, indicator)
    if category is not None:
        rows = rows[rows["category"] == category]
    if entities is not None:
        rows = rows[rows["entity"].isin(entities)]
    columns = [c for c in SERIES_COLUMNS if c in rows.columns]
    return rows[columns].sort_values(["entity", "year"]).reset_index(drop=True)


def with_segments(series: pd.DataFrame, breaks: list[int]) -> pd.DataFrame:
    """Number the stretches between series breaks, so a chart never joins across one."""
    segment = pd.Series(0, index=series.index)
    for year in sorted(breaks):
        segment += (series["year"] >= year).astype(int)
    return series.assign(segment=segment)


def crosses_break(start_year: int, end_year: int, breaks: list[int]) -> bool:
    """True when a comparison from start_year to end_year spans a methodology change."""
    low, high = sorted((start_year, end_year))
    return any(low < b <= high for b in breaks)


def rank_in_year(series: pd.DataFrame, year: int, countries: set[str]) -> pd.DataFrame:
    """Rank of each country (1 = highest value) among countries with a value that year."""
    rows = series[(series["year"] == year) & series["entity"].isin(countries)].copy()
    rows["rank"] = rows["value"].rank(ascending=False, method="min").astype(int)
    rows["of"] = len(rows)
    return rows[["entity", "rank", "of"]]
