"""Early-warning flags. The series below are SYNTHETIC, built here to exercise the rules;
they are not published figures. Only the last tests read the shipped store."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis.emerging import FlagParams, robust_score
from dashboard.analysis.emerging import flag_rises as flag_rises_only
from dashboard.analysis.emerging import score_growth as score_growth_only
from dashboard.analysis.series import crosses_break
from dashboard.wording.numbers import format_pct, format_value
from dashboard.wording.reasons import with_reasons

UNITS = {"reports": {"label": "reports", "after_value": "reports"}}  # as data/units.yaml


def score_growth(observations, indicators, entities, params):
    """The scored changes with the reason sentence the page shows beside each."""
    return with_reasons(
        score_growth_only(observations, indicators, entities, params), params, UNITS
    )


def flag_rises(observations, indicators, entities, params):
    return with_reasons(flag_rises_only(observations, indicators, entities, params), params, UNITS)


YEARS = list(range(2015, 2024))
SYNTHETIC = "synthetic_reports"


def synthetic_store(series: dict[str, list[float | None]], breaks: list[int] | None = None):
    """Observations, indicators and entities for made-up countries AAA, BBB, ..."""
    rows = [
        {
            "indicator": SYNTHETIC,
            "entity": code,
            "year": year,
            "period": str(year),
            "value": value,
            "flags": "",
            "source_id": "synthetic",
            "category": "",
            "preferred": True,
        }
        for code, values in series.items()
        for year, value in zip(YEARS, values, strict=False)
        if value is not None
    ]
    indicators = pd.DataFrame(
        [
            {
                "id": SYNTHETIC,
                "name": "Synthetic reports",
                "unit": "reports",
                "counts": True,
                "measures": "reporting_volume",
                "breaks": breaks or [],
                "summable": True,
            }
        ]
    )
    entities = pd.DataFrame(
        [
            {"code": c, "name": f"Synthetia {c}", "kind": "country", "un_region": "Test"}
            for c in series
        ]
    )
    return pd.DataFrame(rows), indicators, entities


def steady(start: float, rate: float, n: int = len(YEARS)) -> list[float]:
    return [round(start * (1 + rate) ** i) for i in range(n)]


# ten peers growing 5-14% a year, so the peer median and spread are known
PEERS = {f"P{i:02d}": steady(50_000, 0.05 + i / 100) for i in range(10)}


def scored(series, breaks=None, **params):
    obs, indicators, entities = synthetic_store({**PEERS, **series}, breaks)
    return score_growth(obs, indicators, entities, FlagParams(year="all", **params))


def test_robust_score_by_hand():
    # others 0, 0.1, 0.2, 0.3, 0.4: median 0.2, MAD 0.1, scale 0.14826 -> (1.0-0.2)/0.14826
    assert robust_score(1.0, pd.Series([0, 0.1, 0.2, 0.3, 0.4]).to_numpy()) == pytest.approx(
        0.8 / 0.14826
    )
    # a perfectly flat history has MAD 0: the scale floor (0.1) keeps the score finite
    assert robust_score(0.0, pd.Series([0.0, 0.0, 0.0]).to_numpy()) == 0


def test_a_flat_series_is_never_flagged():
    rows = scored({"FLT": [200_000] * len(YEARS)})
    flat = rows[rows["entity"] == "FLT"]
    assert len(flat) == len(YEARS) - 1
    assert (flat["growth_pct"] == 0).all()
    assert not flat["flagged"].any()


def test_a_spike_from_a_tiny_base_is_not_flagged():
    # 40 reports a year, then 400: +900%, but the base is far below 1,000
    rows = scored({"TNY": [40] * 8 + [400]})
    spike = rows[(rows["entity"] == "TNY") & (rows["year"] == 2023)].iloc[0]
    assert spike["growth_pct"] == pytest.approx(900)
    assert spike["own_z"] > 2 and spike["peer_z"] > 2  # unusual, yet too small to count
    assert not spike["flagged"]
    assert spike["reason"] == (
        "Synthetia TNY: not flagged, the 2022 base of 40 reports is below the minimum of 1,000."
    )
    # lowering the minimum base to 10 lets it through: the threshold is what held it back
    assert scored({"TNY": [40] * 8 + [400]}, min_base=10).query("entity == 'TNY'")["flagged"].any()


def test_a_break_year_is_never_compared_across():
    # steady 10,000 until 2021; a new method from 2022 counts five times as much
    values = [10_000, 10_500, 11_000, 11_500, 12_000, 12_500, 13_000, 65_000, 68_000]
    rows = scored({"BRK": values}, breaks=[2022]).query("entity == 'BRK'").set_index("year")
    assert math.isnan(rows.loc[2022, "log_growth"]) and not rows.loc[2022, "flagged"]
    assert rows.loc[2022, "reason"] == (
        "Synthetia BRK: not compared: series break in 2022, not comparable with 2021."
    )
    # after the break, own history uses only years after the break: one is not enough
    assert rows.loc[2023, "own_note"] == "not enough history (0 other year-on-year changes)"
    assert not rows["flagged"].any()
    # the same jump without a declared break is flagged
    assert scored({"BRK": values}).query("entity == 'BRK' and year == 2022")["flagged"].all()


def test_a_break_flag_on_the_observation_also_stops_the_comparison():
    obs, indicators, entities = synthetic_store({**PEERS, "FLG": steady(20_000, 0.05)})
    later = (obs["entity"] == "FLG") & (obs["year"] == 2020)
    obs.loc[later, "flags"] = "series_break"
    rows = score_growth(obs, indicators, entities, FlagParams(year="all"))
    row = rows.query("entity == 'FLG' and year == 2020").iloc[0]
    assert row["status"].startswith("not compared: series break in 2020")


def test_a_real_doubling_on_a_large_base_is_flagged():
    # 100,000 growing 5% a year, then doubling in 2023: 100,000 x 1.05^7 = 140,710 -> 281,420
    values = steady(100_000, 0.05, 8)
    values.append(values[-1] * 2)
    rows = scored({"DBL": values})
    row = rows.query("entity == 'DBL' and year == 2023").iloc[0]
    assert row["flagged"]
    assert row["growth_pct"] == pytest.approx(100)
    # own history: every other change is ln(1.05) = 0.0488, MAD 0, scale floor 0.1
    assert row["own_z"] == pytest.approx((math.log(2) - math.log(1.05)) / 0.1, rel=1e-3)
    assert row["tests"] == "own history and peers"
    assert row["reason"] == (
        "Synthetia DBL: +100% in 2023, from 140,710 to 281,420 reports, well above its usual "
        "year-on-year change and well above the typical change across countries that year "
        "(median +10%)."
    )
    listed = flag_rises(*synthetic_store({**PEERS, "DBL": values}), FlagParams())
    assert listed[["entity", "year", "rank"]].values.tolist() == [["DBL", 2023, 1]]


def test_growth_below_the_minimum_is_not_flagged():
    values = steady(100_000, 0.05, 8)
    values.append(round(values[-1] * 1.4))  # +40%: unusual, but under the 50% minimum
    row = scored({"MID": values}).query("entity == 'MID' and year == 2023").iloc[0]
    assert not row["flagged"]
    assert row["reason"].endswith("is below the minimum growth of +50%.")
    assert (
        scored({"MID": values}, min_growth_pct=30)
        .query("entity == 'MID' and year == 2023")["flagged"]
        .all()
    )


def test_numbers_are_written_the_way_people_write_them():
    assert format_value(188_328.0) == "188,328"
    assert format_value(12.5) == "12.5"
    assert format_pct(110.16) == "+110%"
    assert format_pct(-42.4) == "-42%"


def test_params_reject_nonsense():
    with pytest.raises(ValueError):
        FlagParams(min_base=-5)
    with pytest.raises(ValueError):
        FlagParams(own_z=0)


# --- the shipped store -------------------------------------------------------------


def test_cambodia_2021_reason_sentence(shipped_store):
    # NCMEC by country 2020 and 2021: Cambodia 188,328 -> 395,793 reports (+110.2%)
    rises = flag_rises(
        shipped_store.observations,
        shipped_store.indicators,
        shipped_store.entities,
        FlagParams(year=2021),
    )
    cambodia = rises[rises["entity"] == "KHM"].iloc[0]
    assert cambodia["reason"] == (
        "Cambodia: +110% in 2021, from 188,328 to 395,793 reports, "
        "well above its usual year-on-year change."
    )
    assert (cambodia["previous"], cambodia["value"]) == (188_328, 395_793)


def test_shipped_flags_never_span_a_declared_break(shipped_store):
    rows = score_growth(
        shipped_store.observations,
        shipped_store.indicators,
        shipped_store.entities,
        FlagParams(year="all"),
    )
    breaks = shipped_store.indicators.set_index("id")["breaks"]
    flagged = rows[rows["flagged"]]
    assert len(flagged) > 0
    assert not any(
        crosses_break(int(y) - 1, int(y), breaks[i])
        for i, y in zip(flagged["indicator"], flagged["year"], strict=True)
    )
    assert (flagged["previous"] >= 1000).all() and (flagged["growth_pct"] >= 50).all()
