"""Bad input through `ocse ingest`: a clear message naming the problem, and the store unchanged."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.pipeline.operations import rebuild
from tests.conftest import DATA, SHARED

META = """\
id: test-publication
publisher: Test Publisher
title: A test table
url: https://example.org/table
licence: test only
reliability: primary
tables:
- file: {file}
  layout: long
  defaults: {{indicator: cybertipline_reports, unit: reports}}
  columns: {{entity_as_published: Country, period: Year, value: Reports}}
"""
HEADER = "Country,Year,Reports\n"


def ocse(*args: str, store: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "OCSE_STORE": str(store)}
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args], env=env, capture_output=True, text=True
    )


def digest(store: Path) -> str:
    """Every file of the store folder and of the data/ beside it, by path and bytes."""
    hashed = hashlib.sha256()
    for folder in (store, store.parent / "data"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            hashed.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return hashed.hexdigest()


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    """A store built from data/'s reference files and one publication; `ocse` publishes into
    that data/ (OCSE_DATA) as it would into the real one."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("sources", "context"))
    (data / "context").mkdir()
    shutil.copy(DATA / "context" / "country_meta.csv", data / "context")
    (data / "context" / "sources.yaml").write_text("[]\n")
    shutil.copytree(DATA / "sources" / "iwf_ar2023", data / "sources" / "iwf_ar2023")
    monkeypatch.setenv("OCSE_DATA", str(data))
    folder = tmp_path / "store"
    rebuild(data, folder, "test")
    return folder


def ingest_text(tmp_path: Path, store: Path, body: bytes, name: str = "table.csv"):
    table = tmp_path / name
    table.write_bytes(body)
    meta = tmp_path / "source.yaml"
    meta.write_text(META.format(file=name), encoding="utf-8")
    return ocse("ingest", str(table), "--source-meta", str(meta), store=store)


CASES = {
    "malformed csv": (b'Country,Year,Reports\nGhana,2023,"12\n', "malformed"),
    "ragged row": (b"Country,Year,Reports\nGhana,2023,12,99,1\n", "malformed"),
    "negative count": (b"Country,Year,Reports\nGhana,2023,-5\n", "negative_count"),
    "future year": (b"Country,Year,Reports\nGhana,2999,5\n", "future_year"),
    "duplicate row": (b"Country,Year,Reports\nGhana,2023,5\nGhana,2023,5\n", "duplicate_row"),
    "conflicting value": (
        b"Country,Year,Reports\nGhana,2023,5\nGhana,2023,7\n",
        "conflicting_value",
    ),
    "unknown country": (b"Country,Year,Reports\nAtlantis,2023,5\n", "unknown_country"),
    "not a number": (b"Country,Year,Reports\nGhana,2023,lots\n", "bad_number"),
    "empty file": (b"", "empty_file"),
    "missing column": (b"Country,Year\nGhana,2023\n", "missing_column"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_csv_is_refused_and_store_unchanged(case, tmp_path, store):
    body, reason = CASES[case]
    before = digest(store)
    result = ingest_text(tmp_path, store, body)
    assert result.returncode == 1, result.stdout + result.stderr
    assert reason in result.stderr
    assert "table.csv" in result.stderr  # the file is named
    assert "Traceback" not in result.stderr
    assert digest(store) == before


def test_unknown_country_names_closest_candidates(tmp_path, store):
    result = ingest_text(tmp_path, store, HEADER.encode() + b"Philipines,2023,5\n")
    assert result.returncode == 1
    line = next(x for x in result.stderr.splitlines() if "unknown_country" in x)
    assert " 2 " in line and "Philipines" in line and "Philippines" in line


def test_percentage_over_100_is_refused(tmp_path, store):
    meta = tmp_path / "source.yaml"
    meta.write_text(
        META.format(file="t.csv").replace("cybertipline_reports", "internet_users_pct"), "utf-8"
    )
    (tmp_path / "t.csv").write_text("Country,Year,Reports\nGhana,2023,104.5\n", "utf-8")
    before = digest(store)
    result = ocse("ingest", str(tmp_path / "t.csv"), "--source-meta", str(meta), store=store)
    assert result.returncode == 1 and "percent_over_100" in result.stderr
    assert digest(store) == before


def test_every_problem_is_listed_not_only_the_first(tmp_path, store):
    body = HEADER + "Atlantis,2023,5\nGhana,2999,5\nGhana,2022,-1\n"
    result = ingest_text(tmp_path, store, body.encode())
    assert result.returncode == 1
    for reason in ("unknown_country", "future_year", "negative_count"):
        assert reason in result.stderr


@pytest.mark.parametrize(
    ("body", "encoding"),
    [('Côte d\'Ivoire,2023,"1,234"\n', "latin-1"), ('Côte d\'Ivoire,2023,"1,234"\n', "utf-8-sig")],
)
def test_latin1_and_bom_files_land_with_thousands_separators(tmp_path, store, body, encoding):
    result = ingest_text(tmp_path, store, (HEADER + body).encode(encoding))
    assert result.returncode == 0, result.stderr
    export = ocse("export", "--entity", "CIV", "--year", "2023", store=store).stdout
    row = next(line for line in export.splitlines() if "test-publication" in line)
    assert ",1234.0," in row


def test_footnote_asterisks_and_dash_cells(tmp_path, store):
    body = HEADER + "Ghana*,2023,12\nTogo,2023,-\n"
    result = ingest_text(tmp_path, store, body.encode())
    assert result.returncode == 0, result.stderr
    export = ocse("export", "--entity", "GHA", "--year", "2023", store=store).stdout
    assert any("test-publication" in line and ",12.0," in line for line in export.splitlines())
    togo = ocse("export", "--entity", "TGO", "--year", "2023", store=store).stdout
    assert "test-publication" not in togo  # "-" means not published: skipped, not zero


def test_truncated_pdf_is_refused(tmp_path, store):
    pdf = SHARED / "data" / "raw" / "ncmec" / "ncmec-by-country-2023.pdf"
    half = tmp_path / "truncated.pdf"
    half.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 2])
    before = digest(store)
    result = ocse("ingest", str(half), store=store)
    assert result.returncode == 1 and "truncated.pdf" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(store) == before


def test_pdf_that_is_not_an_ncmec_table_is_refused(tmp_path, store):
    other = SHARED / "data" / "raw" / "ncmec" / "ncmec-ojjdp-2023.pdf"
    before = digest(store)
    result = ocse("ingest", str(other), store=store)
    assert result.returncode == 1 and "not_a_table" in result.stderr
    assert digest(store) == before
