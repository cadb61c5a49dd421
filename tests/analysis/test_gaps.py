"""Data gaps: which indicators and years a country lacks; indicators per country for the map."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.gaps import coverage_by_country, indicator_gaps, missing_by_publisher

INDICATORS = pd.DataFrame(
    {
        "id": ["survey", "national", "index", "population_total"],
        "name": ["Survey: prevalence", "Police: cases", "Index: score", "Population"],
        "theme": ["Survey prevalence", "Law enforcement", "Trafficking", "Context"],
        "publisher": ["Survey team", "Police of X", "Index team", "World Bank"],
    }
)


def observations(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["indicator", "entity", "year"])
    frame["value"] = 1.0
    frame["preferred"] = True
    return frame


OBS = observations(
    [
        ("survey", "XXX", 2019),
        ("survey", "XXX", 2021),
        ("survey", "YYY", 2020),
        ("national", "XXX", 2022),
        ("index", "XXX", 2018),  # editions 2018 and 2020: 2019 is no edition, not a gap
        ("index", "YYY", 2020),
        ("population_total", "ZZZ", 2020),
        ("survey", "WLD", 2015),  # a world row: not a country, outside the span
    ]
)
COUNTRIES = {"XXX", "YYY", "ZZZ"}


def gaps_for(entities: list[str], **kwargs) -> pd.DataFrame:
    frame = indicator_gaps(OBS, INDICATORS, entities, countries=COUNTRIES, **kwargs)
    return frame.set_index(["indicator", "entity"])


def test_missing_years_within_the_published_span():
    gaps = gaps_for(["YYY", "ZZZ"])
    assert gaps.loc[("survey", "YYY"), "years_published"] == [2020]
    assert gaps.loc[("survey", "YYY"), "years_missing"] == [2019, 2021]
    assert gaps.loc[("survey", "ZZZ"), "years_missing"] == [2019, 2020, 2021]
    assert (gaps.loc[("survey", "ZZZ"), "span_start"], gaps.loc[("survey", "ZZZ"), "span_end"]) == (
        2019,
        2021,
    )
    # 2019 had no edition of the index anywhere: not a gap
    assert gaps.loc[("index", "ZZZ"), "years_missing"] == [2018, 2020]
    assert gaps.loc[("index", "YYY"), "years_missing"] == [2018]


def test_scope_context_and_years_filter():
    gaps = gaps_for(["YYY"], years=[2021])
    assert gaps.loc[("national", "YYY"), "scope"] == "national"
    assert gaps.loc[("survey", "YYY"), "scope"] == "multi-country"
    assert gaps.loc[("survey", "YYY"), "years_missing"] == [2021]
    assert "population_total" not in gaps.index.get_level_values("indicator")


def test_missing_by_publisher_lists_only_multi_country_indicators():
    frame = indicator_gaps(OBS, INDICATORS, ["ZZZ"], countries=COUNTRIES)
    assert missing_by_publisher(frame, "ZZZ") == [
        ("Index team", ["Index: score"]),
        ("Survey team", ["Survey: prevalence"]),
    ]


def test_coverage_by_country_counts_ocse_indicators_only():
    coverage = coverage_by_country(OBS, INDICATORS, COUNTRIES).set_index("entity")
    assert coverage["indicators"].to_dict() == {"XXX": 3, "YYY": 2, "ZZZ": 0}
    assert coverage.loc["XXX", "latest_year"] == 2022
    assert pd.isna(coverage.loc["ZZZ", "latest_year"])


def test_shipped_disrupting_harm_headline_ghana_missing_philippines_20(shipped_store):
    store = shipped_store
    obs = store.observations
    headline = obs[(obs["indicator"] == "dh_ocsea_past_year_pct") & obs["preferred"]]
    assert headline.loc[headline["entity"] == "PHL", "value"].tolist() == [20.0]
    assert headline[headline["entity"] == "GHA"].empty
    countries = set(store.entities.loc[store.entities["kind"] == "country", "code"])
    gaps = indicator_gaps(obs, store.indicators, ["PHL", "GHA"], countries=countries)
    row = gaps.set_index(["indicator", "entity"])
    assert row.loc[("dh_ocsea_past_year_pct", "PHL"), "published"]
    assert row.loc[("dh_ocsea_past_year_pct", "PHL"), "years_published"] == [2021]
    assert not row.loc[("dh_ocsea_past_year_pct", "GHA"), "published"]
    assert row.loc[("dh_ocsea_past_year_pct", "GHA"), "years_missing"] == [2021]
    ghana = dict(missing_by_publisher(gaps, "GHA"))
    disrupting_harm = next(p for p in ghana if "Disrupting Harm" in p)
    assert any("past year" in name for name in ghana[disrupting_harm])


def test_shipped_coverage_map_counts(shipped_store):
    store = shipped_store
    countries = set(store.entities.loc[store.entities["kind"] == "country", "code"])
    coverage = coverage_by_country(store.observations, store.indicators, countries)
    assert len(coverage) == len(countries)
    by = coverage.set_index("entity")["indicators"]
    # NCMEC by-country reports, referrals and informational reports cover most countries
    assert (by >= 3).sum() >= 150
    assert by["PHL"] > by["GHA"] >= 3
