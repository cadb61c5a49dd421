"""Country profile arithmetic on the shipped store: numbers to check with a calculator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis.comparison import (
    aggregate_series,
    comparison_series,
    country_codes,
    finite,
    region_members,
)
from dashboard.analysis.profile import (
    context_latest,
    country_gaps,
    entity_sources,
    missing_years,
    profile_table,
)
from dashboard.wording.numbers import ordinal

NCMEC = "cybertipline_reports"
# NCMEC 2023 CyberTipline Reports by Country, South-eastern Asia (UN M49), as printed
SOUTH_EAST_ASIA_2023 = {
    "BRN": 2_638,
    "IDN": 1_925_549,
    "KHM": 172_906,
    "LAO": 20_337,
    "MMR": 209_858,
    "MYS": 195_642,
    "PHL": 2_740_905,
    "SGP": 35_063,
    "THA": 432_468,
    "TLS": 6_416,
    "VNM": 533_236,
}


@pytest.fixture(scope="module")
def philippines(shipped_store):
    store = shipped_store
    countries = country_codes(store.entities)
    return profile_table(store.observations, store.indicators, countries, "PHL").set_index(
        "indicator"
    )


def _value(store, indicator: str, entity: str, year: int) -> float:
    obs = store.observations
    rows = obs[
        (obs["indicator"] == indicator)
        & obs["preferred"]
        & (obs["entity"] == entity)
        & (obs["year"] == year)
        & (obs["category"] == "")
    ]
    return float(rows["value"].iloc[0])


def test_ordinal_suffixes():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 112, 243)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "112th",
        "243rd",
    ]


def test_philippines_latest_ncmec_reports_and_change(philippines):
    row = philippines.loc[NCMEC]
    # 2023: 2,740,905 reports; 2022: 2,576,182; change 2,740,905 / 2,576,182 - 1 = +6.39%
    assert row["year"] == 2023 and row["value"] == 2_740_905
    assert row["previous"] == 2_576_182
    assert row["change_pct"] == pytest.approx((2_740_905 / 2_576_182 - 1) * 100)
    assert round(row["change_pct"], 1) == 6.4
    assert not row["across_break"]


def test_philippines_rank_is_among_countries_only(philippines, shipped_store):
    row = philippines.loc[NCMEC]
    # India (8,923,738 in 2023) is the only country above the Philippines; the "No country
    # listed" row (1,851,762) and the world total are not countries and are not ranked
    assert (row["rank"], row["of"]) == (2, 243)
    assert _value(shipped_store, NCMEC, "IND", 2023) > row["value"]


def test_every_indicator_of_the_country_is_listed_context_apart(philippines, shipped_store):
    obs = shipped_store.observations
    # breakdowns only (a category on every row, such as the Global Platform's incident types)
    # have their own section of the page
    headline = obs["preferred"] & (obs["entity"] == "PHL") & (obs["category"] == "")
    own = set(obs.loc[headline, "indicator"])
    context = set(shipped_store.indicators.query("theme == 'Context'")["id"])
    assert set(philippines.index) == own - context
    assert "population_total" not in philippines.index


def test_referrals_2024_have_no_change_and_keep_their_flags(philippines):
    row = philippines.loc["cybertipline_referrals"]
    assert row["year"] == 2024 and row["value"] == 1_364_464
    assert "series_break" in row["flags"]
    assert row["change_pct"] != row["change_pct"]  # NaN: no 2023 referrals to compare with


def test_no_change_across_a_series_break(shipped_store):
    countries = country_codes(shipped_store.entities)
    world = profile_table(
        shipped_store.observations, shipped_store.indicators, countries, "WLD"
    ).set_index("indicator")
    # NCMEC file counts: 2024 follows bundling, so 2024 vs 2023 is not a change
    row = world.loc["cybertipline_files_images"]
    assert row["year"] == 2024 and row["across_break"]
    assert row["change_pct"] != row["change_pct"]
    assert row["rank"] != row["rank"]  # the world is not ranked among countries


def test_region_is_the_sum_of_its_countries_with_coverage(shipped_store):
    members = region_members(shipped_store.entities, "PHL")
    assert members == sorted(SOUTH_EAST_ASIA_2023)
    region = aggregate_series(shipped_store.observations, NCMEC, members).set_index("year")
    assert region.loc[2023, "value"] == sum(SOUTH_EAST_ASIA_2023.values()) == 6_275_018
    assert region.loc[2023, "coverage"] == "sum of 11 of 11 countries"


def test_region_coverage_says_when_countries_are_missing(shipped_store):
    # Northern Europe: Svalbard and Jan Mayen has no NCMEC row in 2020 and 2021
    members = region_members(shipped_store.entities, "GBR")
    region = aggregate_series(shipped_store.observations, NCMEC, members).set_index("year")
    assert region.loc[2020, "coverage"] == f"sum of 15 of {len(members)} countries"
    assert region.loc[2023, "coverage"] == f"sum of {len(members)} of {len(members)} countries"


def test_region_rate_divides_the_sum_by_the_same_countries_population(shipped_store):
    members = region_members(shipped_store.entities, "PHL")
    rate = aggregate_series(
        shipped_store.observations, NCMEC, members, "per_100k_population"
    ).set_index("year")
    population = sum(_value(shipped_store, "population_total", c, 2023) for c in members)
    assert rate.loc[2023, "value"] == pytest.approx(6_275_018 / population * 100_000)


def test_comparison_per_100k_population(shipped_store):
    frame = comparison_series(
        shipped_store.observations,
        shipped_store.indicators,
        shipped_store.entities,
        NCMEC,
        "PHL",
        "per_100k_population",
    )
    own = frame[(frame["entity"] == "PHL") & (frame["year"] == 2023)].iloc[0]
    population = _value(shipped_store, "population_total", "PHL", 2023)
    assert own["value"] == pytest.approx(2_740_905 / population * 100_000)
    assert set(frame["entity"]) == {"PHL", "REGION", "WLD"}
    world = frame[(frame["entity"] == "WLD") & (frame["year"] == 2023)].iloc[0]
    assert world["raw_value"] == 36_210_368  # NCMEC's printed 2023 total
    assert "denominator summed over" in world["denominator_note"]


def test_comparison_has_no_region_for_an_indicator_that_cannot_be_summed(shipped_store):
    frame = comparison_series(
        shipped_store.observations,
        shipped_store.indicators,
        shipped_store.entities,
        "gsi_prevalence_per_1000",
        "PHL",
    )
    assert "REGION" not in set(frame["entity"])
    assert frame.loc[frame["entity"] == "PHL", "value"].tolist() == [
        _value(shipped_store, "gsi_prevalence_per_1000", "PHL", y)
        for y in sorted(frame.loc[frame["entity"] == "PHL", "year"])
    ]


def test_context_latest_values(shipped_store):
    context = context_latest(shipped_store.observations, "PHL").set_index("indicator")
    assert list(context.index)[:2] == ["population_total", "population_0_14"]
    assert context.loc["population_total", "year"] == 2024
    assert context.loc["population_total", "value"] == _value(
        shipped_store, "population_total", "PHL", 2024
    )


def test_gaps_and_missing_years(shipped_store):
    obs = shipped_store.observations
    countries = country_codes(shipped_store.entities)
    gaps = dict(country_gaps(obs, shipped_store.indicators, countries, "PHL"))
    assert "Internet Watch Foundation" in gaps  # IWF hosting figures name other countries
    assert missing_years(obs, NCMEC, "PHL", range(2019, 2024)) == []
    # Holy See: NCMEC printed a row only in 2020 and 2021
    assert missing_years(obs, NCMEC, "VAT", range(2019, 2024)) == [2019, 2022, 2023]


def test_entity_sources_include_the_ncmec_tables(shipped_store):
    sources = entity_sources(shipped_store.observations, shipped_store.sources, "PHL")
    assert {"ncmec-bycountry-2022", "ncmec-bycountry-2023"} <= set(sources["id"])
    assert sources["url"].str.len().gt(0).all()


def test_a_rate_over_zero_is_no_value():
    frame = pd.DataFrame({"value": [5.0, np.inf], "denominator_note": ["", ""]})
    out = finite(frame)
    assert out["value"].iloc[0] == 5.0 and np.isnan(out["value"].iloc[1])
    assert out["denominator_note"].tolist() == ["", "denominator or base-year value is 0"]


def test_a_country_with_no_values_still_gets_region_and_world(shipped_store):
    # Heard Island and McDonald Islands: no published value at all
    frame = comparison_series(
        shipped_store.observations,
        shipped_store.indicators,
        shipped_store.entities,
        NCMEC,
        "HMD",
        "index",
    )
    assert "HMD" not in set(frame["entity"])
    assert "WLD" in set(frame["entity"])
