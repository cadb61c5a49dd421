"""normalise on whole columns: numbers, names and problems as a row-by-row reading gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.ingest.catalogue import reference_data
from dashboard.ingest.normalise import OBSERVATION_COLUMNS, normalise
from dashboard.ingest.problems import Reason, Severity
from dashboard.ingest.raw import RawTable, raw_frame
from dashboard.models import Source

DATA = Path(__file__).resolve().parents[2] / "data"
SOURCE = Source(
    id="test-source",
    publisher="Test",
    title="A test table",
    url="https://example.org/table",
    licence="test only",
    reliability="primary",
)


@pytest.fixture(scope="module")
def reference():
    indicators, resolver, _ = reference_data(DATA)
    return indicators, resolver


def run(reference, rows: list[dict[str, object]]):
    indicators, resolver = reference
    cells = [{"indicator": "cybertipline_reports", "row": i + 2, **r} for i, r in enumerate(rows)]
    return normalise(RawTable("t.csv", raw_frame(cells), []), SOURCE, indicators, resolver, 2025)


def test_printed_numbers_are_read_as_printed(reference) -> None:
    values = ["1,234", "5,675,324*", "12.5%", "1 234", "-0", "0012", "2.50"]
    observations, problems = run(
        reference,
        [
            {"entity_as_published": "Ghana", "period": str(2010 + i), "value": v}
            for i, v in enumerate(values)
        ],
    )

    assert problems == []
    assert list(observations.columns) == OBSERVATION_COLUMNS
    assert observations["value"].tolist() == [1234, 5675324, 12.5, 1234, 0, 12, 2.5]
    assert observations["entity"].unique().tolist() == ["GHA"]
    assert observations["source_url"].unique().tolist() == ["https://example.org/table"]


def test_a_row_lists_its_problems_in_reading_order(reference) -> None:
    observations, problems = run(
        reference,
        [
            {"entity_as_published": "Ghana", "period": "2023", "value": "5"},
            {
                "entity_as_published": "Atlantis",
                "indicator": "nope",
                "period": "19x",
                "flags": "bogus",
                "value": "lots",
            },
            {"entity_as_published": "Kenya", "period": "2023", "value": "-"},
        ],
    )

    assert observations["entity"].tolist() == ["GHA"]
    assert [(p.row, p.reason) for p in problems] == [
        (3, Reason.UNKNOWN_COUNTRY),
        (3, Reason.UNKNOWN_INDICATOR),
        (3, Reason.BAD_YEAR),
        (3, Reason.UNKNOWN_FLAG),
        (3, Reason.BAD_NUMBER),
        (4, Reason.MISSING_VALUE),
    ]
    assert problems[-1].severity is Severity.NOTICE
    assert problems[-1].message == "no value ('-') for Kenya 2023: skipped as not published"
    assert problems[4].message == "'lots' is not a number"


def test_series_break_flag_and_repeated_rows(reference) -> None:
    observations, problems = run(
        reference,
        [
            {
                "entity_as_published": "Ghana",
                "period": "2024",
                "value": "7",
                "flags": "approximate",
            },
            {"entity_as_published": "Ghana", "period": "2023", "value": "5"},
            {"entity_as_published": "Ghana", "period": "2023", "value": "6"},
        ],
    )

    assert observations["flags"].tolist() == ["approximate;series_break", "", ""]
    [conflict] = problems
    assert (conflict.row, conflict.reason) == (4, Reason.CONFLICTING_VALUE)


def test_digit_only_column_is_read_as_a_mixed_one(reference) -> None:
    """A column of digits and commas only is parsed from pyarrow's buffers; with one other cell it
    goes through the general path. Both must read every cell alike."""
    digits = ["1,234", "5", ",5", "5,", "1,,2", "007", "12345678901234567"]
    expected = [1234, 5, 5, 5, 12, 7, float("12345678901234567")]  # rounded as float() rounds
    for extra, extra_value in [([], []), (["2.5"], [2.5]), (["0x10"], [])]:
        observations, problems = run(
            reference,
            [
                {"entity_as_published": "Ghana", "period": str(2000 + i), "value": v}
                for i, v in enumerate(digits + extra)
            ],
        )
        assert observations["value"].tolist() == expected + extra_value
        assert [p.reason for p in problems] == ([Reason.BAD_NUMBER] if extra == ["0x10"] else [])
