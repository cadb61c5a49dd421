"""Bad input through `ocse ingest`: a clear message naming the problem, and the store unchanged."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.pipeline.build import memo_folder
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
    """Every file of the store folder and of the data/ beside it, by path and bytes (but the
    memo of sources read, which serves nothing and changes no figure)."""
    hashed = hashlib.sha256()
    memo = memo_folder(store)
    for folder in (store, store.parent / "data"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and memo not in p.parents):
            hashed.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    return hashed.hexdigest()


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


# Files refused before reading: each named for what it is, by `ocse ingest` and `ocse validate` --


def invoke(*args: str, **env: str):
    """The command in this process (fast), as a person would type it; stderr kept apart."""
    from typer.testing import CliRunner

    from dashboard.cli import app

    return CliRunner(env=env).invoke(app, list(args))


def make_input(tmp_path: Path, case: str) -> Path:
    path = tmp_path / "input.csv"
    if case == "empty":
        path.write_bytes(b"")
    elif case == "binary":
        path.write_bytes(bytes(range(256)) * 4)
    elif case == "directory":
        path.mkdir()
    elif case == "symlink":
        target = tmp_path / "elsewhere.csv"
        target.write_text(HEADER + "Ghana,2023,5\n", encoding="utf-8")
        path.symlink_to(target)
    return path  # "missing": nothing there


INPUTS = {
    "empty": ("empty_file", "the file is empty (0 bytes)"),
    "binary": ("unsupported_type", "not a table this product reads"),
    "directory": ("directory", "is a folder, not a file"),
    "missing": ("missing_file", "no file at"),
    "symlink": ("symbolic_link", "is a symbolic link to"),
}


@pytest.mark.parametrize("command", ["ingest", "validate"])
@pytest.mark.parametrize("case", INPUTS)
def test_each_bad_input_is_named_for_what_it_is(tmp_path, case, command) -> None:
    path = make_input(tmp_path, case)
    result = invoke(command, str(path), OCSE_STORE=str(tmp_path / "store.duckdb"))

    reason, phrase = INPUTS[case]
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[0] in ("ingest refused: 1 problem(s); nothing was written.", "1 problem(s):")
    assert len(lines) == 3 and reason in lines[2] and phrase in lines[2], result.stderr
    assert str(path) in lines[2]
    assert not (tmp_path / "store.duckdb").exists()


def test_the_symlink_message_says_where_it_points(tmp_path) -> None:
    path = make_input(tmp_path, "symlink")
    result = invoke("ingest", str(path), OCSE_STORE=str(tmp_path / "store.duckdb"))
    assert f"to '{tmp_path / 'elsewhere.csv'}'" in result.stderr


def test_a_csv_without_metadata_is_asked_for_its_source_yaml(tmp_path) -> None:
    table = tmp_path / "table.csv"
    table.write_text(HEADER + "Ghana,2023,5\n", encoding="utf-8")
    result = invoke("ingest", str(table), OCSE_STORE=str(tmp_path / "store.duckdb"))
    assert result.exit_code == 1
    assert "no_metadata" in result.stderr
    assert "a CSV needs a source.yaml to say its layout" in result.stderr
    assert "give --source-meta source.yaml" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "validate"])
def test_a_file_over_the_upload_limit_is_refused_unread(tmp_path, command) -> None:
    table = tmp_path / "table.csv"
    table.write_text(HEADER + "Ghana,2023,5\n" * 200, encoding="utf-8")  # 2,620 bytes
    meta = tmp_path / "source.yaml"
    meta.write_text(META.format(file="table.csv"), encoding="utf-8")
    extra = ["--source-meta", str(meta)] if command == "ingest" else []
    result = invoke(
        command,
        str(table),
        *extra,
        OCSE_STORE=str(tmp_path / "store.duckdb"),
        OCSE_UPLOAD_LIMIT_MB="0.002",
    )
    assert result.exit_code == 1
    assert "too_large" in result.stderr
    assert "the upload limit is 0.0 MB (OCSE_UPLOAD_LIMIT_MB): it was not read" in result.stderr


def test_a_csv_named_pdf_is_read_as_the_csv_it_is(tmp_path, store) -> None:
    result = ingest_text(tmp_path, store, (HEADER + "Ghana,2023,12\n").encode(), "table.pdf")
    assert result.returncode == 0, result.stderr
    export = ocse("export", "--entity", "GHA", "--year", "2023", store=store).stdout
    assert any("test-publication" in line and ",12.0," in line for line in export.splitlines())


def test_5000_bad_rows_list_1000_problems_and_count_the_rest(tmp_path) -> None:
    rows = "".join("Atlantis,2023,5\n" if i % 2 else "Ghana,2023,lots\n" for i in range(5_000))
    (tmp_path / "table.csv").write_text(HEADER + rows, encoding="utf-8")
    meta = tmp_path / "source.yaml"
    meta.write_text(META.format(file="table.csv"), encoding="utf-8")
    result = invoke(
        "ingest",
        str(tmp_path / "table.csv"),
        "--source-meta",
        str(meta),
        OCSE_STORE=str(tmp_path / "store.duckdb"),
    )

    lines = result.stderr.splitlines()
    assert lines[0] == "ingest refused: 5,000 problem(s); nothing was written."
    assert len(lines) == 1 + 1 + 1_000 + 1  # the count, the header, 1,000 problems, the rest
    assert "bad_number" in lines[2] and " 2 " in lines[2]  # line 2 of the file
    assert "unknown_country" in lines[1_001] and " 1001 " in lines[1_001]
    assert lines[-1] == "... and 4,000 more: 2,000 bad_number, 2,000 unknown_country"


def test_a_100_000_column_file_prints_a_bounded_table(tmp_path) -> None:
    columns = [f"c{i}" for i in range(100_000)]
    owid = tmp_path / "wide.csv"
    owid.write_text(
        "Entity,Code,Year," + ",".join(columns) + "\nGhana,GHA,2023," + ",".join("1" * 100_000),
        encoding="utf-8",
    )
    result = invoke("validate", str(owid), OCSE_STORE=str(tmp_path / "store.duckdb"))
    lines = result.stderr.splitlines()
    assert lines[0] == "100,000 problem(s):"
    assert len(lines) == 1_003
    assert lines[-1] == "... and 99,000 more: 99,000 unknown_indicator"


def test_a_pdf_past_the_time_limit_is_one_clear_problem(tmp_path) -> None:
    from tests.ingest.test_ncmec_pdf import ncmec_like_pdf

    table = tmp_path / "table.pdf"
    table.write_bytes(ncmec_like_pdf([("Alpha", "1,234"), ("Beta", "766")], "2,000"))
    result = invoke(
        "ingest", str(table), OCSE_STORE=str(tmp_path / "s.duckdb"), OCSE_PDF_TIME_LIMIT_S="0.1"
    )
    assert result.exit_code == 1
    [count, _, line] = result.stderr.splitlines()
    assert count == "ingest refused: 1 problem(s); nothing was written."
    assert line.endswith(
        "pdf_limit  the PDF could not be read within 0.1 s / 1,024 MB: it took too long"
    )


# An OWID download without a source.yaml: ingest shows what validate shows ----------------------

OWID = "Entity,Code,Year,internet_users_pct\nKenya,KEN,2022,40.8\nGhana,GHA,2022,lots\n"
OWID += "Atlantis,,2022,12\n"


def test_ingest_of_an_owid_file_shows_the_problems_validate_shows(tmp_path) -> None:
    from dashboard.pipeline.publish import check_files, ingest_file

    owid = tmp_path / "owid.csv"
    owid.write_text(OWID, encoding="utf-8")

    validated = check_files([owid], DATA)
    ingested = ingest_file(owid, tmp_path / "store.duckdb", DATA).problems

    assert [(p.row, p.reason.value) for p in validated] == [
        (3, "bad_number"),
        (4, "unknown_country"),
    ]
    assert ingested[:-1] == validated  # the same problems, in the same order
    assert ingested[-1].reason.value == "unknown_source"  # and what ingest needs besides

    shown = invoke("validate", str(owid), OCSE_STORE=str(tmp_path / "s.duckdb")).stderr
    refused = invoke("ingest", str(owid), OCSE_STORE=str(tmp_path / "s.duckdb")).stderr
    for line in shown.splitlines()[2:]:
        assert line.split()[1:4] in [other.split()[1:4] for other in refused.splitlines()]
