"""The `ocse` command contract that scripts and checks rely on."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from tests.conftest import DATA, SHARED


def ocse(*args: str, store, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args],
        env={**os.environ, "OCSE_STORE": str(store), **env},
        capture_output=True,
        text=True,
    )


def test_build_prints_counts_and_the_content_hash(tmp_path, shipped_store):
    result = ocse("build", store=tmp_path / "s.duckdb")
    assert result.returncode == 0, result.stderr
    assert "sources" in result.stdout and "observations" in result.stdout
    assert f"content hash {shipped_store.content_hash}" in result.stdout


def test_validate_is_clean_on_the_shipped_data(tmp_path):
    result = ocse("validate", store=tmp_path / "unused.duckdb")
    assert result.returncode == 0, result.stderr
    assert "valid: no problems" in result.stdout
    assert "repeated_figure" in result.stdout  # repeats are listed with the rule applied


def test_validate_a_bad_file_exits_1_with_a_table(tmp_path):
    bad = tmp_path / "source.yaml"
    bad.write_text("id: Not A Slug\n", encoding="utf-8")
    result = ocse("validate", str(bad), store=tmp_path / "unused.duckdb")
    assert result.returncode == 1
    assert "file" in result.stderr and "reason" in result.stderr and "bad_metadata" in result.stderr


def test_export_has_the_tidy_columns(shipped_store_path):
    result = ocse(
        "export", "--indicator", "cybertipline_reports", "--entity", "PHL", store=shipped_store_path
    )
    rows = pd.read_csv(io.StringIO(result.stdout))
    for column in [
        "indicator",
        "entity",
        "year",
        "value",
        "unit",
        "source_id",
        "source_url",
        "flags",
    ]:
        assert column in rows.columns
    preferred = rows[rows["preferred"] & (rows["year"] == 2023)]
    assert preferred["value"].tolist() == [2_740_905]
    assert preferred["unit"].tolist() == ["reports"]


def test_export_parquet(tmp_path, shipped_store_path):
    out = tmp_path / "x.parquet"
    result = ocse(
        "export",
        "--year",
        "2022",
        "--format",
        "parquet",
        "--out",
        str(out),
        store=shipped_store_path,
    )
    assert result.returncode == 0, result.stderr
    assert (pd.read_parquet(out)["year"] == 2022).all()


def test_coverage_lists_every_family(shipped_store_path):
    out = ocse("coverage", store=shipped_store_path).stdout
    for source in [
        "ncmec-bycountry-2019",
        "ncmec-bycountry-2023",
        "grimm-bycountry-2024",
        "ncmec-byesp-2019",
        "ncmec-byesp-2023",
        "iwf_ar2023",
        "inhope_series",
        "interpol_icse_2022",
        "dh_philippines",
        "gsi2023",
        "unodc_glotip2024",
        "worldbank-wdi-population",
        "gapminder-population-0-14",
    ]:
        assert source in out, source
    per_year = ocse(
        "coverage", "--indicator", "cybertipline_reports_by_esp", store=shipped_store_path
    ).stdout
    assert "2019" in per_year and "2023" in per_year


def test_sources_and_indicators_tables(shipped_store_path):
    assert "Internet Watch Foundation" in ocse("sources", store=shipped_store_path).stdout
    assert "cybertipline_reports_by_esp" in ocse("indicators", store=shipped_store_path).stdout


def test_missing_store_is_a_clear_error(tmp_path):
    result = ocse("sources", store=tmp_path / "none.duckdb")
    assert result.returncode == 2
    assert "no store at" in result.stderr and "Traceback" not in result.stderr


def small_data(folder):
    """data/'s reference files and country table, without any publication."""
    data = folder / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("sources", "context"))
    (data / "sources").mkdir()
    (data / "context").mkdir()
    shutil.copy(DATA / "context" / "country_meta.csv", data / "context")
    (data / "context" / "sources.yaml").write_text("[]\n")
    return data


@pytest.mark.parametrize("year", [2019, 2020, 2021, 2022, 2023])
def test_each_ncmec_pdf_into_an_empty_store_reproduces_the_shipped_values(
    year, tmp_path, shipped_store
):
    store = tmp_path / "store"
    data = small_data(tmp_path)
    pdf = SHARED / "data" / "raw" / "ncmec" / f"ncmec-by-country-{year}.pdf"
    result = ocse("ingest", str(pdf), store=store, OCSE_DATA=str(data))
    assert result.returncode == 0, result.stderr
    exported = pd.read_csv(
        io.StringIO(ocse("export", "--indicator", "cybertipline_reports", store=store).stdout),
        keep_default_na=False,
        comment="#",
    )
    got = exported[exported["year"] == year].set_index("entity")["value"].sort_index()
    shipped = shipped_store.observations
    want = (
        shipped[shipped["source_id"] == f"ncmec-bycountry-{year}"]
        .set_index("entity")["value"]
        .sort_index()
    )
    assert len(got) == len(want) >= 240
    pd.testing.assert_series_equal(got, want, check_names=False, check_dtype=False)
    assert (
        got.sum()
        == {
            2019: 16_987_361,
            2020: 21_751_085,
            2021: 29_397_681,
            2022: 32_059_029,
            2023: 36_210_368,
        }[year]
    )
