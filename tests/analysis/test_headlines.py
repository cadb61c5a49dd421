"""Headline figures and focus countries: numbers a person can check against data/sources."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest

from dashboard.analysis.headlines import (
    HeadlineSpec,
    focus_at_a_glance,
    headline,
    headline_figures,
    missing_years,
    trend_series,
)
from dashboard.wording.flags import qualifiers
from dashboard.wording.headlines import described, headline_sentence, no_change_reason
from dashboard.wording.numbers import format_change, format_value
from tests.conftest import DATA


def published(source: str, country: str, year: int, indicator: str) -> float:
    """The value exactly as it stands in data/sources/<source>/table.csv."""
    with open(DATA / "sources" / source / "table.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if (row["country_as_published"], int(row["year"]), row["indicator"]) == (
                country,
                year,
                indicator,
            ) and not row["category"]:
                return float(row["value"])
    raise AssertionError(f"{country} {year} {indicator} not in {source}")


@pytest.fixture(scope="module")
def headlines(shipped_store):
    frame = headline_figures(shipped_store.observations, shipped_store.indicators)
    statements = shipped_store.measures.set_index("id")["statement"].to_dict()
    return described(frame, statements).set_index("indicator")


@pytest.fixture(scope="module")
def focus(shipped_store):
    countries = shipped_store.focus()
    return focus_at_a_glance(
        shipped_store.observations, shipped_store.indicators, countries
    ).set_index("entity")


@pytest.fixture(scope="module")
def headlines_to_2024(shipped_store):
    """The headlines as they stood before the 2025 transcription: the bundling break is latest."""
    obs = shipped_store.observations
    frame = headline_figures(obs[obs["year"] <= 2024], shipped_store.indicators)
    statements = shipped_store.measures.set_index("id")["statement"].to_dict()
    return described(frame, statements).set_index("indicator")


def test_ncmec_2025_transcription_is_the_headline_with_its_change_on_2024(headlines):
    ncmec = headlines.loc["cybertipline_reports"]
    y2025 = published("grimm-peryear-2025", "World", 2025, "cybertipline_reports")
    y2024 = published("grimm-contents-2024", "World", 2024, "cybertipline_reports")
    assert (ncmec["year"], ncmec["value"], ncmec["previous_value"]) == (
        2025,
        21_351_493,
        20_512_803,
    )
    assert (y2025, y2024) == (21_351_493, 20_512_803)
    # both years follow the 2024 bundling, so their change is comparable
    assert ncmec["change_pct"] == pytest.approx((y2025 / y2024 - 1) * 100)
    assert format_change(ncmec["change_pct"]) == "+4.1%"
    assert "unverified transcription" in qualifiers(ncmec["flags"])
    assert ncmec["source_id"] == "grimm-peryear-2025"


def test_ncmec_2024_is_shown_but_no_change_is_computed_across_the_bundling_break(
    headlines_to_2024,
):
    ncmec = headlines_to_2024.loc["cybertipline_reports"]
    assert ncmec["year"] == 2024
    assert (
        ncmec["value"]
        == 20_512_803
        == published("grimm-contents-2024", "World", 2024, "cybertipline_reports")
    )
    assert ncmec["previous_value"] == 36_210_368
    assert ncmec["change_pct"] is None
    assert ncmec["break_year"] == 2024
    assert "Series break in 2024" in ncmec["no_change_reason"]
    assert "36,210,368" in ncmec["no_change_reason"]
    assert "unverified transcription" in qualifiers(ncmec["flags"])


def test_ncmec_last_comparable_change_is_2023_on_2022(headlines_to_2024):
    ncmec = headlines_to_2024.loc["cybertipline_reports"]
    y2023 = published("ncmec-ojjdp-cy2023", "World", 2023, "cybertipline_reports")
    y2022 = published("ncmec-ojjdp-cy2023", "World", 2022, "cybertipline_reports")
    assert (y2023, y2022) == (36_210_368, 32_059_029)
    assert (ncmec["comparable_year"], ncmec["comparable_previous_year"]) == (2023, 2022)
    assert ncmec["comparable_change_pct"] == pytest.approx((y2023 / y2022 - 1) * 100)
    assert format_change(ncmec["comparable_change_pct"]) == "+12.9%"


def test_iwf_change_on_the_year_before(headlines):
    iwf = headlines.loc["iwf_urls_confirmed_csam"]
    y2024 = published("iwf_adir2024", "World", 2024, "iwf_urls_confirmed_csam")
    y2023 = published("iwf_ar2023", "World", 2023, "iwf_urls_confirmed_csam")
    assert (iwf["year"], iwf["value"], iwf["previous_value"]) == (2024, 291_273, 275_652)
    assert iwf["change_pct"] == pytest.approx((y2024 / y2023 - 1) * 100)
    # IWF's press release: "a five per cent increase on the 275,650 webpages identified in 2023"
    assert format_change(iwf["change_pct"]) == "+5.7%"


def test_qualifiers_travel_with_the_headlines(headlines):
    icse = headlines.loc["icse_victims_identified_cumulative"]
    assert format_value(icse["value"], icse["flags"]) == "at least 30,000"
    assert "secondary source" in qualifiers(icse["flags"])
    slavery = headlines.loc["gsi_people_in_modern_slavery"]
    assert (slavery["year"], format_value(slavery["value"], slavery["flags"])) == (
        2021,
        "about 50 million",
    )
    assert slavery["change_pct"] is None
    unodc = headlines.loc["glotip_detected_victims"]
    assert format_value(unodc["value"], unodc["flags"]) == "about 50,000"
    assert "No published value for 2017" in unodc["no_change_reason"]


def test_every_headline_has_a_value_a_year_and_a_source(headlines):
    assert len(headlines) == 6
    assert headlines["value"].notna().all()
    assert (headlines["source_id"] != "").all()
    for row in headlines.reset_index().to_dict("records"):
        assert str(row["year"]) in headline_sentence(row)
    ncmec = headline_sentence(headlines.reset_index().iloc[0].to_dict())
    assert ncmec.startswith("NCMEC CyberTipline reports: 21,351,493 in 2025")
    assert "victim" not in ncmec.lower()  # reports are never called victims


def test_philippines_reports_2023_on_2022(focus):
    phl = focus.loc["PHL"]
    y2023 = published("ncmec-bycountry-2023", "Philippines", 2023, "cybertipline_reports")
    y2022 = published("ncmec-bycountry-2022", "Philippines", 2022, "cybertipline_reports")
    assert (phl["reports_year"], phl["reports"], phl["reports_previous"]) == (
        2023,
        2_740_905,
        2_576_182,
    )
    assert (y2023, y2022) == (2_740_905, 2_576_182)
    assert phl["reports_change_pct"] == pytest.approx((y2023 / y2022 - 1) * 100)
    assert format_change(phl["reports_change_pct"]) == "+6.4%"


def test_focus_rates_divide_by_the_same_year_population(focus, shipped_store):
    obs = shipped_store.observations
    population = obs[
        (obs["indicator"] == "population_total")
        & obs["preferred"]
        & (obs["entity"] == "GHA")
        & (obs["year"] == 2023)
    ]["value"].iloc[0]
    assert focus.loc["GHA", "per_100k_population"] == pytest.approx(20_586 / population * 100_000)
    assert focus.loc["GHA", "reports"] == published(
        "ncmec-bycountry-2023", "Ghana", 2023, "cybertipline_reports"
    )


def test_focus_countries_survey_and_model_values_missing_is_never_zero(focus):
    assert list(focus.index) == ["PHL", "GHA", "KHM", "THA", "IND"]  # data/focus.yaml
    assert focus.loc[["PHL", "KHM", "THA"], "dh"].tolist() == [20, 11, 9]
    assert math.isnan(focus.loc["GHA", "dh"]) and math.isnan(focus.loc["IND", "dh"])
    assert focus.loc["PHL", "gsi"] == 7.8 and focus.loc["PHL", "gsi_year"] == 2021
    assert math.isnan(focus.loc["KHM", "gsi"])
    assert (focus["referrals_year"] == 2024).all()
    assert focus["referrals_flags"].str.contains("unverified_transcription").all()
    assert format_value(focus.loc["GHA", "dh"]) == "no published value"


def test_trend_lines_never_bridge_a_break_or_a_gap(shipped_store):
    iwf = trend_series(shipped_store.observations, "iwf_urls_confirmed_csam", [2014])
    segment = iwf.set_index("year")["segment"]
    assert segment[2013] != segment[2014]  # series break 2014 (iwf_ar2014_childnet fills 2014)
    assert segment[2018] != segment[2022]  # nothing published for 2019-2021
    assert segment[2014] == segment[2015] == segment[2018]
    assert missing_years(iwf) == [2019, 2020, 2021]
    ncmec = trend_series(shipped_store.observations, "cybertipline_reports", [2024])
    ncmec = ncmec.set_index("year")["segment"]
    assert ncmec[2023] != ncmec[2024] and ncmec[2014] == ncmec[2023]


def _toy(values: dict[int, float], flags: str = "") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": "toy",
            "entity": "WLD",
            "year": list(values),
            "period": [str(y) for y in values],
            "category": "",
            "value": list(values.values()),
            "flags": flags,
            "source_id": "s",
            "preferred": True,
        }
    )


TOY = pd.Series({"unit": "count", "measures": "hosting", "half_year": False, "breaks": [2022]})


def test_break_in_the_latest_year_falls_back_to_the_last_comparable_pair():
    row = headline(
        _toy({2019: 100, 2020: 110, 2021: 121, 2022: 50}), TOY, HeadlineSpec("toy", "Toy")
    )
    assert row["change_pct"] is None and row["break_year"] == 2022
    assert row["comparable_year"] == 2021
    assert row["comparable_change_pct"] == pytest.approx(10.0)


def test_lower_bounds_give_no_change_and_gaps_say_so():
    bounds = headline(_toy({2020: 100, 2021: 200}, "lower_bound"), TOY, HeadlineSpec("toy", "T"))
    assert bounds["change_pct"] is None and "lower bounds" in no_change_reason(bounds)
    gap = headline(_toy({2018: 100, 2021: 200}), TOY, HeadlineSpec("toy", "T"))
    assert gap["change_pct"] is None and "No published value for 2020" in no_change_reason(gap)
    empty = headline(_toy({}), TOY, HeadlineSpec("toy", "T"))
    assert empty["value"] is None and headline_sentence(empty) == "T: no published value."
