"""What data/ says besides the publications is checked at every build: an indicator's unit
must be in data/units.yaml, every kind of measure has its sentence, focus countries are ISO3."""

from __future__ import annotations

import shutil

import yaml

from dashboard.ingest.reference import load_reference
from tests.conftest import DATA


def copy_of_data(tmp_path):
    """data/ without its publications: the reference files alone."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("sources", "context"))
    return data


def test_the_shipped_reference_is_clean():
    reference, problems = load_reference(DATA)
    assert problems == []
    assert reference.focus == ["PHL", "GHA", "KHM", "THA", "IND"]
    assert reference.units["reports"].count and not reference.units["percent"].count
    assert "rank" in reference.non_negative_units
    assert reference.measures["reporting_volume"].startswith("Report counts measure")


def test_a_unit_missing_from_the_units_table_is_named(tmp_path):
    data = copy_of_data(tmp_path)
    units = [u for u in yaml.safe_load((data / "units.yaml").read_text()) if u["id"] != "rank"]
    (data / "units.yaml").write_text(yaml.safe_dump(units))
    _, problems = load_reference(data)
    assert [(p.column, p.message) for p in problems] == [
        ("unit", "gsi_government_response_rank: unit 'rank' is not in data/units.yaml")
    ]


def test_a_kind_of_measure_without_its_sentence_and_a_bad_focus_code_are_named(tmp_path):
    data = copy_of_data(tmp_path)
    measures = yaml.safe_load((data / "measures.yaml").read_text())
    del measures["hosting"]
    (data / "measures.yaml").write_text(yaml.safe_dump(measures))
    (data / "focus.yaml").write_text("name: Focus\nmembers: [PHL, Philippines]\n")
    _, problems = load_reference(data)
    assert sorted(p.message for p in problems) == [
        "'Philippines' is not an ISO 3166-1 alpha-3 code",
        "no sentence for this kind of measure",
    ]
