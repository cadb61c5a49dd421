"""An .xlsx is measured as a zip before openpyxl parses it: a zip bomb and a cell beyond Excel's
last row are refused in seconds and little memory. The hostile files are made here."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Reason
from dashboard.ingest.tables import read_excel
from dashboard.ingest.workbook_limits import check_workbook, column_number
from tests.conftest import REPO

SHEET = "xl/worksheets/sheet1.xml"
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)
LAYOUT = TableLayout(
    file="t.xlsx",
    layout="excel",
    defaults={"indicator": "cybertipline_reports"},
    columns={"entity_as_published": "Country", "period": "Year", "value": "Reports"},
)


def workbook_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Country", "Year", "Reports"])
    workbook.active.append(["Ghana", 2022, 5])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def with_sheet(path: Path, write_sheet, level: int = 6) -> Path:
    """A real openpyxl workbook whose first sheet's XML is written by `write_sheet(stream)`."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
        for info in source.infolist():
            if info.filename != SHEET:
                out.writestr(info.filename, source.read(info))
                continue
            member = zipfile.ZipInfo(SHEET)
            member.compress_type = zipfile.ZIP_DEFLATED
            member._compresslevel = level  # zipfile reads the level from here for open("w")
            with out.open(member, "w", force_zip64=True) as stream:
                write_sheet(stream)
    return path


def zip_bomb(path: Path, megabytes: int = 500) -> Path:
    """A sheet of `megabytes` MB, nearly all spaces between two tags: ~2 MB compressed."""

    def sheet(stream) -> None:
        stream.write(HEAD + b"<sheetData>")
        block = b" " * 1_000_000
        for _ in range(megabytes):
            stream.write(block)
        stream.write(b"</sheetData></worksheet>")

    return with_sheet(path, sheet, level=1)


def row_overflow(path: Path, dimension: bool = True, cell: str = "A2000000") -> Path:
    """A few KB: a header and one cell on row 2,000,000 (Excel's last row is 1,048,576)."""
    row = "".join(c for c in cell if c.isdigit())
    declared = f'<dimension ref="A1:{cell}"/>'.encode() if dimension else b""

    def sheet(stream) -> None:
        stream.write(HEAD + declared + b"<sheetData>")
        stream.write(b'<row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c></row>')
        stream.write(f'<row r="{row}"><c r="{cell}"><v>1</v></c></row>'.encode())
        stream.write(b"</sheetData></worksheet>")

    return with_sheet(path, sheet)


CHECK_UNDER_LIMITS = """
import json, resource, sys, time
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1_000_000_000, 1_000_000_000))
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.tables import read_excel
layout = TableLayout(file="t.xlsx", layout="excel", defaults={"indicator": "x"},
    columns={"entity_as_published": "Country", "period": "Year", "value": "Reports"})
started = time.perf_counter()
table = read_excel(Path(sys.argv[1]), layout)
print(json.dumps({"seconds": time.perf_counter() - started,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "reasons": [p.reason.value for p in table.problems],
    "messages": [p.message for p in table.problems]}))
"""


def refused_under_limits(path: Path) -> dict:
    """read_excel in a child limited to 1 GB of address space and 10 s of CPU; killed at 20 s."""
    done = subprocess.run(
        ["prlimit", "--cpu=10", sys.executable, "-c", CHECK_UNDER_LIMITS, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_a_zip_bomb_is_refused_within_10_s_and_1_gb(tmp_path) -> None:
    bomb = zip_bomb(tmp_path / "bomb.xlsx")
    assert bomb.stat().st_size < 3_000_000  # 500 MB inside

    result = refused_under_limits(bomb)

    assert result["reasons"] == ["workbook_too_large"]
    assert result["messages"] == [
        "the workbook would unpack to 500.0 MB; at most 100 MB is read (twice OCSE_UPLOAD_LIMIT_MB)"
    ]
    assert result["seconds"] < 10 and result["peak_mb"] < 1000


@pytest.mark.parametrize("dimension", [True, False])
def test_a_cell_on_row_2_000_000_is_refused_within_10_s_and_1_gb(tmp_path, dimension) -> None:
    overflow = row_overflow(tmp_path / "overflow.xlsx", dimension)
    assert overflow.stat().st_size < 10_000

    result = refused_under_limits(overflow)

    how = "declares" if dimension else "has a cell on"
    assert result["reasons"] == ["too_many_rows"]
    assert result["messages"] == [
        f"sheet '{SHEET}' {how} row 2,000,000; an Excel sheet ends at row 1,048,576: the "
        "workbook is damaged or was not made by a spreadsheet program"
    ]
    assert result["seconds"] < 10 and result["peak_mb"] < 1000


def test_a_member_compressed_more_than_100_to_1_is_a_zip_bomb(tmp_path) -> None:
    bomb = zip_bomb(tmp_path / "small-bomb.xlsx", megabytes=20)  # under 100 MB unpacked
    [problem] = check_workbook(bomb)
    assert problem.reason is Reason.WORKBOOK_TOO_LARGE
    assert problem.message.startswith(f"'{SHEET}' in the workbook is compressed ")
    assert "more than 100 to 1: a zip bomb, not a table" in problem.message


def test_the_unpacked_limit_follows_the_upload_limit(tmp_path, monkeypatch) -> None:
    bomb = zip_bomb(tmp_path / "bomb.xlsx", megabytes=3)
    monkeypatch.setenv("OCSE_UPLOAD_LIMIT_MB", "1")
    [problem] = check_workbook(bomb)
    assert problem.message.startswith("the workbook would unpack to 3.0 MB; at most 2 MB")


def test_too_many_members(tmp_path) -> None:
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(1_001):
            archive.writestr(f"xl/media/{number}.xml", b"")
    [problem] = check_workbook(path)
    assert problem.message == "the workbook holds 1,001 files; a workbook has at most 1,000"


def test_a_column_beyond_xfd_is_refused(tmp_path) -> None:
    wide = row_overflow(tmp_path / "wide.xlsx", dimension=False, cell="XFE2")
    [problem] = check_workbook(wide)
    assert problem.reason is Reason.TOO_MANY_ROWS
    assert "has a cell on column 16,385; an Excel sheet ends at column 16,384" in problem.message
    assert column_number("XFD") == 16_384 and column_number("a") == 1


def test_an_ordinary_workbook_passes_and_is_read(tmp_path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(workbook_bytes())
    assert check_workbook(path) == []
    table = read_excel(path, LAYOUT)
    assert table.problems == []
    assert table.frame[["row", "entity_as_published", "value"]].values.tolist() == [
        [2, "Ghana", "5"]
    ]


def test_a_wrong_dimension_does_not_hide_rows(tmp_path) -> None:
    """Read-only openpyxl trusts <dimension>; the reader resets it, so row 3 is still read."""

    def sheet(stream) -> None:
        stream.write(HEAD + b'<dimension ref="A1:C1"/><sheetData>')
        for number, cells in enumerate(
            [("Country", "Year", "Reports"), ("Ghana", "2022", "5"), ("Kenya", "2022", "7")], 1
        ):
            row = "".join(
                f'<c r="{col}{number}" t="inlineStr"><is><t>{text}</t></is></c>'
                for col, text in zip("ABC", cells, strict=True)
            )
            stream.write(f'<row r="{number}">{row}</row>'.encode())
        stream.write(b"</sheetData></worksheet>")

    table = read_excel(with_sheet(tmp_path / "t.xlsx", sheet), LAYOUT)
    assert table.frame["entity_as_published"].tolist() == ["Ghana", "Kenya"]
