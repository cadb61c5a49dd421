"""Reason codes are documented: each has a title and a description, and data/README.md lists
exactly the codes that exist, as `REASONS` words them."""

from __future__ import annotations

import re

from dashboard.ingest.problems import (
    REASONS,
    Problem,
    Reason,
    capped,
    explain,
    format_problems,
    format_value,
    limited,
    problem_count,
    problem_report,
    reasons_table,
)
from tests.conftest import DATA

README = DATA / "README.md"


def documented_codes() -> list[str]:
    """The codes in the first column of the README's "Problem codes" table, in order."""
    section = README.read_text(encoding="utf-8").split("## Problem codes", 1)[1]
    return re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.MULTILINE)


def test_every_code_has_a_title_and_a_description() -> None:
    undocumented = [r.value for r in Reason if r not in REASONS]
    assert undocumented == []
    for reason, doc in REASONS.items():
        assert doc.title.strip() and len(doc.title) <= 60, reason
        assert len(doc.description) >= 40 and doc.description.endswith("."), reason
        assert "|" not in doc.title + doc.description, reason  # it would split a table cell


def test_the_readme_lists_exactly_the_codes_that_exist() -> None:
    documented = documented_codes()
    assert sorted(set(documented) - {r.value for r in Reason}) == []  # no code that is gone
    assert sorted({r.value for r in Reason} - set(documented)) == []  # no code left out
    assert len(documented) == len(Reason) == 32


def test_the_readme_table_is_the_generated_one() -> None:
    """Reworded in REASONS but not in data/README.md: run scripts/readme_sections.py."""
    assert reasons_table() in README.read_text(encoding="utf-8")


def test_explain_gives_the_title_then_the_description() -> None:
    assert (
        explain("malformed")
        == f"malformed: Malformed row\n\n{REASONS[Reason.MALFORMED].description}"
    )
    assert explain("truncated").startswith("truncated: File cut short\n\nThe PDF has no")
    assert explain("encoding") is None  # never emitted, so no longer a code
    assert explain("") is None


def test_problems_print_as_an_aligned_table() -> None:
    problems = [
        Problem("t.csv", 3, "value", Reason.BAD_NUMBER, "'lots' is not a number"),
        Problem("sources/x/table.csv", None, "", Reason.EMPTY_FILE, "the file is empty"),
    ]
    assert format_problems(problems).splitlines() == [
        "file                 row  column  reason      message",
        "t.csv                3    value   bad_number  'lots' is not a number",
        "sources/x/table.csv" + " " * 15 + "empty_file  the file is empty",
    ]


def test_numbers_in_messages_are_written_as_people_write_them() -> None:
    assert [format_value(v) for v in (1234567.0, 12.5, 0.0, -1000.0)] == [
        "1,234,567",
        "12.5",
        "0",
        "-1,000",
    ]


def test_capped_keeps_the_first_problems_and_counts_all_the_others() -> None:
    problems = [
        Problem("t.csv", row, "value", Reason.BAD_NUMBER if row % 3 else Reason.UNKNOWN_COUNTRY, "")
        for row in range(1, 1_501)
    ]
    kept, more = capped(problems, limit=1_000)
    assert kept == problems[:1_000]
    # rows 1,001-1,500: 167 multiples of 3 (1,002 ... 1,500), 333 others
    assert more == {Reason.BAD_NUMBER: 333, Reason.UNKNOWN_COUNTRY: 167}


def test_limited_records_stand_for_the_problems_left_out() -> None:
    problems = [Problem("t.csv", row, "value", Reason.BAD_NUMBER, "x") for row in range(1, 11)]
    records = limited(problems, limit=4)
    assert records[:4] == problems[:4]
    [count] = records[4:]
    assert (count.row, count.reason, count.omitted) == (None, Reason.BAD_NUMBER, 6)
    assert count.message == "6 more bad_number problem(s) in this file, not listed"
    assert problem_count(records) == 10
    assert capped(records, limit=2)[1] == {Reason.BAD_NUMBER: 8}  # 2 listed, 2 + 6 counted


def test_the_report_ends_with_the_counts_of_what_is_not_listed() -> None:
    problems = [Problem("t.csv", 2, "value", Reason.BAD_NUMBER, "'lots' is not a number")]
    problems += [
        Problem("t.csv", None, "", Reason.BAD_NUMBER, "", omitted=150_000),
        Problem("t.csv", None, "", Reason.UNKNOWN_COUNTRY, "", omitted=48_532),
    ]
    assert problem_report(problems).splitlines() == [
        "file   row  column  reason      message",
        "t.csv  2    value   bad_number  'lots' is not a number",
        "... and 198,532 more: 150,000 bad_number, 48,532 unknown_country",
    ]
