"""`ocse export --format datapackage`: a Frictionless Data Package that the frictionless library
(written by others) validates, with every row, its page and its flags."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.exports.datapackage import write_datapackage

frictionless = pytest.importorskip("frictionless")


@pytest.fixture(scope="module")
def package(shipped_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("package")
    count = write_datapackage(shipped_store, out, shipped_store.content_hash)
    return out, count


def test_the_package_is_valid(package):
    out, _ = package
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_it_holds_every_row_with_its_page_flags_and_source(package, shipped_store):
    out, count = package
    rows = pd.read_csv(out / "observations.csv", keep_default_na=False)
    assert count == len(rows) == len(shipped_store.observations)
    assert (rows["source_url"] != "").all()
    meta = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert {"lower_bound", "secondary_source", "unverified_transcription"} <= set(meta["flags"])
    assert shipped_store.content_hash in meta["description"]
    sources = pd.read_csv(out / "sources.csv", keep_default_na=False)
    assert set(rows["source_id"]) == set(sources["id"])
    assert (sources["licence"] != "").all()
    ghana = rows[(rows["entity"] == "GHA") & (rows["indicator"] == "gsi_prevalence_per_1000")]
    assert ghana["source_url"].str.contains("businessghana.com").all()
