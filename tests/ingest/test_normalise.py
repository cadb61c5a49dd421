"""normalise: printed numbers, names and periods read by the rules in its docstring, and every
problem named by row, column, reason and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.ingest.normalise import (
    OBSERVATION_COLUMNS,
    normalise,
    parse_number,
    parse_period,
)
from dashboard.ingest.problems import Reason, Severity
from dashboard.ingest.raw import RawTable, raw_frame
from dashboard.ingest.reference import load_reference
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
    return load_reference(DATA)[0]


def run(reference, rows: list[dict[str, object]]):
    cells = [{"indicator": "cybertipline_reports", "row": i + 2, **r} for i, r in enumerate(rows)]
    return normalise(RawTable("t.csv", raw_frame(cells), []), SOURCE, reference, 2025)


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


def test_thousands_commas_anywhere_are_dropped_and_big_numbers_round_as_float_does(
    reference,
) -> None:
    cells = ["1,234", "5", ",5", "5,", "1,,2", "007", "12345678901234567", "2.5", "0x10"]
    observations, problems = run(
        reference,
        [
            {"entity_as_published": "Ghana", "period": str(2000 + i), "value": v}
            for i, v in enumerate(cells)
        ],
    )

    assert observations["value"].tolist() == [1234, 5, 5, 5, 12, 7, 12345678901234568, 2.5]
    assert [(p.row, p.reason, p.message) for p in problems] == [
        (10, Reason.BAD_NUMBER, "'0x10' is not a number")
    ]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,234", 1234),
        ("1'234", 1234),
        ("1 234", 1234),
        ("1\u202f234", 1234),
        ("12.5%", 12.5),
        ("5,675,324*", 5675324),
        ("7†", 7),
        (" -5 ", -5),
        ("1e3", 1000),
        ("lots", None),
        ("12%%", None),
        ("", None),
    ],
)
def test_parse_number(text: str, number: float | None) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    ("text", "year"),
    [("2023", 2023), (" 2023 ", 2023), ("2022-23", 2023), ("2019-2021", 2021), ("2019/20", 2020)],
)
def test_a_span_takes_the_last_calendar_year_it_touches(text: str, year: int) -> None:
    assert parse_period(text) == year


def test_years_that_cannot_be_right_are_named(reference) -> None:
    observations, problems = run(
        reference,
        [
            {"entity_as_published": "Ghana", "period": "2022-23", "value": "1"},
            {"entity_as_published": "Ghana", "period": "1989", "value": "2"},
            {"entity_as_published": "Ghana", "period": "2026", "value": "3"},
            {"entity_as_published": "Ghana", "period": "FY23", "value": "4"},
        ],
    )

    assert observations[["period", "year"]].values.tolist() == [["2022-23", 2023]]
    assert [(p.row, p.reason, p.message) for p in problems] == [
        (3, Reason.BAD_YEAR, "cannot read a year from '1989'"),
        (4, Reason.FUTURE_YEAR, "year 2026 is in the future"),
        (5, Reason.BAD_YEAR, "cannot read a year from 'FY23'"),
    ]


def test_one_country_printed_under_two_names_is_added_up(reference) -> None:
    observations, problems = run(
        reference,
        [
            {"entity_as_published": "French Guiana", "period": "2021", "value": "313"},
            {"entity_as_published": "Ghana", "period": "2021", "value": "10"},
            {"entity_as_published": "Guiana, French", "period": "2021", "value": "2"},
        ],
    )

    guf = observations[observations["entity"] == "GUF"].iloc[0]
    assert (guf["value"], guf["row"]) == (315, 2)
    assert guf["entity_as_published"] == "French Guiana + Guiana, French"
    assert guf["note"] == (
        "sum of rows printed separately for one country: "
        "'French Guiana' 313 (row 2), 'Guiana, French' 2 (row 4)"
    )
    [notice] = problems
    assert (notice.row, notice.reason, notice.severity) == (
        2,
        Reason.REPEATED_FIGURE,
        Severity.NOTICE,
    )
    assert notice.message == (
        "cybertipline_reports 2021: 'French Guiana' 313 (row 2), 'Guiana, French' 2 (row 4) "
        "name one country (GUF); added to 315"
    )


def test_the_same_name_twice_is_a_duplicate_or_a_conflict(reference) -> None:
    observations, problems = run(
        reference,
        [
            {"entity_as_published": "Ghana", "period": "2021", "value": "1,000"},
            {"entity_as_published": "Ghana", "period": "2021", "value": "1000"},
            {"entity_as_published": "Ghana", "period": "2021", "value": "999"},
        ],
    )

    assert len(observations) == 3  # kept: the store refuses the whole file on an error
    assert [(p.row, p.reason, p.message) for p in problems] == [
        (3, Reason.DUPLICATE_ROW, "duplicate of row 2 (cybertipline_reports Ghana 2021)"),
        (
            4,
            Reason.CONFLICTING_VALUE,
            "cybertipline_reports Ghana 2021: 999 conflicts with 1,000 in row 2",
        ),
    ]


def test_a_code_column_wins_over_the_name_and_must_be_a_known_code(reference) -> None:
    observations, problems = run(
        reference,
        [
            {
                "entity_as_published": "Republic of Ghana",
                "entity": "GHA",
                "period": "2021",
                "value": "1",
            },
            {"entity_as_published": "Kenya", "entity": "", "period": "2021", "value": "2"},
            {"entity_as_published": "Kenya", "entity": "KEN1", "period": "2022", "value": "3"},
            {"entity_as_published": "Atlantis", "entity": "", "period": "2021", "value": "4"},
        ],
    )

    assert observations[["entity", "entity_as_published"]].values.tolist() == [
        ["GHA", "Republic of Ghana"],
        ["KEN", "Kenya"],
    ]
    assert [(p.row, p.column, p.reason) for p in problems] == [
        (4, "entity", Reason.UNKNOWN_COUNTRY),
        (5, "entity_as_published", Reason.UNKNOWN_COUNTRY),
    ]
    assert problems[0].message == "'KEN1' is not an ISO3 or region code"
    assert problems[1].message.startswith("unknown country or region 'Atlantis'")
    assert problems[1].message.endswith("Add it to data/country_aliases.yaml or data/regions.yaml")


def test_counts_may_not_be_negative_and_shares_not_over_100(reference) -> None:
    observations, problems = run(
        reference,
        [
            {"entity_as_published": "Ghana", "period": "2021", "value": "-5"},
            {
                "entity_as_published": "Ghana",
                "indicator": "internet_users_pct",
                "period": "2021",
                "value": "100.5%",
            },
            {
                "entity_as_published": "Ghana",
                "indicator": "internet_users_pct",
                "period": "2022",
                "value": "68.2",
            },
        ],
    )

    assert observations[["indicator", "value", "unit"]].values.tolist() == [
        ["internet_users_pct", 68.2, "percent"]
    ]
    assert [(p.row, p.reason, p.message) for p in problems] == [
        (2, Reason.NEGATIVE_COUNT, "negative count -5"),
        (3, Reason.PERCENT_OVER_100, "percentage 100.5% is over 100"),
    ]


def test_blank_source_url_category_and_note_cells(reference) -> None:
    observations, _ = run(
        reference,
        [
            {"entity_as_published": "Ghana", "period": "2021", "value": "1", "note": " n "},
            {
                "entity_as_published": "Ghana",
                "period": "2022",
                "value": "1",
                "source_url": " https://example.org/other ",
                "category": " Facebook ",
            },
        ],
    )

    assert observations[["source_url", "category", "note"]].values.tolist() == [
        ["https://example.org/table", "", "n"],
        ["https://example.org/other", "Facebook", ""],
    ]
    assert observations["source_id"].tolist() == ["test-source", "test-source"]
    assert observations["file"].tolist() == ["t.csv", "t.csv"]


def test_a_thousand_problems_are_records_and_the_rest_are_counted(reference) -> None:
    rows = [
        {"entity_as_published": "Atlantis" if i % 2 else "Ghana", "period": "2023", "value": "x"}
        for i in range(5_000)
    ]
    observations, problems = run(reference, rows)

    assert observations.empty
    records = [p for p in problems if not p.omitted]
    assert len(records) == 1_000
    # reading order: row 2 (Ghana) bad_number; row 3 (Atlantis) unknown_country, bad_number; ...
    assert [(p.row, p.reason) for p in records[:3]] == [
        (2, Reason.BAD_NUMBER),
        (3, Reason.UNKNOWN_COUNTRY),
        (3, Reason.BAD_NUMBER),
    ]
    counts = {p.reason: p.omitted for p in problems if p.omitted}
    # 5,000 bad numbers and 2,500 unknown names: 7,500 problems, 1,000 of them listed
    listed = {r: sum(p.reason is r for p in records) for r in counts}
    assert listed == {Reason.UNKNOWN_COUNTRY: 333, Reason.BAD_NUMBER: 667}
    assert counts == {Reason.UNKNOWN_COUNTRY: 2_500 - 333, Reason.BAD_NUMBER: 5_000 - 667}


def test_a_file_naming_too_many_places_is_not_looked_up_name_by_name(
    reference, monkeypatch
) -> None:
    rows = [{"entity_as_published": f"Place {i}", "period": "2023", "value": "1"} for i in range(6)]
    monkeypatch.setattr("dashboard.ingest.normalise.NAMES_LOOKED_UP", 4)
    _, problems = run(reference, rows)
    assert problems[0].message == (
        "the file names 6 different places; only the first 4 were looked up, the others count "
        "as unknown"
    )
    assert [p.row for p in problems[1:]] == [2, 3, 4, 5, 6, 7]


def test_several_unknown_flags_in_one_cell_are_each_named(reference) -> None:
    _, problems = run(
        reference,
        [
            {
                "entity_as_published": "Ghana",
                "period": "2023",
                "value": "1",
                "flags": "odd;approximate;new",
            }
        ],
    )
    assert [p.message for p in problems] == ["unknown flag 'odd'", "unknown flag 'new'"]
