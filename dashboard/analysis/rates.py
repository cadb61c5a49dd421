"""Normalisations: per 100k population, children or internet users; share of world; index.

A rate needs a denominator for the same country and year. When that year is missing, the
nearest year within two years is used and the row says so (`denominator_note`); beyond two
years there is no value. Only counts are normalised: a percentage or a rank is shown as published.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.analysis.series import crosses_break, derived, indicator_rows
from dashboard.language import N_, _

# why a rate has no value, or where its denominator came from (`denominator_note`)
NOT_A_COUNT = N_("not a count, so not normalised")
NO_DENOMINATOR = N_("no denominator within 2 years")
NO_WORLD_TOTAL = N_("no world total for this year")

# labels marked for the catalogue: shown with _(NORMALISATIONS[how])
NORMALISATIONS = {
    "raw": N_("as published"),
    "per_100k_population": N_("per 100,000 population"),
    "per_100k_children": N_("per 100,000 children aged 0-14"),
    "per_100k_internet_users": N_("per 100,000 internet users"),
    "share_of_world": N_("share of the world total (%)"),
    "index": N_("index (base year = 100)"),
}
MAX_DENOMINATOR_GAP = 2


def context_series(observations: pd.DataFrame, indicator: str) -> pd.DataFrame:
    rows = indicator_rows(observations, indicator)
    return rows[["entity", "year", "value"]].rename(columns={"value": indicator})


def internet_users(observations: pd.DataFrame) -> pd.DataFrame:
    """Internet users = population x share online; both for the same year."""
    population = context_series(observations, "population_total")
    online = context_series(observations, "internet_users_pct")
    both = population.merge(online, on=["entity", "year"])
    both["internet_users"] = both["population_total"] * both["internet_users_pct"] / 100
    return both[["entity", "year", "internet_users"]]


DENOMINATORS = {
    "per_100k_population": lambda obs: context_series(obs, "population_total").rename(
        columns={"population_total": "denominator"}
    ),
    "per_100k_children": lambda obs: context_series(obs, "population_0_14").rename(
        columns={"population_0_14": "denominator"}
    ),
    "per_100k_internet_users": lambda obs: internet_users(obs).rename(
        columns={"internet_users": "denominator"}
    ),
}


def denominators(observations: pd.DataFrame, how: str) -> pd.DataFrame:
    """entity, year, denominator for a per-100k normalisation, built once per store frame."""
    return derived(observations, f"denominators {how}", DENOMINATORS[how])


def nearest_denominator(series: pd.DataFrame, denominators: pd.DataFrame) -> pd.DataFrame:
    """Attach each row's denominator: same year, else the nearest within two years."""
    left = series.assign(_order=range(len(series))).sort_values("year")
    right = denominators.rename(columns={"year": "denominator_year"}).sort_values(
        "denominator_year"
    )
    left["year"] = left["year"].astype("int64")
    right["denominator_year"] = right["denominator_year"].astype("int64")
    merged = pd.merge_asof(
        left,
        right,
        left_on="year",
        right_on="denominator_year",
        by="entity",
        direction="nearest",
        tolerance=MAX_DENOMINATOR_GAP,
    )
    return merged.sort_values("_order").drop(columns="_order").reset_index(drop=True)


def normalise_series(
    series: pd.DataFrame,
    observations: pd.DataFrame,
    how: str,
    counts: bool,
    breaks: list[int] | None = None,
    base_year: int | None = None,
    world: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """series (entity, year, value, ...) -> the same rows with `value` normalised.

    Only counts (the indicator's `counts`, from its unit in data/units.yaml) become rates or
    shares. Adds `raw_value` and `denominator_note` (why a value is missing or how it was
    computed).
    `world` (year, value) is the world total for `share_of_world`.
    """
    frame = series.copy()
    frame["raw_value"] = frame["value"].astype(float)  # an empty series may come typed as text
    frame["denominator_note"] = ""
    if how == "raw":
        return frame
    if how in DENOMINATORS or how == "share_of_world":
        if not counts:
            frame["value"] = np.nan
            frame["denominator_note"] = _(NOT_A_COUNT)
            return frame
    if how in DENOMINATORS:
        frame = nearest_denominator(frame, denominators(observations, how))
        frame["value"] = frame["raw_value"] / frame["denominator"] * 100_000
        gap = frame["denominator_year"] - frame["year"]
        nearby = frame["denominator_year"].notna() & (gap != 0)
        frame.loc[nearby, "denominator_note"] = [
            _("denominator from {year}").format(year=int(y))
            for y in frame.loc[nearby, "denominator_year"]
        ]
        missing = frame["denominator"].isna()
        frame.loc[missing, "denominator_note"] = _(NO_DENOMINATOR)
        return frame.drop(columns=["denominator"])
    if how == "share_of_world":
        totals = world if world is not None else pd.DataFrame(columns=["year", "value"])
        totals = totals.rename(columns={"value": "world"})[["year", "world"]]
        frame = frame.merge(totals, on="year", how="left")
        frame["value"] = frame["raw_value"] / frame["world"] * 100
        frame.loc[frame["world"].isna(), "denominator_note"] = _(NO_WORLD_TOTAL)
        return frame.drop(columns=["world"])
    if how == "index":
        return index_to_base_year(frame, base_year, breaks or [])
    raise ValueError(f"unknown normalisation {how!r}")


def index_to_base_year(
    frame: pd.DataFrame, base_year: int | None, breaks: list[int]
) -> pd.DataFrame:
    """value / value in base year x 100, per entity; never across a series break."""
    if base_year is None:
        base_year = int(frame["year"].min()) if len(frame) else 0
    base = frame[frame["year"] == base_year].set_index("entity")["raw_value"]
    base_value = frame["entity"].map(base).astype(float)  # text-typed when nothing matched
    frame["value"] = frame["raw_value"] / base_value * 100
    frame.loc[base_value.isna(), "denominator_note"] = f"no value in base year {base_year}"
    across = frame["year"].map(lambda y: crosses_break(base_year, int(y), breaks))
    frame.loc[across, "value"] = np.nan
    frame.loc[across, "denominator_note"] = f"not comparable with {base_year} (series break)"
    return frame


def world_total(observations: pd.DataFrame, indicator: str, summable: bool) -> pd.DataFrame:
    """The world figure per year: published (WLD) where it exists, else the sum of entities."""
    rows = indicator_rows(observations, indicator)
    rows = rows[rows["category"] == ""]
    published = rows[rows["entity"] == "WLD"][["year", "value"]]
    if not summable:
        return published.reset_index(drop=True)
    summed = rows[rows["entity"] != "WLD"].groupby("year", as_index=False)["value"].sum()
    summed = summed[~summed["year"].isin(published["year"])]
    return pd.concat([published, summed]).sort_values("year").reset_index(drop=True)
