"""`ocse export`: formula cells in data and metadata are neutralised cell by cell in every CSV and
XLSX it writes; filters and targets it cannot use are named, not exported as an empty file."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.exports.csv import FORMULA_START, csv_with_citation

FORMULAS = ['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


@pytest.fixture
def forged(shipped_store, monkeypatch):
    """The shipped store with formulas in the Philippines' rows and in their source's title."""
    observations = shipped_store.observations.copy()
    philippines = observations["entity"] == "PHL"
    for column, formula in zip(["entity_as_published", "note"], FORMULAS, strict=False):
        observations[column] = observations[column].astype(object)
        observations.loc[philippines, column] = formula
    sources = shipped_store.sources.copy()
    cited = set(observations.loc[philippines, "source_id"])
    sources.loc[sources["id"].isin(cited), "title"] = FORMULAS[2]
    sources.loc[sources["id"].isin(cited), "citation"] = FORMULAS[3]
    store = replace(shipped_store, observations=observations, sources=sources)
    monkeypatch.setattr("dashboard.cli.data.open_store", lambda: store)
    return store


def unsafe(cells) -> list[str]:
    return [c for c in cells if isinstance(c, str) and c.startswith(FORMULA_START)]


def export(*args: str):
    result = CliRunner().invoke(app, ["export", "--entity", "PHL", *args])
    assert result.exit_code == 0, result.output
    return result


def test_csv_to_standard_output_and_to_a_file(forged, tmp_path):
    rows = list(csv.reader(io.StringIO(export().stdout)))
    assert len(rows) > 10 and unsafe(c for row in rows for c in row) == []
    assert "'" + FORMULAS[0] in rows[1]
    export("--out", str(tmp_path / "rows.csv"))
    with (tmp_path / "rows.csv").open(newline="") as handle:
        assert unsafe(c for row in csv.reader(handle) for c in row) == []


def test_xlsx_data_and_citation_sheets(forged, tmp_path):
    export("--format", "xlsx", "--out", str(tmp_path / "rows.xlsx"))
    book = openpyxl.load_workbook(tmp_path / "rows.xlsx")
    for sheet in book.worksheets:
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert unsafe(c.value for c in cells) == [], sheet.title
        assert all(c.data_type != "f" for c in cells), sheet.title


def test_data_package_csvs(forged, tmp_path):
    export("--format", "datapackage", "--out", str(tmp_path / "package"))
    for name in ("observations.csv", "sources.csv"):
        with (tmp_path / "package" / name).open(newline="") as handle:
            assert unsafe(c for row in csv.reader(handle) for c in row) == [], name
    json.loads((tmp_path / "package" / "datapackage.json").read_text())


def test_a_line_break_in_a_header_line_cannot_start_a_line():
    frame = pd.DataFrame({"entity": ["=1+1"], "value": [5]})
    text = csv_with_citation(frame, ["Source: a title\n=1+1", "caveat\r\n@SUM(1)\u2028+2"])
    lines = text.splitlines()
    assert lines[:2] == ["# Source: a title =1+1", "# caveat @SUM(1) +2"]
    assert all(line.startswith("# ") for line in lines[:2]) and len(lines) == 4


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--indicator", "nope"], "error: no indicator 'nope'; `ocse indicators` lists them"),
        (["--entity", "ZZZ"], "error: no entity 'ZZZ'; give an ISO3 or region code"),
    ],
)
def test_an_unknown_filter_is_an_error_not_an_empty_file(shipped_store_path, args, said):
    result = CliRunner(env={"OCSE_STORE": str(shipped_store_path)}).invoke(app, ["export", *args])
    assert result.exit_code == 2 and result.stderr.strip() == said and result.stdout == ""


@pytest.mark.parametrize("where", ["folder", "missing folder"])
def test_an_out_that_cannot_be_a_file_is_named(shipped_store_path, tmp_path, where):
    out = tmp_path if where == "folder" else tmp_path / "nowhere" / "rows.csv"
    runner = CliRunner(env={"OCSE_STORE": str(shipped_store_path)})
    result = runner.invoke(app, ["export", "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    expected = "it is a folder" if where == "folder" else f"the folder {out.parent} does not"
    assert result.stderr.startswith(f"error: cannot write {out}: {expected}")
