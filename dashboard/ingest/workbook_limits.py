"""An .xlsx measured as the zip archive it is, before openpyxl parses it.

A 1.6 KB workbook can name a cell on row 2,000,000, and a 500 KB one can unpack to 500 MB: both
are refused here, reading the archive's directory and streaming each sheet's XML in bounded
chunks, so the check takes seconds and little memory whatever the file claims.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from dashboard import settings
from dashboard.ingest.problems import Problem, Reason

MB = 1_000_000
MAX_MEMBERS = 1_000  # a workbook of a few sheets has a dozen or two
MAX_RATIO = 100  # text XML compresses 5 to 20 times; a zip bomb thousands of times
RATIO_CHECKED_ABOVE = 1 * MB  # small members (styles, themes) may compress very well
EXCEL_ROWS = 1_048_576
EXCEL_COLUMNS = 16_384  # XFD
CHUNK = 1 << 20

DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([^"]*)"')
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>/]")
ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
WIDE_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Za-z]{3,})\d+"')  # column XAA or later
REFERENCE = re.compile(r"([A-Za-z]*)(\d*)$")


def unpacked_limit() -> int:
    """A workbook may unpack to twice the upload limit (100 MB by default)."""
    return int(2 * settings.get("upload_limit_mb") * MB)


def column_number(letters: str) -> int:
    """'A' -> 1, 'XFD' -> 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _too_large(file: str, message: str) -> Problem:
    return Problem(file, None, "", Reason.WORKBOOK_TOO_LARGE, message)


def _archive_problems(file: str, infos: list[zipfile.ZipInfo]) -> list[Problem]:
    if len(infos) > MAX_MEMBERS:
        message = f"the workbook holds {len(infos):,} files; a workbook has at most {MAX_MEMBERS:,}"
        return [_too_large(file, message)]
    limit = unpacked_limit()
    total = sum(info.file_size for info in infos)
    if total > limit:
        message = (
            f"the workbook would unpack to {total / MB:,.1f} MB; at most {limit / MB:,.0f} MB "
            "is read (twice OCSE_UPLOAD_LIMIT_MB)"
        )
        return [_too_large(file, message)]
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_CHECKED_ABOVE and ratio > MAX_RATIO:
            message = (
                f"{info.filename!r} in the workbook is compressed {ratio:,.0f} to 1 "
                f"({info.file_size / MB:,.1f} MB from {info.compress_size / 1000:,.1f} KB), "
                f"more than {MAX_RATIO} to 1: a zip bomb, not a table"
            )
            return [_too_large(file, message)]
    return []


def _beyond_excel(file: str, sheet: str, row: int, column: int, how: str) -> list[Problem]:
    problems = []
    if row > EXCEL_ROWS:
        message = (
            f"sheet {sheet!r} {how} row {row:,}; an Excel sheet ends at row {EXCEL_ROWS:,}: "
            "the workbook is damaged or was not made by a spreadsheet program"
        )
        problems.append(Problem(file, None, "", Reason.TOO_MANY_ROWS, message))
    if column > EXCEL_COLUMNS:
        message = (
            f"sheet {sheet!r} {how} column {column:,}; an Excel sheet ends at column "
            f"{EXCEL_COLUMNS:,} (XFD)"
        )
        problems.append(Problem(file, None, "", Reason.TOO_MANY_ROWS, message))
    return problems


def _dimension(head: bytes) -> tuple[int, int]:
    """The last row and column of `<dimension ref="A1:C2000000"/>`, or (0, 0) if absent."""
    match = DIMENSION.search(head)
    if not match:
        return 0, 0
    last = REFERENCE.match(match.group(1).decode("ascii", "replace").split(":")[-1])
    if not last:
        return 0, 0
    letters, digits = last.groups()
    return (int(digits) if digits else 0), (column_number(letters) if letters else 0)


def sheet_extent(stream) -> tuple[tuple[int, int], tuple[int, int]]:
    """((rows, columns) the sheet declares, (rows, columns) its cells reach), reading the XML
    a chunk at a time. A row without a number is counted as one more after the largest."""
    declared = (0, 0)
    highest_row = unnumbered = columns = 0
    carry, first = b"", True
    while chunk := stream.read(CHUNK):
        buffer = carry + chunk
        cut = buffer.rfind(b"<")  # a tag cut by the chunk's end is read with the next chunk
        done, carry = (buffer[:cut], buffer[cut:]) if cut > 0 else (buffer, b"")
        if first:
            declared, first = _dimension(done), False
        numbered = 0
        for match in ROW_NUMBER.finditer(done):
            numbered += 1
            highest_row = max(highest_row, int(match.group(1)))
        unnumbered += len(ROW_TAG.findall(done)) - numbered
        for match in WIDE_CELL.finditer(done):
            columns = max(columns, column_number(match.group(1).decode("ascii")))
    return declared, (highest_row + max(unnumbered, 0), columns)


def check_workbook(path: Path) -> list[Problem]:
    """Refuse a workbook that would unpack too large, is a zip bomb, has too many members, or
    has a sheet beyond Excel's rows or columns; before openpyxl reads a byte of it."""
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            problems = _archive_problems(file, infos)
            if problems:
                return problems
            for info in infos:
                name = info.filename
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with archive.open(info) as stream:
                    (rows, columns), (reached, wide) = sheet_extent(stream)
                problems += _beyond_excel(file, name, rows, columns, "declares") or (
                    _beyond_excel(file, name, reached, wide, "has a cell on")
                )
            return problems
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,  # an encrypted member
        NotImplementedError,  # a compression method zipfile does not read
    ) as exc:
        message = f"not a readable workbook (an .xlsx is a zip archive): {exc}"
        return [Problem(file, None, "", Reason.UNREADABLE, message)]
