"""Numbers, qualifiers and units as a report writer would write them."""

from __future__ import annotations

import math

from dashboard.wording.flags import flags_text, notes, qualifiers
from dashboard.wording.numbers import format_change, format_pct, format_value, number, ordinal
from dashboard.wording.units import unit_label, units_by_id, value_text


def test_values_carry_their_qualifiers():
    assert format_value(20_512_803) == "20,512,803"
    assert format_value(50_000_000, "approximate") == "about 50 million"
    assert format_value(30_000, "lower_bound;secondary_source") == "at least 30,000"
    assert format_value(12.5, "", "percent") == "12.5%"
    assert format_value(math.nan) == "no published value"
    assert qualifiers("secondary_source;doubtful", half_year=True) == [
        "secondary source",
        "doubtful",
        "January-June",
    ]
    assert notes("unverified_transcription") == " [unverified third-party transcription]"
    assert flags_text("lower_bound;half_year", "denominator from 2022") == (
        "lower bound; half year; denominator from 2022"
    )


def test_changes_ranks_and_rounding():
    assert format_change(12.94) == "+12.9%" and format_change(None) == ""
    assert format_pct(110.16) == "+110%"
    assert number(2848.4) == "2,848" and number(7.84) == "7.8"
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 112)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "112th",
    ]


def test_units_are_written_as_data_units_yaml_says(shipped_store):
    units = units_by_id(shipped_store.units)
    assert value_text(2_740_905, "", "reports", units) == "2,740,905 reports"
    assert value_text(117.28, "", "per_100_people", units) == "117.28 per 100 people"
    assert value_text(20, "", "percent", units) == "20%"
    assert unit_label("per_1000", units) == "per 1,000"
    assert unit_label("not_a_unit", units) == "not a unit"  # never a blank


def test_an_upper_bound_on_a_count_reads_fewer_than(shipped_store):
    units = units_by_id(shipped_store.units)
    # NCMEC's Global Platform "<50", stored as 50 with upper_bound
    assert value_text(50, "upper_bound", "reports", units) == "fewer than 50 reports"
    assert value_text(50, "upper_bound;unverified_transcription", "files", units) == (
        "fewer than 50 files"
    )
    # any other bound reads "at most" (true of "<" and "up to" alike); a rounded value is written
    # as printed, its flag said beside it
    assert value_text(0.1, "upper_bound", "percent", units) == "at most 0.1%"
    assert value_text(7000, "rounded", "reports", units) == "7,000 reports"
