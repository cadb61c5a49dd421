"""Declarative readers for delimited text and Excel tables described by a source.yaml layout.

A new table should need a few lines of layout, not code: `read_long` and `read_wide` turn any
header-plus-rows grid into RAW rows, and the CSV and Excel front ends only produce that grid. Cells
stay text as printed ("1,234", "12%", "NA", "-"); `dashboard.ingest.normalise` parses them, so
every rule about bad values lives there. Problems are collected and returned, never raised.

Speed: a plain delimited file (the usual case, and the only one that gets big) is parsed by
pyarrow, column-wise, after a few whole-file checks that prove pyarrow reads it exactly as the
careful csv-module reader would; anything unusual (blank lines, quoted line breaks, a ragged or
unclosed row, spaces after a delimiter, ...) goes through the careful reader, so its messages and
line numbers are the ones people already know.
"""

from __future__ import annotations

import csv
import io
import mmap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.raw import RAW_COLUMNS, RawTable, empty_raw_frame, raw_frame
from dashboard.ingest.text_columns import constant_text, text_chunks

REQUIRED = ("entity_as_published", "indicator", "period", "value")
DELIMITERS = (",", ";", "\t", "|")


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
    text = _decode(data)
    if not text.strip():
        return None, [Problem(file, None, "", Reason.EMPTY_FILE, "the file is empty")]
    return text, []


def _decode(data: bytes) -> str:
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
    reader = csv.reader(stream, delimiter=delimiter, strict=True, skipinitialspace=True)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for record in reader:
            if record and any(cell.strip() for cell in record):
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
    for line, record in records[header_index + 1 :]:
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            fields = max(i for i, cell in enumerate(record) if cell.strip()) + 1
            message = f"{unit} {line} has {fields} fields, the header has {width}"
            grid.problems.append(Problem(file, line, "", Reason.MALFORMED, message))
            continue
        grid.rows.append((line, (record + [""] * width)[:width]))
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


# ---------------------------------------------------------------- large files, column-wise

QUOTE, LF, CR, SPACE = ord('"'), ord("\n"), ord("\r"), ord(" ")
FIELD_LIMIT = csv.field_size_limit()  # the careful reader refuses longer cells
# a cell may be blank (str.strip() leaves nothing) only if it is empty or its first byte is
# an ASCII space or control character, or starts a non-ASCII character str.isspace() accepts
MAY_BE_SPACE = np.zeros(256, dtype=bool)
MAY_BE_SPACE[[*range(0x21), 0xC2, 0xE1, 0xE2, 0xE3]] = True


@dataclass
class Columns:
    """A Grid held column-wise: the file line of each data row and one text array per header."""

    file: str
    header_row: int
    headers: list[str]
    lines: np.ndarray
    cells: list[pa.ChunkedArray]
    problems: list[Problem] = field(default_factory=list)


def read_columns(path: Path | str, header_row: int = 1) -> Columns | None:
    """A plain delimited file parsed by pyarrow, or None: then `read_delimited` reads it.

    "Plain" is what the careful reader would read the same way, line for line: the header on line 1
    with no blank trailing cell; every record on one line, no blank line, line ends all LF or all
    CRLF; quotes only around whole cells (doubled inside them); no cell starting with a space (the
    careful reader skips it) or longer than csv's field limit; one cell per header in every row.
    Bytes that are not UTF-8 are decoded as `read_text` decodes them, then parsed the same way.
    Anything else (blank lines, quoted line breaks, ragged rows, ...) is rare, and small.
    """
    if header_row != 1:
        return None
    try:
        with open(path, "rb") as handle:  # the page cache as the buffer: no copy
            data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # an empty file cannot be mapped
        return None
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _parse_plain(str(path), _decode(data[:]).encode())
    bom = 3 if data[:3] == b"\xef\xbb\xbf" else 0
    try:
        return _parse_plain(str(path), memoryview(data)[bom:], data.find(b"\r") >= 0)
    except UnicodeDecodeError:
        return _parse_plain(str(path), _decode(data[:]).encode())


