"""Data gaps: which indicators and years a country lacks, and how covered each country is.

An indicator counts as a gap for a country only if it is published for at least one country.
One published for two or more countries ("multi-country") is a real gap where missing; one
published for a single country ("national") is that country's own statistic, so its absence
elsewhere is shown but not called a gap. Context series (population, GDP, ...) are not OCSE
indicators and are left out unless asked for.
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np
import pandas as pd

from dashboard.analysis.themes import CONTEXT_THEMES, in_themes

GAP_COLUMNS = [
    "indicator",
    "name",
    "theme",
    "publisher",
    "n_countries",
    "scope",
    "entity",
    "published",
    "years_published",
    "years_missing",
    "years_any",
    "span_start",
    "span_end",
    "latest_year",
]


def country_years(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    countries: Collection[str] | None = None,
    exclude_themes: Collection[str] = CONTEXT_THEMES,
) -> pd.DataFrame:
    """Each indicator, entity and year with a preferred value, once: what gaps and coverage
    are counted from. `countries` (ISO3 codes) limits the entities; None = all."""
    kept = set(indicators.loc[~in_themes(indicators, exclude_themes), "id"])
    wanted = observations["preferred"] & observations["indicator"].isin(kept)
    if countries is not None:
        wanted &= observations["entity"].isin(set(countries))
    # narrow before filtering: each column of a filtered frame is copied
    return observations[["indicator", "entity", "year"]][wanted].drop_duplicates()


def indicator_spans(rows: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Per indicator in `rows` (from country_years): name, theme, publisher, how many
    countries publish it, its scope, the years any country has a value, and its span."""
    by_indicator = rows.groupby("indicator")
    spans = by_indicator.agg(
        span_start=("year", "min"), span_end=("year", "max"), n_countries=("entity", "nunique")
    )
    spans["years_any"] = by_indicator["year"].unique().map(lambda ys: sorted(int(y) for y in ys))
    spans["scope"] = np.where(spans["n_countries"] >= 2, "multi-country", "national")
    meta = indicators.set_index("id")[["name", "theme", "publisher"]]
    return spans.join(meta).rename_axis("indicator").reset_index()


def entity_gaps(
    spans: pd.DataFrame,
    rows: pd.DataFrame,
    entities: list[str],
    years: Collection[int] | None = None,
) -> pd.DataFrame:
    """indicator_gaps from its parts, `spans` (indicator_spans) and `rows` (country_years),
    so that a caller can keep those for every entity and pay here only for the chosen ones."""
    own = rows[rows["entity"].isin(entities)]
    published: dict[tuple[str, str], set[int]] = {}
    for indicator, entity, year in zip(
        own["indicator"].tolist(), own["entity"].tolist(), own["year"].tolist(), strict=True
    ):
        published.setdefault((indicator, entity), set()).add(year)
    wanted = set(years) if years is not None else None
    records = []
    for span in spans.to_dict("records"):
        in_scope = [y for y in span["years_any"] if wanted is None or y in wanted]
        for entity in entities:
            have = sorted(published.get((span["indicator"], entity), ()))
            records.append(
                {
                    **span,
                    "entity": entity,
                    "published": bool(have),
                    "years_published": have,
                    "years_missing": [y for y in in_scope if y not in have],
                    "latest_year": have[-1] if have else None,
                }
            )
    frame = pd.DataFrame(records, columns=GAP_COLUMNS)
    return frame.sort_values(["theme", "publisher", "name", "entity"]).reset_index(drop=True)


def indicator_gaps(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    entities: list[str],
    years: Collection[int] | None = None,
    countries: Collection[str] | None = None,
    exclude_themes: Collection[str] = CONTEXT_THEMES,
) -> pd.DataFrame:
    """One row per (indicator published for >= 1 country, chosen entity).

    `years_missing` are the years inside the indicator's published span in which at least one
    country has a value but the entity has none (restricted to `years` when given); a year in
    which no country has a value (no edition that year) is not a gap. `years_any` lists the
    years any country has a value. `countries` (ISO3 codes) says which entities are
    countries; None = all entities.
    """
    rows = country_years(observations, indicators, countries, exclude_themes)
    return entity_gaps(indicator_spans(rows, indicators), rows, entities, years)


def missing_by_publisher(gaps: pd.DataFrame, entity: str) -> list[tuple[str, list[str]]]:
    """For one entity: the multi-country indicators it lacks, grouped by publisher."""
    rows = gaps[
        (gaps["entity"] == entity) & ~gaps["published"] & (gaps["scope"] == "multi-country")
    ]
    return [
        (publisher, sorted(group["name"]))
        for publisher, group in rows.groupby("publisher", sort=True)
    ]


def coverage_by_country(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    countries: Collection[str],
    exclude_themes: Collection[str] = CONTEXT_THEMES,
) -> pd.DataFrame:
    """Per country: how many OCSE (non-context) indicators have any value, and the latest year.

    Every country in `countries` gets a row, with 0 where nothing is published.
    """
    rows = country_years(observations, indicators, countries, exclude_themes)
    return country_coverage(rows, countries)


def country_coverage(rows: pd.DataFrame, countries: Collection[str]) -> pd.DataFrame:
    """coverage_by_country from country_years rows already found."""
    grouped = rows.groupby("entity").agg(
        indicators=("indicator", "nunique"), latest_year=("year", "max")
    )
    frame = pd.DataFrame({"entity": sorted(set(countries))}).merge(
        grouped.reset_index(), on="entity", how="left"
    )
    frame["indicators"] = frame["indicators"].fillna(0).astype(int)
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    return frame
