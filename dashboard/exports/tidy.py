"""Tidy rows for `ocse export` and the download buttons: every row can be cited on its own."""

from __future__ import annotations

import pandas as pd

from dashboard.store.read import StoreData

TIDY_COLUMNS = (
    "indicator indicator_name entity entity_name entity_as_published year period category "
    "value unit flags source_id source_title publisher source_url citation note preferred"
).split()


def tidy_rows(
    store: StoreData,
    indicator: str | None = None,
    entity: str | None = None,
    year: int | None = None,
) -> pd.DataFrame:
    rows = store.observations
    if indicator:
        rows = rows[rows["indicator"] == indicator]
    if entity:
        rows = rows[rows["entity"] == entity.upper()]
    if year is not None:
        rows = rows[rows["year"] == year]
    indicators = store.indicators[["id", "name"]].rename(
        columns={"id": "indicator", "name": "indicator_name"}
    )
    entities = store.entities[["code", "name"]].rename(
        columns={"code": "entity", "name": "entity_name"}
    )
    sources = store.sources[["id", "title", "publisher", "citation"]].rename(
        columns={"id": "source_id", "title": "source_title"}
    )
    tidy = (
        rows.merge(indicators, on="indicator", how="left")
        .merge(entities, on="entity", how="left")
        .merge(sources, on="source_id", how="left")
    )
    return tidy[TIDY_COLUMNS].reset_index(drop=True)
