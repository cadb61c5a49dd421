"""Trend arithmetic on the shipped store: numbers a person can check with a calculator."""

from __future__ import annotations

import pytest

from dashboard.analysis.rates import normalise_series
from dashboard.analysis.series import indicator_series
from dashboard.analysis.trends import (
    cagr,
    index_series,
    rank_change,
    regional_aggregate,
    share_of_total,
    yoy_change,
)

NCMEC = "cybertipline_reports"
BREAKS = [2024]


@pytest.fixture(scope="module")
def philippines(shipped_store):
    return indicator_series(shipped_store.observations, NCMEC, ["PHL"])


@pytest.fixture(scope="module")
def world(shipped_store):
    return indicator_series(shipped_store.observations, NCMEC, ["WLD"])


def test_year_on_year_growth_of_cambodia(shipped_store):
    # NCMEC by country: Cambodia 188,328 reports in 2020, 395,793 in 2021
    series = indicator_series(shipped_store.observations, NCMEC, ["KHM"])
    row = yoy_change(series, BREAKS).set_index("year").loc[2021]
    assert row["previous"] == 188_328 and row["value"] == 395_793
    assert row["change"] == 395_793 - 188_328
    assert row["change_pct"] == pytest.approx((395_793 / 188_328 - 1) * 100)  # 110.16%
    assert round(row["change_pct"]) == 110


def test_cagr_philippines_2019_to_2023(philippines):
    # (2,740,905 / 801,272) ** (1/4) - 1 = 0.35997 -> 36.0% a year
    result = cagr(philippines, 2019, 2023, BREAKS)
    assert result.ok and result.reason == ""
    assert result.value == pytest.approx((2_740_905 / 801_272) ** 0.25 - 1)
    assert round(result.value * 100, 1) == 36.0


def test_cagr_refuses_across_the_2024_bundling_break(world):
    result = cagr(world, 2019, 2024, BREAKS)
    assert not result.ok
    assert result.reason == "series break in 2024: 2019 and 2024 are not comparable"


def test_cagr_refuses_missing_years_and_reversed_windows(philippines):
    assert cagr(philippines, 2015, 2023, BREAKS).reason == "no value for 2015"
    assert "must come after" in cagr(philippines, 2023, 2019, BREAKS).reason


def test_year_on_year_change_is_not_computed_across_the_break(world):
    rows = yoy_change(world, BREAKS).set_index("year")
    # 2023: 36,210,368 after 32,059,029 in 2022 = +12.9%
    assert round(rows.loc[2023, "change_pct"], 1) == 12.9
    assert rows.loc[2024, "previous"] == 36_210_368
    assert rows.loc[[2024], "change_pct"].isna().all()
    assert rows.loc[2024, "note"] == "series break in 2024: not comparable with 2023"
    # the series starts in 1998 (OJJDP Appendix A); 2014: 1,106,071 after 505,280 in 2013
    assert rows.loc[1998, "note"] == "no value for the previous year"
    assert round(rows.loc[2014, "change_pct"], 1) == round((1_106_071 / 505_280 - 1) * 100, 1)


def test_index_to_base_year(philippines, world):
    indexed = index_series(philippines, 2019, BREAKS).set_index("year")
    assert indexed.loc[2019, "value"] == 100
    # 2,740,905 / 801,272 x 100 = 342.07
    assert round(indexed.loc[2023, "value"], 2) == 342.07
    world_index = index_series(world, 2019, BREAKS).set_index("year")
    assert world_index.loc[[2024], "value"].isna().all()
    assert world_index.loc[2024, "note"] == "not comparable with 2019 (series break)"


def test_share_of_world(philippines, world):
    shares = share_of_total(philippines, world[["year", "value"]]).set_index("year")
    # 2,740,905 of 36,210,368 reports worldwide in 2023 = 7.57%
    assert round(shares.loc[2023, "share_pct"], 2) == round(2_740_905 / 36_210_368 * 100, 2)
    assert round(shares.loc[2023, "share_pct"], 2) == 7.57


def test_rank_and_rank_change(shipped_store):
    countries = set(shipped_store.entities.query("kind == 'country'")["code"])
    series = indicator_series(shipped_store.observations, NCMEC)
    ranks = rank_change(series, 2023, 2019, countries, BREAKS).set_index("entity")
    # India first both years; the Philippines 6th in 2019, 2nd in 2023: four places gained
    assert ranks.loc["IND", "rank"] == 1
    assert ranks.loc["PHL", ["rank", "previous_rank", "places_gained"]].tolist() == [2, 6, 4]


def test_rank_change_is_not_computed_across_a_break(shipped_store):
    countries = set(shipped_store.entities.query("kind == 'country'")["code"])
    series = indicator_series(shipped_store.observations, NCMEC)
    ranks = rank_change(series, 2023, 2022, countries, [2023])
    assert ranks["places_gained"].isna().all()
    assert set(ranks["note"]) == {"series break in 2023: ranks not compared"}


def test_regional_aggregate_states_its_coverage(shipped_store):
    regions = regional_aggregate(
        shipped_store.observations, shipped_store.entities, shipped_store.indicators, NCMEC
    )
    southern_europe = regions[(regions["region"] == "Southern Europe") & (regions["year"] == 2023)]
    row = southern_europe.iloc[0]
    # 17 countries in Southern Europe; NCMEC 2023 lists all but the Holy See (Vatican)
    assert (row["countries_with_data"], row["countries_in_region"]) == (16, 17)
    assert row["coverage"] == "sum of 16 of 17 countries"
    obs = shipped_store.observations
    members = shipped_store.entities.query("un_region == 'Southern Europe' and kind == 'country'")
    expected = obs[
        (obs["indicator"] == NCMEC)
        & obs["preferred"]
        & (obs["category"] == "")
        & (obs["year"] == 2023)
        & obs["entity"].isin(members["code"])
    ]["value"].sum()
    assert row["value"] == expected


def test_regional_aggregate_marks_the_break_year(shipped_store):
    regions = regional_aggregate(
        shipped_store.observations,
        shipped_store.entities,
        shipped_store.indicators,
        "cybertipline_referrals",
    )
    assert set(regions["year"]) == {2024}
    assert set(regions["note"]) == {
        "after the series break in 2024: not comparable with years before 2024"
    }


def test_regional_aggregate_refuses_indicators_that_cannot_be_summed(shipped_store):
    with pytest.raises(ValueError, match="may not be summed"):
        regional_aggregate(
            shipped_store.observations,
            shipped_store.entities,
            shipped_store.indicators,
            "internet_users_pct",
        )


def test_index_of_an_empty_series_is_empty_not_an_error(shipped_store):
    # IWF publishes no per-country figure for Chile: nothing to index, and no exception
    empty = indicator_series(shipped_store.observations, "iwf_urls_confirmed_csam", ["CHL"])
    indexed = normalise_series(empty, shipped_store.observations, "index", True, BREAKS)
    assert indexed.empty
    assert indexed["value"].dtype == float
