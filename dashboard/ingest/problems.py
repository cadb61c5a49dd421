"""Ingest problems are data: every one names file, row, column, reason and message.

Readers collect all problems they meet and return them together; nothing stops at the first.
A reason is a stable code with a title and a description that say what it means and what to do
(`REASONS`, shown by `ocse validate --explain CODE` and listed in docs/problems.md); the message
is the one problem's own text, naming the cell or the figure.
"""

from __future__ import annotations

from collections import Counter
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
    MISSING_FILE = "missing_file"
    DIRECTORY = "directory"
    SYMBOLIC_LINK = "symbolic_link"
    OUTSIDE_DATA = "outside_data"
    TOO_LARGE = "too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    NO_METADATA = "no_metadata"
    WORKBOOK_TOO_LARGE = "workbook_too_large"
    TOO_MANY_ROWS = "too_many_rows"
    PDF_LIMIT = "pdf_limit"


@dataclass(frozen=True)
class ReasonDoc:
    """What a reason code means, for people: a short title and a description with the remedy."""

    title: str
    description: str


REASONS: dict[Reason, ReasonDoc] = {
    Reason.UNREADABLE: ReasonDoc(
        "File cannot be read",
        "The file cannot be opened, or is not the kind of file its layout says (a damaged "
        "workbook, a PDF with no text, a text file where the layout names a workbook). "
        "Download the file again, or fix the layout in source.yaml.",
    ),
    Reason.EMPTY_FILE: ReasonDoc(
        "Nothing to read",
        "The file is empty (0 bytes), holds only blank lines, has nothing at or after the "
        "declared header row, or gave no rows at all.",
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
        "citing an unknown source. Or a label is not true: a source read on a page that is not "
        "its publisher's own (data/publishers.yaml) labelled primary or a row of it without "
        "secondary_source; a quoted 'at least', 'more than', 'about' ... without its flag; a "
        "secondary page or transcription ranked with, or preferred over, the publisher's own "
        "table.",
    ),
    Reason.MISSING_FILE: ReasonDoc(
        "File not found",
        "No file at the path given on the command line or named by source.yaml `file`. Check "
        "the spelling and the folder.",
    ),
    Reason.DIRECTORY: ReasonDoc(
        "A folder, not a file",
        "The path names a folder. Give the table file inside it, or the folder's source.yaml "
        "to `ocse validate`.",
    ),
    Reason.SYMBOLIC_LINK: ReasonDoc(
        "Symbolic link",
        "The path given to `ocse ingest` or `ocse validate` is a symbolic link; the message "
        "says where it points. Links are not followed: give the file it points to.",
    ),
    Reason.OUTSIDE_DATA: ReasonDoc(
        "File outside data/",
        "A source.yaml names a file that is, or through a symbolic link or `..` leads, outside "
        "the data/ folder. A build reads only files inside data/: copy the file into the "
        "source's folder.",
    ),
    Reason.TOO_LARGE: ReasonDoc(
        "File too large",
        "The file is larger than the upload limit (OCSE_UPLOAD_LIMIT_MB, 50 MB unless set) and "
        "is refused before it is read. The message gives both sizes.",
    ),
    Reason.UNSUPPORTED_TYPE: ReasonDoc(
        "Not a table this product reads",
        "Judged by its content, not its name, the file is not a PDF, an Excel workbook (.xlsx) "
        "or text (UTF-8, UTF-16 with a byte order mark, or Windows-1252, without NUL bytes). "
        "The message says what it looks like: binary data, a zip archive that is not a "
        "workbook, an old .xls workbook (save it as .xlsx), an image.",
    ),
    Reason.NO_METADATA: ReasonDoc(
        "Layout not declared",
        "The file is a CSV or a workbook whose layout only a source.yaml can say (WDI and OWID "
        "downloads and NCMEC PDFs announce theirs). Give `--source-meta source.yaml`, or "
        "validate the source.yaml instead.",
    ),
    Reason.WORKBOOK_TOO_LARGE: ReasonDoc(
        "Workbook too large when unpacked",
        "An .xlsx is a zip archive. This one would unpack to more than the limit (twice the "
        "upload limit), has a member compressed more than 100 to 1 (a zip bomb), or has too "
        "many members. It is refused before it is parsed.",
    ),
    Reason.TOO_MANY_ROWS: ReasonDoc(
        "Sheet beyond Excel's limits",
        "A sheet of the workbook has a cell beyond row 1,048,576 or column 16,384 (XFD), "
        "which no spreadsheet program writes: the file is damaged or was made to be hostile.",
    ),
    Reason.PDF_LIMIT: ReasonDoc(
        "PDF too costly to read",
        "Reading the PDF took longer than OCSE_PDF_TIME_LIMIT_S seconds or more memory than "
        "OCSE_PDF_MEMORY_LIMIT_MB, so it was stopped. NCMEC's tables take about a second.",
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


PROBLEMS_LISTED = 1_000  # problems kept as records per file, and printed; the rest are counted


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
    # > 0: a count, not a problem of its own: this many more problems of this reason and
    # severity in this file were found but not kept as records (see `limited`)
    omitted: int = 0

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


def problem_count(problems: Iterable[Problem]) -> int:
    """How many problems were found, counting those only counted (`omitted`)."""
    return sum(p.omitted or 1 for p in problems)


def omitted_counts(file: str, counts: Counter[tuple[Reason, Severity]]) -> list[Problem]:
    """One record per reason and severity standing for `count` problems not kept."""
    return [
        Problem(
            file,
            None,
            "",
            reason,
            f"{count:,} more {reason.value} problem(s) in this file, not listed",
            severity,
            omitted=count,
        )
        for (reason, severity), count in sorted(counts.items())
        if count
    ]


def limited(problems: list[Problem], limit: int = PROBLEMS_LISTED) -> list[Problem]:
    """The first `limit` problems as records, the rest as counts by file, reason and severity:
    a file with an error on every one of a million rows keeps a bounded list."""
    if len(problems) <= limit:
        return problems
    kept = [p for p in problems if not p.omitted][:limit]
    rest: dict[str, Counter[tuple[Reason, Severity]]] = {}
    listed = 0
    for p in problems:
        if not p.omitted and listed < limit:
            listed += 1
            continue
        rest.setdefault(p.file, Counter())[p.reason, p.severity] += p.omitted or 1
    return kept + [o for file, counts in rest.items() for o in omitted_counts(file, counts)]


def capped(
    problems: Iterable[Problem], limit: int = PROBLEMS_LISTED
) -> tuple[list[Problem], Counter[Reason]]:
    """The first `limit` problems to list, and the number of all the others by reason."""
    kept: list[Problem] = []
    more: Counter[Reason] = Counter()
    for p in problems:
        if p.omitted:
            more[p.reason] += p.omitted
        elif len(kept) < limit:
            kept.append(p)
        else:
            more[p.reason] += 1
    return kept, more


def problem_report(problems: Iterable[Problem], limit: int = PROBLEMS_LISTED) -> str:
    """The table of the first `limit` problems, and a last line counting the others by reason:
    "... and 198,532 more: 150,000 bad_number, 48,532 unknown_country"."""
    kept, more = capped(problems, limit)
    table = format_problems(kept) if kept else ""
    if not more:
        return table
    counts = ", ".join(f"{n:,} {reason.value}" for reason, n in more.most_common())
    return "\n".join(
        [*([table] if table else []), f"... and {sum(more.values()):,} more: {counts}"]
    )


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