def _parse_plain(file: str, body: bytes | memoryview, has_cr: bool | None = None) -> Columns | None:
    """Raises UnicodeDecodeError when `body` is not UTF-8 (the caller decodes and retries)."""
    raw = np.frombuffer(body, dtype=np.uint8)
    if has_cr is None:
        has_cr = b"\r" in body
    if raw.size == 0:
        return None
    start = raw[:65536]
    breaks = np.flatnonzero((start == LF) | (start == CR))
    end = int(breaks[0]) if breaks.size else raw.size  # the header line's end
    if end > start.size:
        return None  # a header longer than 64 KiB is not plain
    header_text = bytes(raw[:end]).decode("utf-8")  # not UTF-8: decode it all and retry
    delimiter = _pick_delimiter(file, header_text)
    try:
        header = next(
            csv.reader([header_text], delimiter=delimiter, strict=True, skipinitialspace=True)
        )
    except (csv.Error, StopIteration):
        return None
    if not header or not header[-1].strip():
        return None  # a blank last header cell (or none at all) is for the careful reader
    names = [f"c{i}" for i in range(len(header))]
    with ThreadPoolExecutor(1) as pool:  # pyarrow parses while numpy checks the bytes
        parsed = pool.submit(_arrow_csv, body, names, delimiter)
        scan = ByteScan.of(raw, has_cr)
        quotes = _plain_quotes(raw, scan, delimiter, end)
        try:
            table = parsed.result()
        except pa.ArrowException as exc:
            if quotes is not None and isinstance(exc, pa.ArrowInvalid) and "UTF8" in str(exc):
                raise UnicodeDecodeError("utf-8", b"", 0, 1, str(exc)) from exc
            return None  # a ragged row, say: the careful reader names its line
    if quotes is None:
        return None
    cells = [table.column(name) for name in names]
    shapes = [CellShape.of(column, blanks=i == 0) for i, column in enumerate(cells)]
    if any(shape.longest > FIELD_LIMIT for shape in shapes):
        return None
    if any(shape.leading_space for shape in shapes):
        return None  # the careful reader skips a space after a delimiter
    # Every byte is a cell's, a delimiter, a quote or a line end. With quotes only around whole
    # cells and no line break inside them, the line ends counted this way are one per record
    # (plus the header's) exactly when there is no blank line, which pyarrow would skip.
    rows, width = table.num_rows, len(names)
    text = sum(shape.total for shape in shapes)
    line_ends = raw.size - end - text - rows * (width - 1) - quotes
    crlf = scan.crs.size
    if line_ends - crlf != rows + (raw[-1] == LF):
        return None  # a blank line: line numbers need the careful reader
    # and when every line break in the file is one of those, none is inside a quoted cell
    if scan.line_feeds != line_ends - crlf:
        return None
    keep = _not_blank_rows(cells, shapes[0].maybe_blank)
    numbers = np.arange(2, rows + 2, dtype=np.int64)
    if not keep.all():  # rows of blank cells are dropped, as the careful reader drops them
        numbers, cells = numbers[keep], [c.filter(pa.array(keep)) for c in cells]
    return Columns(file, 1, [h.strip() for h in header], numbers, cells)


