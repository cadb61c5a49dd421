"""What a world map of one indicator shows for one year: country values, raw or normalised, and
the figures that are not countries (world, regions, "No country listed"), said beside it."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.comparison import finite
from dashboard.analysis.rates import normalise_series, world_total
from dashboard.analysis.series import indicator_series


def headline_rows(store, indicator_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An indicator's preferred headline rows: those of countries, and the others (world,
    regions, "No country listed") with their names."""
    everything = indicator_series(store.observations, indicator_id)
    entities = store.entities.set_index("code")
    is_country = everything["entity"].map(entities["kind"]) == "country"
    others = everything[~is_country]
    others = others.assign(name=others["entity"].map(entities["name"]).fillna(others["entity"]))
    return everything[is_country], others


def map_values(
    store,
    indicator: pd.Series,
    year: int,
    how: str,
    rows: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    world: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Country rows of one indicator-year (entity, name, value normalised, raw_value, flags,
    source_id, denominator_note), and the rows of entities that are not countries.

    A caller that keeps the indicator's `headline_rows` and its world totals may pass them."""
    countries, others = rows if rows is not None else headline_rows(store, indicator.name)
    series = countries if how == "index" else countries[countries["year"] == year]
    base = int(series["year"].min()) if len(series) else None
    if world is None and how == "share_of_world":
        world = world_total(store.observations, indicator.name, bool(indicator["summable"]))
    frame = normalise_series(
        series, store.observations, how, indicator["counts"], indicator["breaks"], base, world
    )
    frame = finite(frame[frame["year"] == year].reset_index(drop=True))
    frame["name"] = frame["entity"].map(store.entities.set_index("code")["name"])
    return frame, others[others["year"] == year]
