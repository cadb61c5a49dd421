"""XLSX exports: Data and Citation sheets; text that would run as a formula is neutralised."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.exports.xlsx import xlsx_with_citation


def test_formula_cells_are_neutralised():
    frame = pd.DataFrame(
        {
            "entity": ["PHL", "GHA", "KHM", "THA"],
            "value": [2740905, -3.5, 10, 0],
            "note": ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd"],
        }
    )
    book = openpyxl.load_workbook(io.BytesIO(xlsx_with_citation(frame, ["=HYPERLINK(x)", "ok"])))
    assert book.sheetnames == ["Data", "Citation"]
    data = book["Data"]
    assert [c.value for c in data[1]] == ["entity", "value", "note"]
    notes = [data.cell(row=r, column=3) for r in range(2, 6)]
    assert [c.value for c in notes] == ["'=1+1", "'+SUM(A1:A2)", "'-2+3", "'@cmd"]
    assert all(c.data_type == "s" for c in notes)
    assert data.cell(row=2, column=2).value == 2740905
    assert data.cell(row=3, column=2).value == -3.5  # numbers stay numbers
    citation = [r[0].value for r in book["Citation"].iter_rows()]
    assert citation == ["'=HYPERLINK(x)", "ok"]
    for sheet in book:
        assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)


def test_cli_export_xlsx(shipped_store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    target = tmp_path / "phl.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--entity",
            "PHL",
            "--indicator",
            "cybertipline_reports",
            "--format",
            "xlsx",
            "--out",
            str(target),
        ],
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    rows = list(book["Data"].values)
    header, body = rows[0], rows[1:]
    assert {"source_url", "flags", "citation"} <= set(header)
    by_year = {r[header.index("year")]: r[header.index("value")] for r in body}
    assert by_year[2023] == 2740905
    lines = [r[0] for r in book["Citation"].values]
    assert "content hash" in lines[1]
    assert any(line and line.startswith("[ncmec-bycountry-2023]") for line in lines)


def test_cli_export_xlsx_needs_out(shipped_store_path, monkeypatch):
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    result = CliRunner().invoke(app, ["export", "--format", "xlsx"])
    assert result.exit_code == 2
