"""One entry point for every layout: the reader a layout names, or a guess from the file."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Reason
from dashboard.ingest.readers import guess_layout, read


def test_a_missing_file_is_one_missing_file_problem(tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"
    table = read(path, TableLayout(file="absent.csv", layout="long"))

    assert [(p.file, p.reason, p.message) for p in table.problems] == [
        (str(path), Reason.MISSING_FILE, "file not found")
    ]
    assert table.frame.empty


def test_guess_layout_from_the_content_not_the_name(tmp_path: Path) -> None:
    owid = tmp_path / "share.pdf"  # named .pdf, but an OWID download
    owid.write_text("Entity,Code,Year,Share\nKenya,KEN,2022,40.8\n", encoding="utf-8")
    plain = tmp_path / "plain.csv"
    plain.write_text("Country,Year,Reports\nKenya,2022,1\n", encoding="utf-8")
    report = tmp_path / "report.csv"  # named .csv, but a PDF
    report.write_bytes(b"%PDF-1.4\n%%EOF\n")
    workbook = tmp_path / "table.xlsx"
    Workbook().save(workbook)

    assert guess_layout(report).layout == "ncmec_by_country_pdf"
    assert guess_layout(owid).layout == "owid_csv"
    assert guess_layout(plain) is None  # a long table needs a source.yaml to say its columns
    assert guess_layout(workbook) is None
