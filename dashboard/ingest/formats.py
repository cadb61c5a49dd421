"""Readers for the standard downloads users bring: World Bank WDI CSVs and OWID grapher CSVs.

These files announce their own layout, so a source.yaml only has to say `layout: wdi_csv` or
`layout: owid_csv` (plus, if wanted, the indicator id). Values stay text as printed.
"""

from __future__ import annotations

import re
from pathlib import Path

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.raw import RawTable, empty_raw_frame
from dashboard.ingest.tables import (
    Grid,
    csv_records,
    decode_bytes,
    grid_from_records,
    read_text,
    rows_frame,
)

# "2000 [YR2000]" in a DataBank download, "2000" in the API bulk CSV
WDI_YEAR = re.compile(r"^(\d{4})(?:\s*\[YR\d{4}\])?$")
WDI_MISSING = ("", "..")  # DataBank prints "..", the API bulk CSV leaves the cell empty
WDI_ID = ("Country Name", "Country Code")
WDI_SERIES = ("Series Code", "Indicator Code")  # download, API bulk CSV
OWID_TIME = ("Year", "Day")  # daily grapher series use "Day"
PASSED_THROUGH = ("category", "unit", "flags", "source_url", "note")
HEAD_BYTES = 64 * 1024  # what sniffing a layout reads of a file


def _defaults(layout: TableLayout) -> dict[str, str]:
    """The layout's constants for columns these formats do not carry."""
    return {k: v for k, v in layout.defaults.items() if k in PASSED_THROUGH}


def _with_note(defaults: dict[str, str], note: str) -> str:
    return "; ".join(n for n in (defaults.get("note", ""), note) if n)


def _find_header(records: list[tuple[int, list[str]]], first: str, scan: int = 10) -> int | None:
    for index, (_, record) in enumerate(records[:scan]):
        if record and record[0].strip() == first:
            return index
    return None


def _missing(grid: Grid, header: str) -> Problem:
    found = ", ".join(repr(h) for h in grid.headers if h)
    message = f"header {header!r} not found; headers found: {found}"
    return Problem(grid.file, grid.header_row, header, Reason.MISSING_COLUMN, message)


def _code_column(grid: Grid, layout: TableLayout) -> tuple[int | None, list[Problem]]:
    """`columns: {entity: "Country Code"}` opts in to taking codes as `entity`. Off by default:
    aggregate codes (WLD, UMC, OWID_WRL) are not ISO3 and would fail where their names resolve."""
    header = layout.columns.get("entity", "").strip()
    if not header:
        return None, []
    if header not in grid.headers:
        return None, [_missing(grid, header)]
    return grid.headers.index(header), []


def _grid(path: Path | str, first_header: str) -> Grid:
    """The file as a Grid whose header is the first line starting with `first_header`."""
    file = str(path)
    text, problems = read_text(path)
    if text is None:
        return Grid(file, 1, [], [], problems)
    records, problems = csv_records(text, file)
    index = _find_header(records, first_header)
    if index is None:
        message = f"no header line starting with {first_header!r} near the top of the file"
        return Grid(
            file, 1, [], [], problems + [Problem(file, None, "", Reason.NOT_A_TABLE, message)]
        )
    grid = grid_from_records(file, records, index)
    grid.problems = problems + grid.problems
    return grid


def read_wdi_csv(path: Path | str, layout: TableLayout) -> RawTable:
    """A WDI DataBank download or API bulk CSV: one row per country and series, one column a year.

    ".." and empty cells are WDI's "no data" and yield no row. The footer ("Data from database",
    "Last Updated") has no series code and is skipped. Aggregates (World, regions, income groups)
    are kept: deciding what is a country is the normaliser's job. The code goes into `note`
    ("WDI code PHL"), and into `entity` only if `columns.entity` asks for it.
    """
    grid = _grid(path, "Country Name")
    if not grid.headers:
        return RawTable(grid.file, empty_raw_frame(), grid.problems)
    series_header = next((h for h in WDI_SERIES if h in grid.headers), WDI_SERIES[0])
    missing = [_missing(grid, h) for h in (*WDI_ID, series_header) if h not in grid.headers]
    entity_at, bad_entity = _code_column(grid, layout)
    if missing or bad_entity:
        return RawTable(grid.file, empty_raw_frame(), [*grid.problems, *missing, *bad_entity])
    name_at, code_at = (grid.headers.index(h) for h in WDI_ID)
    series_at = grid.headers.index(series_header)
    years = [(i, m.group(1)) for i, h in enumerate(grid.headers) if (m := WDI_YEAR.match(h))]
    defaults = _defaults(layout)
    indicator = layout.defaults.get("indicator", "")
    rows: list[dict[str, object]] = []
    series_seen: set[str] = set()
    for line, cells in grid.rows:
        series = cells[series_at].strip()
        if not series and not cells[code_at].strip():
            continue  # footer line or a blank separator
        series_seen.add(series)
        for i, year in years:
            if cells[i].strip() in WDI_MISSING:
                continue
            rows.append(
                {
                    **defaults,
                    "row": line,
                    "entity_as_published": cells[name_at],
                    "entity": cells[entity_at].strip() if entity_at is not None else "",
                    "indicator": indicator or series,
                    "period": year,
                    "value": cells[i],
                    "note": _with_note(defaults, f"WDI code {cells[code_at].strip()}"),
                }
            )
    problems = list(grid.problems)
    if indicator and len(series_seen) > 1:
        message = (
            f"defaults.indicator {indicator!r} would merge {len(series_seen)} series: "
            f"{', '.join(sorted(series_seen))}; download one series per file"
        )
        problems.append(Problem(grid.file, None, series_header, Reason.BAD_METADATA, message))
    return RawTable(grid.file, rows_frame(rows), problems)


