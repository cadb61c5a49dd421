"""Ingest problems are data: every one names file, row, column, reason and message.

Readers collect all problems they meet and return them together; nothing stops at the first.
A reason is a stable code with a title and a description that say what it means and what to do
(`REASONS`, shown by `ocse validate --explain CODE` and listed in docs/problems.md); the message
is the one problem's own text, naming the cell or the figure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum

import pandas as pd

from dashboard.models import Flag


class Reason(StrEnum):
    UNREADABLE = "unreadable"
    EMPTY_FILE = "empty_file"
    MALFORMED = "malformed"
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


@dataclass(frozen=True)
class ReasonDoc:
    """What a reason code means, for people: a short title and a description with the remedy."""

    title: str
    description: str


REASONS: dict[Reason, ReasonDoc] = {
    Reason.UNREADABLE: ReasonDoc(
        "File cannot be read",
        "The file is missing, cannot be opened, or is not the kind of file its layout says "
        "(a damaged workbook, a PDF with no text). Check the path in source.yaml and download "
        "the file again.",
    ),
    Reason.EMPTY_FILE: ReasonDoc(
        "Nothing to read",
        "The file is empty, holds only blank lines, has nothing at or after the declared "
        "header row, or gave no rows at all.",
    ),
    Reason.MALFORMED: ReasonDoc(
        "Malformed row",
        "A row has more non-blank fields than the header has columns, so its values could land "
        "in the wrong column: the row is left out. Or a quote is never closed: the file is read "
        "up to that line only. The message names the line (or Excel row). Short rows and "
        "trailing blank fields are accepted.",
    ),
    Reason.MISSING_COLUMN: ReasonDoc(
        "Column not found",
        "A header the layout maps is not in the file, or a required column (entity, indicator, "
        "period, value) has no header, mapping or default. The message lists the headers found.",
    ),
    Reason.BAD_NUMBER: ReasonDoc(
        "Value is not a number",
        "After thousands separators, a trailing % and footnote marks are removed, the cell is "
        'still not a number ("lots", "0x10"). Fix the cell, or write it as empty, "-" or '
        '".." if the figure was not published.',
    ),
    Reason.MISSING_VALUE: ReasonDoc(
        "Figure not published",
        'A notice: the cell is empty, a dash, ".." or "n/a", which the publication uses for '
        '"not published". The row is skipped and listed, not treated as zero.',
    ),
    Reason.NEGATIVE_COUNT: ReasonDoc(
        "Negative count",
        "A count (reports, files, incidents, people, ...) is below zero, which a count cannot "
        "be. Usually a misplaced minus sign or a change figure in the wrong column.",
    ),
    Reason.PERCENT_OVER_100: ReasonDoc(
        "Percentage over 100",
        'A share in percent is above 100. Indicators of change (their id contains "change") '
        "may exceed 100 and are not checked.",
    ),
    Reason.FUTURE_YEAR: ReasonDoc(
        "Year in the future",
        "The period's reference year is after the current year: a typing error, or a "
        "projection, which the store does not hold.",
    ),
    Reason.BAD_YEAR: ReasonDoc(
        "Period not readable",
        'The period is neither a year ("2023") nor a span ("2022-23", "2022-2024"), or its '
        "year is before 1990.",
    ),
    Reason.UNKNOWN_COUNTRY: ReasonDoc(
        "Unknown country or region",
        "The name as published matches no country (country_converter) and no alias or region "
        "in data/country_aliases.yaml or data/regions.yaml, or a code column holds something "
        "that is not an ISO3 or declared region code. The message suggests the closest names; "
        "add the spelling to data/country_aliases.yaml.",
    ),
    Reason.UNKNOWN_INDICATOR: ReasonDoc(
        "Unknown indicator",
        "The indicator id is not defined in data/indicators.yaml. Define it there (name, unit, "
        "definition, caveats) or fix the id in the file or its source.yaml.",
    ),
    Reason.UNKNOWN_SOURCE: ReasonDoc(
        "Publication not named",
        "The file's format does not say which publication it is, and no source.yaml was given "
        "(`ocse ingest FILE --source-meta source.yaml`).",
    ),
    Reason.UNKNOWN_FLAG: ReasonDoc(
        "Unknown flag",
        f"A flag in the flags column is not one the data model knows ({', '.join(Flag)}). "
        'Several flags are separated by ";".',
    ),
    Reason.DUPLICATE_ROW: ReasonDoc(
        "Duplicate row",
        "The same indicator, entity, period and category appear twice in one source with the "
        "same value. Remove the repeated row.",
    ),
    Reason.CONFLICTING_VALUE: ReasonDoc(
        "Conflicting values",
        "The same indicator, entity, period and category have different values: an error "
        "within one source; across sources, a notice saying which source's figure is used "
        "(lower priority number, fewer qualifying flags, then source id).",
    ),
    Reason.REPEATED_FIGURE: ReasonDoc(
        "Figure repeated",
        "A notice: one figure printed twice and resolved by a stated rule. Either one country's "
        "count is split over two published names (the rows are added), or several sources give "
        "the same value (one is preferred, the others are kept and marked).",
    ),
    Reason.TOTAL_MISMATCH: ReasonDoc(
        "Rows do not add up to the printed total",
        "The rows read from an NCMEC table do not add up to the Total printed under it, so a "
        "row was misread or lost. The message gives both numbers.",
    ),
    Reason.NOT_A_TABLE: ReasonDoc(
        "Not the expected table",
        "The file is readable but is not the table its layout expects: a PDF that is not an "
        "NCMEC CyberTipline table, or a WDI or OWID file without its header line.",
    ),
    Reason.TRUNCATED: ReasonDoc(
        "File cut short",
        "The PDF has no end-of-file marker: the download was interrupted. Download it again.",
    ),
    Reason.BAD_METADATA: ReasonDoc(
        "Metadata does not fit",
        "A source.yaml or data/indicators.yaml entry is invalid, or does not fit its file: an "
        "unknown sheet, several series where one was declared, a layout that names another "
        "table kind. The message names the field.",
    ),
    Reason.SANITY_CHECK: ReasonDoc(
        "Sanity check failed",
        "A check at the end of the build failed: NCMEC country rows that do not add up to the "
        "printed totals, too few jurisdictions, a source without a URL, or an observation "
        "citing an unknown source.",
    ),
}


def explain(code: str) -> str | None:
    """A code's title and description as plain text; None for an unknown code."""
    try:
        doc = REASONS[Reason(code)]
    except ValueError:
        return None
    return f"{code}: {doc.title}\n\n{doc.description}"


def reasons_table() -> str:
    """Every code as a Markdown table: the "Problem codes" section of data/README.md."""
    rows = [
        f"| `{reason.value}` | {doc.title} | {doc.description} |" for reason, doc in REASONS.items()
    ]
    return "\n".join(["| code | title | description |", "|---|---|---|", *rows])


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
