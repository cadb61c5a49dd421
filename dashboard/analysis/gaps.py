"""Data gaps: which indicators and years a country lacks, and how covered each country is.

An indicator counts as a gap for a country only if it is published for at least one country.
One published for two or more countries ("multi-country") is a real gap where missing; one
published for a single country ("national") is that country's own statistic, so its absence
elsewhere is shown but not called a gap. Context series (population, GDP, ...) are not OCSE
indicators and are left out unless asked for.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

CONTEXT_THEMES = ("Context",)
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


def _country_rows(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    countries: Collection[str] | None,
    exclude_themes: Collection[str],
) -> pd.DataFrame:
    kept = set(indicators.loc[~indicators["theme"].isin(list(exclude_themes)), "id"])
    rows = observations[observations["preferred"] & observations["indicator"].isin(kept)]
    if countries is not None:
        rows = rows[rows["entity"].isin(set(countries))]
    return rows[["indicator", "entity", "year"]].drop_duplicates()


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
    rows = _country_rows(observations, indicators, countries, exclude_themes)
    spans = rows.groupby("indicator").agg(
        span_start=("year", "min"), span_end=("year", "max"), n_countries=("entity", "nunique")
    )
    meta = indicators.set_index("id")[["name", "theme", "publisher"]]
    wanted = set(years) if years is not None else None
    own = rows[rows["entity"].isin(entities)].groupby(["indicator", "entity"])["year"]
    published_years = {key: sorted(set(map(int, group))) for key, group in own}
    any_years = {
        key: sorted(set(map(int, group))) for key, group in rows.groupby("indicator")["year"]
    }
    records = []
    for indicator, span in spans.iterrows():
        in_scope = [y for y in any_years[indicator] if wanted is None or y in wanted]
        for entity in entities:
            have = published_years.get((indicator, entity), [])
            records.append(
                {
                    "indicator": indicator,
                    **meta.loc[indicator].to_dict(),
                    "n_countries": int(span["n_countries"]),
                    "scope": "multi-country" if span["n_countries"] >= 2 else "national",
                    "entity": entity,
                    "published": bool(have),
                    "years_published": have,
                    "years_missing": [y for y in in_scope if y not in have],
                    "years_any": any_years[indicator],
                    "span_start": int(span["span_start"]),
                    "span_end": int(span["span_end"]),
                    "latest_year": have[-1] if have else None,
                }
            )
    frame = pd.DataFrame(records, columns=GAP_COLUMNS)
    return frame.sort_values(["theme", "publisher", "name", "entity"]).reset_index(drop=True)


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
    rows = _country_rows(observations, indicators, countries, exclude_themes)
    grouped = rows.groupby("entity").agg(
        indicators=("indicator", "nunique"), latest_year=("year", "max")
    )
    frame = pd.DataFrame({"entity": sorted(set(countries))}).merge(
        grouped.reset_index(), on="entity", how="left"
    )
    frame["indicators"] = frame["indicators"].fillna(0).astype(int)
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    return frame
