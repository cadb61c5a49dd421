"""Round-number ticks and their labels, checkable by eye."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.charts.ticks import log_ticks, round_log_ticks, short_number, spanning_log_ticks


def test_labels_read_as_people_say_them():
    assert [short_number(v) for v in (0, 0.01, 5, 100, 2_000, 10_000_000, 3e9)] == [
        "0",
        "0.01",
        "5",
        "100",
        "2k",
        "10M",
        "3B",
    ]


def test_three_decades_or_more_show_only_the_decades():
    assert log_ticks(0, 3) == [0, 1, 2, 3]
    few = log_ticks(0, 1)  # 1 to 10: 1, 2, 5, 10
    assert [round(10**t) for t in few] == [1, 2, 5, 10]


def test_a_log_axis_gets_1_2_5_ticks_across_its_values():
    wide = round_log_ticks(pd.Series([1_200, 3_400, 81_000]))  # log10 3.0 to 5.0
    assert wide["ticktext"] == ["1k", "10k", "100k"]
    narrow = round_log_ticks(pd.Series([1_200, 3_400]))  # log10 3.0 to 3.6
    assert narrow["ticktext"] == ["1k", "2k"]
    assert round_log_ticks(pd.Series([0.0, -1.0])) == {}


def test_scatter_ticks_span_half_the_smallest_to_twice_the_largest():
    ticks = spanning_log_ticks(pd.Series([3.0, 40.0]))
    assert ticks == [2, 5, 10, 20, 50]
    wide = spanning_log_ticks(pd.Series([0.01, 1e6]))
    assert all(math.log10(t).is_integer() for t in wide)  # too many: only 1 x 10^k