def read_owid_csv(path: Path | str, layout: TableLayout) -> RawTable:
    """An OWID grapher CSV: Entity, Code, Year, then one column per indicator; blanks yield no row.

    With one value column, `defaults.indicator` names it; with several, the header is the
    indicator, unless `columns.value` picks the one column to read (charts add e.g. population).
    """
    grid = _grid(path, "Entity")
    if not grid.headers:
        return RawTable(grid.file, empty_raw_frame(), grid.problems)
    time_header = next((h for h in OWID_TIME if h in grid.headers), OWID_TIME[0])
    missing = [h for h in ("Entity", time_header) if h not in grid.headers]
    chosen = layout.columns.get("value", "").strip()
    if chosen and chosen not in grid.headers:
        missing.append(chosen)
    entity_at, bad_entity = _code_column(grid, layout)
    if missing or bad_entity:
        problems = [*grid.problems, *(_missing(grid, h) for h in missing), *bad_entity]
        return RawTable(grid.file, empty_raw_frame(), problems)
    name_at, time_at = grid.headers.index("Entity"), grid.headers.index(time_header)
    code_at = grid.headers.index("Code") if "Code" in grid.headers else None
    value_columns = [
        (i, h)
        for i, h in enumerate(grid.headers)
        if h and h not in ("Entity", "Code", time_header) and (not chosen or h == chosen)
    ]
    problems = list(grid.problems)
    indicator = layout.defaults.get("indicator", "")
    if indicator and len(value_columns) > 1:
        names = ", ".join(repr(h) for _, h in value_columns)
        message = (
            f"defaults.indicator {indicator!r} names one indicator but the file has "
            f"{len(value_columns)} value columns ({names}); set columns.value to pick one"
        )
        problems.append(Problem(grid.file, grid.header_row, "", Reason.BAD_METADATA, message))
        return RawTable(grid.file, empty_raw_frame(), problems)
    defaults = _defaults(layout)
    rows: list[dict[str, object]] = []
    for line, cells in grid.rows:
        code = cells[code_at].strip() if code_at is not None else ""
        for i, header in value_columns:
            if not cells[i].strip():
                continue
            rows.append(
                {
                    **defaults,
                    "row": line,
                    "entity_as_published": cells[name_at],
                    "entity": cells[entity_at].strip() if entity_at is not None else "",
                    "indicator": indicator or header,
                    "period": cells[time_at],
                    "value": cells[i],
                    "note": _with_note(defaults, f"OWID code {code}" if code else ""),
                }
            )
    return RawTable(grid.file, rows_frame(rows), problems)


def head_text(path: Path | str, whole_lines: bool = True) -> str:
    """The file's first 64 KB as text, cut at the last whole line unless `whole_lines` is
    False (a JSON file may be one long line); '' if it cannot be read."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(HEAD_BYTES)
    except OSError:
        return ""
    if whole_lines and len(head) == HEAD_BYTES and b"\n" in head:
        head = head[: head.rfind(b"\n") + 1]  # whole lines only
    return decode_bytes(head)


def _first_records(path: Path | str, count: int = 6) -> list[list[str]]:
    """The first records of the file, read from its first 64 KB only."""
    text = head_text(path)
    if not text:
        return []
    records, _ = csv_records("\n".join(text.splitlines()[:20]), str(path))
    return [[cell.strip() for cell in record] for _, record in records[:count]]


def sniff_layout(path: Path | str) -> str | None:
    """'wdi_csv' (DataBank download or API bulk CSV), 'owid_csv', or None if neither.

    Judged by the first lines, whatever the file is called."""
    records = _first_records(path)
    if not records:
        return None
    first = records[0]
    if first[:4] == ["Country Name", "Country Code", "Series Name", "Series Code"]:
        return "wdi_csv"
    if first[:2] == ["Data Source", "World Development Indicators"] or any(
        r[:4] == ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
        for r in records
    ):
        return "wdi_csv"
    if first[:2] == ["Entity", "Code"] and len(first) > 3 and first[2] in OWID_TIME:
        return "owid_csv"
    return None
