"""Ingest problems are data: every one names file, row, column, reason and message.

Readers collect all problems they meet and return them together; nothing stops at the first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

import pandas as pd


class Reason(StrEnum):
    UNREADABLE = "unreadable"
    EMPTY_FILE = "empty_file"
    MALFORMED = "malformed"
    ENCODING = "encoding"
    MISSING_COLUMN = "missing_column"
    BAD_NUMBER = "bad_number"
    MISSING_VALUE = "missing_value"
    NEGATIVE_COUNT = "negative_count"
    PERCENT_OVER_100 = "percent_over_100"
    FUTURE_YEAR = "future_year"
    BAD_YEAR = "bad_year"
    UNKNOWN_COUNTRY = "unknown_country"
    UNKNOWN_INDICATOR = "unknown_indicator"
    UNKNOWN_SOURCE = "unknown_source"
    UNKNOWN_FLAG = "unknown_flag"
    DUPLICATE_ROW = "duplicate_row"
    CONFLICTING_VALUE = "conflicting_value"
    REPEATED_FIGURE = "repeated_figure"
    TOTAL_MISMATCH = "total_mismatch"
    NOT_A_TABLE = "not_a_table"
    TRUNCATED = "truncated"
    BAD_METADATA = "bad_metadata"
    SANITY_CHECK = "sanity_check"


class Severity(StrEnum):
    ERROR = "error"  # the ingest is refused
    NOTICE = "notice"  # resolved by a stated rule, listed for the record


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    reason: Reason
    message: str
    severity: Severity = Severity.ERROR

    def as_row(self) -> dict[str, object]:
        row = asdict(self)
        row["reason"] = self.reason.value
        row["severity"] = self.severity.value
        return row


class IngestError(Exception):
    """Raised with every problem found, so the caller can show them all at once."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def problems_frame(problems: Iterable[Problem]) -> pd.DataFrame:
    columns = ["file", "row", "column", "reason", "message", "severity"]
    return pd.DataFrame([p.as_row() for p in problems], columns=columns)


def format_problems(problems: Iterable[Problem]) -> str:
    """A plain-text table, one problem a line: what the CLI prints."""
    rows = [
        (p.file, "" if p.row is None else str(p.row), p.column, p.reason.value, p.message)
        for p in problems
    ]
    header = ("file", "row", "column", "reason", "message")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    lines = []
    for r in [header, *rows]:
        cells = [r[i].ljust(widths[i]) for i in range(4)]
        lines.append("  ".join([*cells, r[4]]))
    return "\n".join(lines)


def format_value(value: float) -> str:
    """1234567.0 -> '1,234,567'; 12.5 -> '12.5': numbers in messages as people write them."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
