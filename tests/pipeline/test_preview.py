"""The preview of a publication: what it adds, what it repeats or contradicts, its printed
total checked; and drafts kept between preview and Publish for their editor only."""

from __future__ import annotations

import pytest

from dashboard.pipeline.drafts import drop_draft, load_draft, save_draft
from dashboard.pipeline.operations import rebuild
from dashboard.pipeline.preview import Preview, preview_submission
from dashboard.pipeline.publications import submission
from tests.conftest import SHARED
from tests.pipeline.test_changes import ABOUT, small_data, snapshot

PDF_2022 = SHARED / "data" / "raw" / "ncmec" / "ncmec-by-country-2022.pdf"


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    folder = tmp_path_factory.mktemp("preview")
    data, store = small_data(folder), folder / "store"
    rebuild(data, store, "test")
    return data, store


def test_the_2022_pdf_previews_its_rows_and_a_passed_add_up_check(place):
    data, store = place
    before = snapshot(data), snapshot(store)
    shown = preview_submission(data, store, submission(PDF_2022.read_bytes(), None, "x.pdf"), "a")
    assert shown.ok and shown.source_id == "ncmec-bycountry-2022"
    phl = shown.rows[shown.rows["entity"] == "PHL"]
    assert phl["value"].tolist() == [2_576_182]
    [check] = shown.checks
    assert check["passed"] and check["printed_total"] == check["rows_total"] == 32_059_029
    assert (snapshot(data), snapshot(store)) == before  # a preview changes nothing


def test_a_figure_already_published_shows_side_by_side(place):
    data, store = place
    # NCMEC's 2023 table (kept in the small data) gives the Philippines 2,740,905 for 2023
    body = b"country,year,value\nPhilippines,2023,2740905\nGhana,2023,999999\n"
    shown = preview_submission(data, store, submission(body, ABOUT, "f.csv"), "a")
    by_entity = shown.overlaps.set_index("entity")
    assert by_entity.loc["PHL", "kind"] == "repeat"
    assert by_entity.loc["GHA", "kind"] == "conflict"
    assert by_entity.loc["GHA", "published_by"] == "ncmec-bycountry-2023"
    assert by_entity.loc["GHA", "new_value"] == 999_999
    assert by_entity.loc["GHA", "shown"] == "published"  # NCMEC's own table outranks it
    assert set(shown.series["entity"]) >= {"PHL", "GHA"}  # the series the chart draws


def test_a_bad_file_previews_its_problems(place):
    data, store = place
    body = b"country,year,value\nNarnia,2023,5\n"
    shown = preview_submission(data, store, submission(body, ABOUT, "f.csv"), "a")
    assert not shown.ok and shown.rows.empty
    [problem] = [p for p in shown.problems if p["severity"] == "error"]
    assert problem["reason"] == "unknown_country" and "Narnia" in problem["message"]


def test_a_draft_is_for_its_editor_only_and_survives_json(place):
    data, store = place
    offered = submission(b"country,year,value\nGhana,2024,12\n", ABOUT, "f.csv")
    shown = preview_submission(data, store, offered, "alice")
    token = save_draft(store, offered, "alice", shown)
    assert load_draft(store, token, "bob") is None
    assert load_draft(store, "../../etc", "alice") is None
    again, kept, _ = load_draft(store, token, "alice")
    assert again.files == offered.files and again.source_id == offered.source_id
    assert isinstance(kept, Preview) and kept.rows["value"].tolist() == [12]
    drop_draft(store, token)
    assert load_draft(store, token, "alice") is None
