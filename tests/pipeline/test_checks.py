"""Each publication's own checks (its printed totals and row counts, in its source.yaml) run at
every build, and only those of the publications present."""

from __future__ import annotations

import shutil

import pytest

from dashboard.ingest.catalogue import load_catalogue, resolve_repeats
from dashboard.ingest.metadata import load_source_meta
from dashboard.pipeline.build import check_data
from dashboard.pipeline.checks import printed_checks
from tests.conftest import DATA

# NCMEC's "CyberTipline Reports by Country" PDFs print these totals under the table
PRINTED = {
    2019: 16_987_361,
    2020: 21_751_085,
    2021: 29_397_681,
    2022: 32_059_029,
    2023: 36_210_368,
}


def test_the_by_country_checks_are_the_totals_ncmec_prints():
    for year, total in PRINTED.items():
        meta, _ = load_source_meta(DATA / "sources" / f"ncmec-bycountry-{year}" / "source.yaml")
        (check,) = meta.checks
        assert (check.indicator, check.total) == ("cybertipline_reports", total)
        assert check.rows >= 240


def test_the_shipped_rows_add_up_to_every_printed_total(shipped_store):
    obs = shipped_store.observations
    for year, total in PRINTED.items():
        rows = obs[obs["source_id"] == f"ncmec-bycountry-{year}"]
        assert rows["value"].sum() == total


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(DATA)


def test_a_lost_row_fails_its_publications_check(catalogue):
    obs = catalogue.observations
    # India 2022: 5,675,324 reports (data/sources/ncmec-bycountry-2022/table.csv)
    lost = obs[~((obs["source_id"] == "ncmec-bycountry-2022") & (obs["entity"] == "IND"))]
    messages = [p.message for p in printed_checks(lost, catalogue.checks)]
    assert messages == [
        "ncmec-bycountry-2022 cybertipline_reports: rows add up to 26,383,705, "
        "the publication prints 32,059,029",
        "ncmec-bycountry-2022 cybertipline_reports: 246 rows, the publication has 247",
    ]


def test_without_any_one_publication_the_rest_still_checks_out(catalogue):
    """No check depends on a publication other than its own: drop each folder in turn."""
    for source_id in catalogue.sources:
        sources = {k: v for k, v in catalogue.sources.items() if k != source_id}
        kept = catalogue.observations[catalogue.observations["source_id"] != source_id]
        observations, _ = resolve_repeats(kept.drop(columns="preferred"), sources)
        checks = {k: v for k, v in catalogue.checks.items() if k != source_id}
        assert printed_checks(observations, checks) == [], source_id


def test_a_build_without_a_checked_publication_succeeds(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    shutil.rmtree(data / "sources" / "ncmec-bycountry-2021")
    result = check_data(data)
    assert result.ok, [p.message for p in result.problems if p.severity.value == "error"]
    assert "ncmec-bycountry-2021" not in set(result.tables["observations"]["source_id"])
