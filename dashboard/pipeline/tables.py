"""A checked catalogue as the store's tables: sources, indicators, entities, observations and
the notices of what was resolved by rule."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.ingest.catalogue import Catalogue
from dashboard.ingest.countries import country_table
from dashboard.ingest.problems import Severity, problems_frame


def _lists_to_json(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for column in columns:
        frame[column] = frame[column].map(lambda v: json.dumps(list(v), ensure_ascii=False))
    return frame


def catalogue_tables(catalogue: Catalogue, country_meta: pd.DataFrame) -> dict[str, pd.DataFrame]:
    sources = pd.DataFrame(
        [
            {**s.model_dump(mode="json"), "citation": s.citation()}
            for s in catalogue.sources.values()
        ]
    )
    sources = _lists_to_json(sources, ["caveats"]).sort_values("id")
    reference = catalogue.reference
    indicators = pd.DataFrame([i.model_dump(mode="json") for i in reference.indicators.values()])
    indicators = _lists_to_json(indicators, ["caveats", "breaks"]).sort_values("id")
    # whether the indicator's values count things (data/units.yaml), so may be normalised
    counting = {u.id: u.count for u in reference.units.values()}
    indicators["counts"] = indicators["unit"].map(counting).fillna(False).astype(bool)
    observations = catalogue.observations.copy()
    observations["year"] = observations["year"].astype("int64")
    observations["row"] = observations["row"].astype("int64")
    observations["value"] = observations["value"].astype("float64")
    observations["preferred"] = observations["preferred"].astype("bool")
    notices = problems_frame(p for p in catalogue.problems if p.severity is Severity.NOTICE)
    notices["row"] = notices["row"].astype("Int64")
    return {
        "sources": sources.reset_index(drop=True),
        "indicators": indicators.reset_index(drop=True),
        "entities": entity_table(catalogue, country_meta),
        "observations": observations.reset_index(drop=True),
        "notices": notices.sort_values(["file", "row", "message"]).reset_index(drop=True),
        "units": pd.DataFrame([u.model_dump() for u in reference.units.values()]).sort_values("id"),
        "measures": pd.DataFrame(sorted(reference.measures.items()), columns=["id", "statement"]),
        "corrections": catalogue.corrections.frame(),
        "translations": reference.translations.reset_index(drop=True),
        "groups": pd.DataFrame(
            {
                "group": "focus",
                "name": reference.focus_name,
                "position": range(1, len(reference.focus) + 1),
                "code": reference.focus,
            }
        ),
    }


def entity_table(catalogue: Catalogue, country_meta: pd.DataFrame) -> pd.DataFrame:
    """Countries (coco) with Gapminder's World Bank income group, then the declared regions."""
    countries = country_table().assign(kind="country")
    meta = country_meta.rename(
        columns={
            "iso3": "code",
            "income_group_gapminder_wb4": "income_group",
            "world_4region": "region_4",
        }
    )[["code", "income_group", "region_4"]]
    # Gapminder lists some codes twice (MAF: "St. Martin" and "St. Martin (French part)"):
    # keep the entry that has an income group.
    meta = meta.sort_values(["code", "income_group"], na_position="last").drop_duplicates("code")
    countries = countries.merge(meta, on="code", how="left")
    regions = pd.DataFrame(
        [
            {"code": r.code, "name": r.name, "kind": r.kind}
            for r in catalogue.reference.resolver.regions.values()
        ]
    )
    entities = pd.concat([countries, regions], ignore_index=True)
    for column in ["continent", "un_region", "income_group", "region_4"]:
        entities[column] = entities[column].fillna("").astype("str")
    return entities.sort_values("code").reset_index(drop=True)
