"""The early-warning track record. The series below are SYNTHETIC, made up here so every count
can be checked by hand; they are not published figures."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.emerging import FlagParams, apply_thresholds, growth_scores
from dashboard.analysis.track_record import (
    FELL,
    STAYED,
    UNKNOWN,
    next_year_outcomes,
    totals,
    track_record,
)
from dashboard.wording.track_record import track_record_sentences
from tests.analysis.test_emerging import steady, synthetic_store

BREAK = "not compared: series break in 2024, not comparable with 2023"


def change(entity, year, previous, value, flagged, status=""):
    return {
        "indicator": "synthetic_reports",
        "entity": entity,
        "year": year,
        "previous": previous,
        "value": value,
        "status": status,
        "growth_pct": (value / previous - 1) * 100 if not status else float("nan"),
        "flagged": flagged,
    }


# AAA doubles in 2020 (flagged) and keeps 1,800 of it in 2021: at least the midpoint 1,500.
# BBB grows 60% in 2020 (only the naive rule flags it) and falls to 1,100, below 1,300.
# CCC rises 150% in 2021 (flagged) and has no 2022 figure. DDD triples in 2023 (flagged) and
# 2024 is across a series break. EEE quadruples from 500, below the minimum base of 1,000.
CHECKED = pd.DataFrame(
    [
        change("AAA", 2020, 1000, 2000, True),
        change("AAA", 2021, 2000, 1800, False),
        change("BBB", 2020, 1000, 1600, False),
        change("BBB", 2021, 1600, 1100, False),
        change("CCC", 2021, 2000, 5000, True),
        change("DDD", 2023, 1000, 3000, True),
        change("DDD", 2024, 3000, 2500, False, BREAK),
        change("EEE", 2020, 500, 2000, False),
    ]
)
PARAMS = FlagParams(min_base=1000)


def test_outcomes_by_hand():
    outcomes = next_year_outcomes(CHECKED).set_index(["entity", "year"])
    assert outcomes.loc[("AAA", 2020), "outcome"] == STAYED  # 1,800 >= (1,000 + 2,000) / 2
    assert outcomes.loc[("BBB", 2020), "outcome"] == FELL  # 1,100 < (1,000 + 1,600) / 2
    assert outcomes.loc[("CCC", 2021), "outcome"] == UNKNOWN
    assert outcomes.loc[("CCC", 2021), "why_unknown"] == "there is no figure for 2022"
    assert outcomes.loc[("DDD", 2023), "why_unknown"] == (
        "2024 is not comparable with 2023 (a series break)"
    )
    # CCC's missing 2022 would not be comparable either if 2022 were a break year
    across = next_year_outcomes(CHECKED, breaks=[2022]).set_index(["entity", "year"])
    assert across.loc[("CCC", 2021), "why_unknown"] == (
        "2022 is not comparable with 2021 (a series break)"
    )


def test_track_record_against_the_naive_rule():
    record = track_record(CHECKED, PARAMS).set_index(["rule", "year"])
    counts = ["flagged", "stayed_high", "fell_back", "cannot_tell"]
    assert record.loc[("thresholds", 2020), counts].tolist() == [1, 1, 0, 0]
    assert record.loc[("thresholds", 2021), counts].tolist() == [1, 0, 0, 1]
    assert record.loc[("thresholds", 2023), counts].tolist() == [1, 0, 0, 1]
    # naive: AAA and BBB in 2020 (EEE's base is too small), CCC in 2021, DDD in 2023
    assert record.loc[("naive", 2020), counts].tolist() == [2, 1, 1, 0]
    assert record.loc[("naive", 2021), counts].tolist() == [1, 0, 0, 1]
    assert totals(track_record(CHECKED, PARAMS)) == {
        "thresholds": {"flagged": 3, "stayed_high": 1, "fell_back": 0, "cannot_tell": 2},
        "naive": {"flagged": 4, "stayed_high": 1, "fell_back": 1, "cannot_tell": 2},
    }


def test_the_sentences_say_what_it_means_and_what_cannot_be_told():
    summary, meaning, unknown = track_record_sentences(track_record(CHECKED, PARAMS))
    assert summary == (
        "Of the 1 rise these thresholds flagged that can be judged, 1 (100%) stayed high the "
        "next year and 0 fell back; the naive rule (growth of 50% or more from the same minimum "
        "base) flagged 2 that can be judged, of which 1 (50%) stayed high."
    )
    assert meaning.startswith("Too few rises can be judged")
    assert unknown == (
        "Cannot tell yet: 2021, because there is no figure for 2022; 2023, because 2024 is "
        "not comparable with 2023 (a series break)."
    )


def test_no_flag_in_any_year_is_said_plainly():
    quiet = CHECKED.assign(flagged=False)
    summary, _meaning, _unknown = track_record_sentences(track_record(quiet, PARAMS))
    assert summary.startswith("These thresholds flagged no rise in any earlier year")


def test_stricter_thresholds_change_the_record_through_the_real_scores():
    """Through growth_scores and apply_thresholds: ten steady peers and one country that
    jumps in 2019 and keeps its level, so raising the growth threshold drops the flag."""
    series = {f"P{i:02d}": steady(10_000, 0.05 + i / 100) for i in range(10)}
    series["JMP"] = [10_000, 10_500, 11_000, 11_500, 30_000, 31_000, 32_000, 33_000, 34_000]
    observations, indicators, entities = synthetic_store(series)
    scores = growth_scores(observations, indicators, entities, ["synthetic_reports"])
    loose = FlagParams(min_base=1000, min_growth_pct=50)
    record = track_record(apply_thresholds(scores, loose), loose).set_index(["rule", "year"])
    # JMP: 11,500 -> 30,000 in 2019 (+161%), then 31,000 >= (11,500 + 30,000) / 2
    assert record.loc[("thresholds", 2019), ["flagged", "stayed_high"]].tolist() == [1, 1]
    strict = FlagParams(min_base=1000, min_growth_pct=200)
    stricter = track_record(apply_thresholds(scores, strict), strict)
    assert stricter[stricter["rule"] == "thresholds"].empty
    # the baseline does not depend on the scores' thresholds, only on the minimum base
    assert stricter[stricter["rule"] == "naive"]["flagged"].sum() == 1