def _arrow_csv(body: bytes | memoryview, names: list[str], delimiter: str) -> pa.Table:
    """Every cell as text, as printed: no null values, no type guessing."""
    return pacsv.read_csv(
        pa.BufferReader(pa.py_buffer(body)),
        read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, double_quote=True, escape_char=False, ignore_empty_lines=True
        ),
        convert_options=pacsv.ConvertOptions(
            column_types=dict.fromkeys(names, pa.large_string()),
            null_values=[],
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


@dataclass
class ByteScan:
    """Where the quotes and carriage returns are in a file, and how many line feeds it has."""

    quotes: np.ndarray
    crs: np.ndarray
    line_feeds: int

    BLOCK = 1 << 18  # bytes compared at a time: the masks stay in the cache, not in fresh memory

    @classmethod
    def of(cls, raw: np.ndarray, has_cr: bool) -> ByteScan:
        mask = np.empty(min(raw.size, cls.BLOCK), dtype=bool)
        quotes, crs, line_feeds = [np.zeros(0, np.intp)], [np.zeros(0, np.intp)], 0
        for start in range(0, raw.size, cls.BLOCK):
            block = raw[start : start + cls.BLOCK]
            found = mask[: block.size]
            quotes.append(np.flatnonzero(np.equal(block, QUOTE, out=found)) + start)
            line_feeds += int(np.count_nonzero(np.equal(block, LF, out=found)))
            if has_cr:
                crs.append(np.flatnonzero(np.equal(block, CR, out=found)) + start)
        return cls(np.concatenate(quotes), np.concatenate(crs), line_feeds)


def _plain_quotes(raw: np.ndarray, scan: ByteScan, delimiter: str, rows_from: int) -> int | None:
    """Quotes that both readers read alike: line ends all LF or all CRLF, and quotes only around
    whole cells, doubled inside them (the caller finds a line break inside one). Returns how many
    quote bytes after `rows_from` are not in a cell's text (a doubled "" leaves one); else None."""
    crs, quotes = scan.crs, scan.quotes
    if crs.size and (crs[-1] + 1 >= raw.size or not (raw[crs + 1] == LF).all()):
        return None
    if quotes.size % 2:
        return None
    # taken in pairs, each pair holds a stretch of a quoted cell; a pair that ends right where
    # the next begins is a doubled quote, and the cell goes on
    opens, closes = quotes[0::2], quotes[1::2]
    doubled = np.zeros(opens.size, dtype=bool)  # this pair's close and the next pair's open
    doubled[:-1] = closes[:-1] + 1 == opens[1:]
    goes_on = np.roll(doubled, 1)  # this pair's open is the second quote of a doubled one
    cell_edge = np.zeros(256, dtype=bool)  # what may come before a cell, or after one
    cell_edge[[ord(delimiter), LF]] = True
    opens_cell = goes_on | cell_edge[raw.take(opens - 1, mode="clip")] | (opens == 0)
    cell_edge[CR] = True
    ends = cell_edge[raw.take(closes + 1, mode="clip")] | (closes == raw.size - 1)
    if not (opens_cell.all() and (doubled | ends).all()):
        return None
    return int(
        np.count_nonzero(quotes >= rows_from) - np.count_nonzero(doubled[opens >= rows_from])
    )


def _not_blank_rows(cells: list[pa.ChunkedArray], maybe_blank: np.ndarray) -> np.ndarray:
    """False for the rows whose cells are all blank; only the rows in `maybe_blank` (by their
    first cell) are looked at, in Python."""
    keep = np.ones(len(cells[0]), dtype=bool)
    for i in maybe_blank.tolist():
        keep[i] = any(column[i].as_py().strip() for column in cells)
    return keep


@dataclass
class CellShape:
    """A text column's cells in bytes: the longest, all together, whether one starts with a
    space, and (if asked for) the rows whose cell may be blank by its first byte."""

    longest: int
    total: int
    leading_space: bool
    maybe_blank: np.ndarray | None = None

    @classmethod
    def of(cls, column: pa.ChunkedArray, blanks: bool = False) -> CellShape:
        longest, total, leading_space, maybe_blank, row = 0, 0, False, [], 0
        for ends, text in text_chunks(column):
            lengths = np.diff(ends)
            # an empty cell's `first` is the next cell's first byte: `lengths` tells them apart
            first = text.take(ends[:-1], mode="clip") if text.size else np.zeros_like(lengths)
            longest = max(longest, int(lengths.max(initial=0)))
            total += int(ends[-1] - ends[0])
            leading_space = leading_space or bool(((first == SPACE) & (lengths > 0)).any())
            if blanks:
                maybe = (lengths == 0) | MAY_BE_SPACE[first]
                maybe_blank.append(np.flatnonzero(maybe) + row)
            row += lengths.size
        blank_rows = np.concatenate([np.zeros(0, np.intp), *maybe_blank]) if blanks else None
        return cls(longest, total, leading_space, blank_rows)


def grid_of(columns: Columns) -> Grid:
    """Columns back as a Grid, for the wide rule (wide tables are small)."""
    values = [column.to_pylist() for column in columns.cells]
    lines = columns.lines.tolist()
    rows = [
        (line, list(cells)) for line, cells in zip(lines, zip(*values, strict=True), strict=True)
    ]
    return Grid(columns.file, columns.header_row, columns.headers, rows, list(columns.problems))


def columns_of(grid: Grid) -> Columns:
    """A Grid column-wise, so that every reader builds its frame the same way."""
    width = len(grid.headers)
    cells = [
        pa.chunked_array([pa.array([cells[i] for _, cells in grid.rows], pa.large_string())])
        for i in range(width)
    ]
    lines = np.array([line for line, _ in grid.rows], dtype=np.int64)
    return Columns(grid.file, grid.header_row, grid.headers, lines, cells, list(grid.problems))


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
    """One sheet as a Grid, rows numbered as Excel numbers them; cached formula results are used."""
    from openpyxl import load_workbook  # only Excel sources pay for the import

    file = str(path)
    try:
        workbook = load_workbook(path, read_only=False, data_only=True)
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
        records = [
            (cells[0].row, [excel_cell_text(c.value, c.number_format) for c in cells])
            for cells in workbook[name].iter_rows(min_row=header_row)
            if any(c.value is not None and str(c.value).strip() for c in cells)
        ]
    finally:
        workbook.close()
    if not records or records[0][0] != header_row:
        message = f"sheet {name!r} has no header on row {header_row}"
        return Grid(
            file, header_row, [], [], [Problem(file, header_row, "", Reason.EMPTY_FILE, message)]
        )
    return grid_from_records(file, records, unit="row")


# ---------------------------------------------------------------- layout rules


def rows_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """raw_frame with every text column present in every row: a column absent from all rows would
    come back float and warn; no rows at all gives the typed empty frame."""
    if not rows:
        return empty_raw_frame()
    blank = {column: "" for column in RAW_COLUMNS if column != "row"}
    return raw_frame([blank | row for row in rows])


def _missing(grid: Grid | Columns, header: str, what: str) -> Problem:
    found = ", ".join(repr(h) for h in grid.headers if h) or "none"
    message = f"{what}; headers found: {found}"
    return Problem(grid.file, grid.header_row, header, Reason.MISSING_COLUMN, message)


def _resolve(
    grid: Grid | Columns, layout: TableLayout, raw_columns: list[str], required: set[str]
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


def columns_frame(
    lines: np.ndarray, sources: dict[str, int | str], cells: list[pa.ChunkedArray]
) -> pd.DataFrame:
    """The RAW frame from whole columns: a header's cells, or a layout constant on every row."""
    if not len(lines):
        return empty_raw_frame()
    columns: dict[str, object] = {"row": pa.array(lines, pa.int64())}
    constants: dict[str, pa.Array] = {}  # arrow arrays are immutable: one per value will do
    for raw in RAW_COLUMNS[1:]:
        source = sources.get(raw, "")
        if isinstance(source, int):
            columns[raw] = cells[source]
        else:
            if source not in constants:
                constants[source] = constant_text(source, len(lines))
            columns[raw] = constants[source]
    return pa.table(columns).to_pandas()


def long_rows(grid: Grid | Columns, layout: TableLayout) -> RawTable:
    """One observation a row. A row whose value is blank is kept: the normaliser says why."""
    if not grid.headers:
        return RawTable(grid.file, empty_raw_frame(), list(grid.problems))
    columns = [c for c in RAW_COLUMNS if c != "row"]
    sources, problems = _resolve(grid, layout, columns, set(REQUIRED))
    if problems:
        return RawTable(grid.file, empty_raw_frame(), grid.problems + problems)
    table = grid if isinstance(grid, Columns) else columns_of(grid)
    frame = columns_frame(table.lines, sources, table.cells)
    return RawTable(grid.file, frame, list(grid.problems))


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
    columns = read_columns(path, layout.header_row)
    return long_rows(columns or read_delimited(path, layout.header_row), layout)


def read_wide(path: Path | str, layout: TableLayout) -> RawTable:
    """A delimited file with one row per entity and one column per period or indicator."""
    columns = read_columns(path, layout.header_row)
    grid = grid_of(columns) if columns else read_delimited(path, layout.header_row)
    return wide_rows(grid, layout)


def read_excel(path: Path | str, layout: TableLayout) -> RawTable:
    """`layout.sheet` with headers on `layout.header_row`, then the long or wide rule."""
    grid = read_sheet(path, layout.sheet, layout.header_row)
    return (long_rows if layout.inner_layout == "long" else wide_rows)(grid, layout)
