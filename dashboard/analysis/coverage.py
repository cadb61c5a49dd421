"""Where data exists and where it is missing: by indicator, by year, by country."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.series import indicator_rows


def _span(first: int, last: int) -> str:
    return f"{first}-{last}" if last > first else str(first)


def coverage_by_indicator(observations: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and source: years, number of entities and observations."""
    grouped = observations.groupby(["indicator", "source_id"], sort=True).agg(
        first=("year", "min"),
        last=("year", "max"),
        entities=("entity", "nunique"),
        observations=("value", "size"),
    )
    spans = zip(grouped["first"], grouped["last"], strict=True)
    grouped["years"] = [_span(int(first), int(last)) for first, last in spans]
    frame = grouped.reset_index().merge(
        indicators[["id", "publisher", "theme"]].rename(columns={"id": "indicator"}),
        on="indicator",
        how="left",
    )
    return frame[
        ["theme", "publisher", "indicator", "source_id", "years", "entities", "observations"]
    ].sort_values(["theme", "indicator", "source_id"])


def coverage_by_year(observations: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """For one indicator: how many entities have a (preferred) value in each year."""
    rows = indicator_rows(observations, indicator)
    grouped = rows.groupby("year").agg(
        entities=("entity", "nunique"), sources=("source_id", lambda s: ", ".join(sorted(set(s))))
    )
    return grouped.reset_index()


def coverage_matrix(
    observations: pd.DataFrame, indicator: str, entities: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Entity x year table of 1 (published) / 0 (missing) for one indicator."""
    rows = indicator_rows(observations, indicator)
    matrix = pd.crosstab(rows["entity"], rows["year"]).clip(upper=1)
    if entities is not None:
        names = entities.set_index("code")["name"]
        matrix.index = [f"{names.get(code, code)} ({code})" for code in matrix.index]
    return matrix
