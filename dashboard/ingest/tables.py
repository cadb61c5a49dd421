"""Declarative readers for delimited text and Excel tables described by a source.yaml layout.

A new table should need a few lines of layout, not code: `read_long` and `read_wide` turn any
header-plus-rows grid into RAW rows, and the CSV and Excel front ends only produce that grid. Cells
stay text as printed ("1,234", "12%", "NA", "-"); `dashboard.ingest.normalise` parses them, so
every rule about bad values lives there. Problems are collected and returned, never raised.

One CSV reader: Python's csv module, strict about quotes, counting file lines, so that a problem
names the line a person sees in an editor. The largest shipped table has a few thousand rows.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import (
    PROBLEMS_LISTED,
    Problem,
    Reason,
    Severity,
    omitted_counts,
)
from dashboard.ingest.raw import RAW_COLUMNS, RawTable, empty_raw_frame, raw_frame
from dashboard.ingest.workbook_limits import check_workbook

REQUIRED = ("entity_as_published", "indicator", "period", "value")
DELIMITERS = (",", ";", "\t", "|")

FIELD_LIMIT = 131_072  # characters in one cell: the csv module's default


@dataclass
class Grid:
    """A table as printed: stripped headers, and each data row with its line (or Excel row)."""

    file: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    problems: list[Problem] = field(default_factory=list)


# ---------------------------------------------------------------- text files


def read_text(path: Path | str) -> tuple[str | None, list[Problem]]:
    """Decode a text file: UTF-8 (BOM stripped), else UTF-16 with a BOM, else cp1252/Latin-1.

    The fallback records nothing: a Latin-1 file is valid data, and the result is the same text.
    """
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return None, [Problem(file, None, "", Reason.UNREADABLE, f"cannot read: {exc}")]
    text = decode_bytes(data)
    if not text.strip():
        return None, [Problem(file, None, "", Reason.EMPTY_FILE, "the file is empty")]
    return text, []


def decode_bytes(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # never fails: every byte is a character


def csv_records(
    text: str, file: str, delimiter: str = ","
) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Every record with the file line it starts on; blank lines are dropped but still counted.

    Strict quoting: an unclosed quote would otherwise swallow the rest of the file silently.
    Parsing stops at the first such error; the records before it are returned with it.
    """
    stream = io.StringIO(text, newline="")
    # the limit is global to the csv module and other libraries raise it: say ours each time
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(stream, delimiter=delimiter, strict=True, skipinitialspace=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            if "".join(record).strip():  # a record of blank cells is a blank line
                records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as exc:
        return records, [Problem(file, line, "", Reason.MALFORMED, f"line {line}: {exc}")]
    return records, []


def grid_from_records(
    file: str, records: list[tuple[int, list[str]]], header_index: int = 0, unit: str = "line"
) -> Grid:
    """records[header_index] is the header; rows with more (non-empty) fields are MALFORMED.

    Shorter rows are padded with blanks, and extra fields that are all blank (a trailing comma)
    are tolerated: neither can shift a value into the wrong column.
    """
    header_line, header = records[header_index]
    while header and not header[-1].strip():
        header = header[:-1]
    width = len(header)
    grid = Grid(file, header_line, [h.strip() for h in header], [])
    ragged = 0
    for line, record in records[header_index + 1 :]:
        if len(record) > width and "".join(record[width:]).strip():
            ragged += 1
            if ragged <= PROBLEMS_LISTED:  # the others are counted
                fields = max(i for i, cell in enumerate(record) if cell.strip()) + 1
                message = f"{unit} {line} has {fields} fields, the header has {width}"
                grid.problems.append(Problem(file, line, "", Reason.MALFORMED, message))
            continue
        if len(record) != width:
            record = (record + [""] * width)[:width]
        grid.rows.append((line, record))
    more = Counter({(Reason.MALFORMED, Severity.ERROR): ragged - len(grid.problems)})
    grid.problems += omitted_counts(file, more)
    return grid


def _pick_delimiter(path: Path | str, header_line: str) -> str:
    if Path(path).suffix.lower() in (".tsv", ".tab"):
        return "\t"
    return max(DELIMITERS, key=lambda d: len(next(csv.reader([header_line], delimiter=d), [])))


def read_delimited(path: Path | str, header_row: int = 1) -> Grid:
    """A CSV/TSV as a Grid; the header is the first non-blank line at or after `header_row`."""
    file = str(path)
    text, problems = read_text(path)
    if text is None:
        return Grid(file, header_row, [], [], problems)
    lines = io.StringIO(text, newline="").readlines()
    start = next((i for i in range(header_row - 1, len(lines)) if lines[i].strip()), None)
    if start is None:
        message = f"nothing at or after line {header_row}"
        return Grid(file, header_row, [], [], [Problem(file, None, "", Reason.EMPTY_FILE, message)])
    records, problems = csv_records(text, file, _pick_delimiter(path, lines[start]))
    header_index = next((i for i, (line, _) in enumerate(records) if line >= header_row), None)
    if header_index is None:
        return Grid(file, header_row, [], [], problems)
    grid = grid_from_records(file, records, header_index)
    grid.problems = problems + grid.problems
    return grid


# ---------------------------------------------------------------- Excel


def _number_text(number: float) -> str:
    if float(number).is_integer() and abs(number) < 1e15:
        return str(int(number))
    return repr(round(float(number), 10))


def excel_cell_text(value: object, number_format: str = "General") -> str:
    """A cell as text: the stored number (no thousands separator), a percentage with its '%'.

    Percent cells store 0.125 and print 12.5%; passing 0.125 on would be off by a factor of 100.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return _number_text(value * 100) + "%"
        return _number_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def read_sheet(path: Path | str, sheet: str | int = 0, header_row: int = 1) -> Grid:
    """One sheet as a Grid, rows numbered as Excel numbers them; cached formula results are used.

    The archive is measured first (`check_workbook`): a zip bomb or a cell beyond Excel's last
    row is refused before openpyxl sees it. openpyxl then streams the sheet (read-only mode),
    ignoring the size the sheet declares, which writers often get wrong.
    """
    from openpyxl import load_workbook  # only Excel sources pay for the import

    file = str(path)
    refused = check_workbook(Path(path))
    if refused:
        return Grid(file, header_row, [], [], refused)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is one problem, not a crash
        return Grid(
            file, header_row, [], [], [Problem(file, None, "", Reason.UNREADABLE, str(exc))]
        )
    try:
        names = workbook.sheetnames
        name = sheet if isinstance(sheet, str) else (names[sheet] if sheet < len(names) else None)
        if name not in names:
            message = f"no sheet {sheet!r}; sheets found: {', '.join(names)}"
            return Grid(
                file,
                header_row,
                [],
                [],
                [Problem(file, None, "sheet", Reason.BAD_METADATA, message)],
            )
        worksheet = workbook[name]
        worksheet.reset_dimensions()
        records = [
            (number, [excel_cell_text(c.value, c.number_format) for c in cells])
            for number, cells in _numbered_rows(worksheet, header_row)
            if any(c.value is not None and str(c.value).strip() for c in cells)
        ]
    except Exception as exc:  # noqa: BLE001 - a damaged sheet is one problem, not a crash
        message = f"the sheet cannot be read ({type(exc).__name__}: {exc})"
        return Grid(file, header_row, [], [], [Problem(file, None, "", Reason.UNREADABLE, message)])
    finally:
        workbook.close()
    if not records or records[0][0] != header_row:
        message = f"sheet {name!r} has no header on row {header_row}"
        return Grid(
            file, header_row, [], [], [Problem(file, header_row, "", Reason.EMPTY_FILE, message)]
        )
    return grid_from_records(file, records, unit="row")


def _numbered_rows(worksheet, first: int):
    """(Excel row number, cells) from row `first` on. Read-only rows are tuples of cells, and
    an empty cell has no row number, so rows are counted (openpyxl yields every row in turn)."""
    for number, cells in enumerate(worksheet.iter_rows(min_row=first), start=first):
        if cells:
            yield number, cells


# ---------------------------------------------------------------- layout rules


def rows_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """raw_frame with every text column present in every row: a column absent from all rows would
    come back float and warn; no rows at all gives the typed empty frame."""
    if not rows:
        return empty_raw_frame()
    blank = {column: "" for column in RAW_COLUMNS if column != "row"}
    return raw_frame([blank | row for row in rows])


def _missing(grid: Grid, header: str, what: str) -> Problem:
    found = ", ".join(repr(h) for h in grid.headers if h) or "none"
    message = f"{what}; headers found: {found}"
    return Problem(grid.file, grid.header_row, header, Reason.MISSING_COLUMN, message)


def _resolve(
    grid: Grid, layout: TableLayout, raw_columns: list[str], required: set[str]
) -> tuple[dict[str, int | str], list[Problem]]:
    """Each RAW column -> a header position, or a constant: mapped header, same-name header,
    then `defaults`. A mapped header that is absent is always a problem: the layout is wrong."""
    position = {h: i for i, h in reversed(list(enumerate(grid.headers))) if h}
    sources: dict[str, int | str] = {}
    problems = []
    for raw in raw_columns:
        mapped = layout.columns.get(raw, "").strip()
        if mapped:
            if mapped in position:
                sources[raw] = position[mapped]
            else:
                what = f"header {mapped!r} (mapped to {raw}) not found"
                problems.append(_missing(grid, mapped, what))
        elif raw in position:
            sources[raw] = position[raw]
        elif raw in layout.defaults:
            sources[raw] = layout.defaults[raw]
        elif raw in required:
            what = f"{raw} is required: no header {raw!r}, no mapping and no default"
            problems.append(_missing(grid, raw, what))
        else:
            sources[raw] = ""
    return sources, problems


def _pick(sources: dict[str, int | str], cells: list[str]) -> dict[str, object]:
    return {raw: cells[s] if isinstance(s, int) else s for raw, s in sources.items()}


def long_frame(grid: Grid, sources: dict[str, int | str]) -> pd.DataFrame:
    """The RAW frame, column by column: a header's cells, or a layout constant on every row."""
    if not grid.rows:
        return empty_raw_frame()
    index = pd.RangeIndex(len(grid.rows))
    by_header = list(zip(*(cells for _, cells in grid.rows), strict=True))
    columns = {"row": pd.Series([line for line, _ in grid.rows], index=index, dtype="int64")}
    for raw in RAW_COLUMNS[1:]:
        source = sources.get(raw, "")
        cells = by_header[source] if isinstance(source, int) else source
        columns[raw] = pd.Series(cells, index=index, dtype="str")
    return pd.DataFrame(columns)


def long_rows(grid: Grid, layout: TableLayout) -> RawTable:
    """One observation a row. A row whose value is blank is kept: the normaliser says why."""
    if not grid.headers:
        return RawTable(grid.file, empty_raw_frame(), list(grid.problems))
    columns = [c for c in RAW_COLUMNS if c != "row"]
    sources, problems = _resolve(grid, layout, columns, set(REQUIRED))
    if problems:
        return RawTable(grid.file, empty_raw_frame(), grid.problems + problems)
    return RawTable(grid.file, long_frame(grid, sources), list(grid.problems))


def wide_rows(grid: Grid, layout: TableLayout) -> RawTable:
    """One row per entity; every other unclaimed column is a period or an indicator id.

    A blank cell is "not published" and yields no row; "-" or ".." is kept for the normaliser.
    """
    if not grid.headers:
        return RawTable(grid.file, empty_raw_frame(), list(grid.problems))
    entity = (layout.entity_column or layout.columns.get("entity_as_published", "")).strip()
    if entity not in grid.headers:
        problem = _missing(grid, entity, f"entity column {entity!r} not found")
        return RawTable(grid.file, empty_raw_frame(), grid.problems + [problem])
    by = layout.wide_by
    other = "indicator" if by == "period" else "period"
    columns = [c for c in RAW_COLUMNS if c not in ("row", "entity_as_published", "value", by)]
    sources, problems = _resolve(grid, layout, columns, {other})
    if problems:
        return RawTable(grid.file, empty_raw_frame(), grid.problems + problems)
    entity_at = grid.headers.index(entity)
    claimed = {entity_at, *(s for s in sources.values() if isinstance(s, int))}
    value_columns = [(i, h) for i, h in enumerate(grid.headers) if h and i not in claimed]
    rows = []
    for line, cells in grid.rows:
        fixed = _pick(sources, cells)
        for i, header in value_columns:
            if cells[i].strip():
                rows.append(
                    {
                        **fixed,
                        "row": line,
                        "entity_as_published": cells[entity_at],
                        by: header,
                        "value": cells[i],
                    }
                )
    return RawTable(grid.file, rows_frame(rows), list(grid.problems))


# ---------------------------------------------------------------- entry points


def read_long(path: Path | str, layout: TableLayout) -> RawTable:
    """A delimited file with one observation a row; `row` is the file line (header = line 1)."""
    return long_rows(read_delimited(path, layout.header_row), layout)


def read_wide(path: Path | str, layout: TableLayout) -> RawTable:
    """A delimited file with one row per entity and one column per period or indicator."""
    return wide_rows(read_delimited(path, layout.header_row), layout)


def read_excel(path: Path | str, layout: TableLayout) -> RawTable:
    """`layout.sheet` with headers on `layout.header_row`, then the long or wide rule."""
    grid = read_sheet(path, layout.sheet, layout.header_row)
    return (long_rows if layout.inner_layout == "long" else wide_rows)(grid, layout)
