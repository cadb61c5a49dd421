"""`ocse validate --explain CODE`: what a problem code means, from the same table as the docs."""

from __future__ import annotations

from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.ingest.problems import REASONS, Reason


def test_explain_prints_the_title_and_the_description() -> None:
    result = CliRunner().invoke(app, ["validate", "--explain", "negative_count"])

    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "negative_count: Negative count"
    assert REASONS[Reason.NEGATIVE_COUNT].description in result.stdout


def test_an_unknown_code_exits_2_and_lists_the_known_ones() -> None:
    result = CliRunner().invoke(app, ["validate", "--explain", "bad_numbers"])

    assert result.exit_code == 2
    assert result.stdout == ""
    message, known = result.stderr.strip().split("; known codes: ")
    assert message == "error: no problem code 'bad_numbers'"
    assert known.split(", ") == [reason.value for reason in Reason]
    assert "bad_number" in known.split(", ")
