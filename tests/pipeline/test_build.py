"""The shipped store: deterministic, atomic, sane, and read-only for the app."""

from __future__ import annotations

import duckdb
import pytest

from dashboard.pipeline.build import build_store, check_data
from dashboard.store.read import StoreError, load_store
from tests.conftest import DATA


def test_same_inputs_give_the_same_hash(tmp_path, shipped_store):
    again = build_store(DATA, tmp_path / "again.duckdb")
    assert again.content_hash == shipped_store.content_hash
    assert load_store(tmp_path / "again.duckdb").content_hash == shipped_store.content_hash


def test_hand_checkable_figures(shipped_store):
    obs = shipped_store.observations.set_index(["source_id", "entity", "indicator", "period"])
    assert obs.loc[("ncmec-bycountry-2023", "PHL", "cybertipline_reports", "2023"), "value"] == (
        2_740_905
    )
    assert obs.loc[("ncmec-bycountry-2021", "KHM", "cybertipline_reports", "2021"), "value"] == (
        395_793
    )
    # NCMEC prints both "French Guiana" 593 and "Guiana, French" 1 in 2020: one country, 594
    guf = obs.loc[("ncmec-bycountry-2020", "GUF", "cybertipline_reports", "2020")]
    assert guf["value"] == 594 and "Guiana, French" in guf["note"]


def test_flags_and_breaks_reach_the_store(shipped_store):
    obs = shipped_store.observations
    nl_2024 = obs[(obs["entity"] == "NLD") & (obs["indicator"] == "cybertipline_referrals")]
    assert set(nl_2024["flags"].iloc[0].split(";")) >= {"unverified_transcription", "doubtful"}
    world_2024 = obs[
        (obs["entity"] == "WLD")
        & (obs["indicator"] == "cybertipline_reports")
        & (obs["year"] == 2024)
        & obs["preferred"]
    ]
    assert world_2024["value"].iloc[0] == 20_512_803
    assert "series_break" in world_2024["flags"].iloc[0]


def test_ncmec_file_wins_over_the_repeat_in_the_other_file(shipped_store):
    obs = shipped_store.observations
    phl = obs[
        (obs["entity"] == "PHL")
        & (obs["indicator"] == "cybertipline_reports")
        & (obs["year"] == 2023)
    ]
    assert set(phl["source_id"]) >= {"ncmec-bycountry-2023", "ncmec_ctl_by_country_2023"}
    assert phl[phl["preferred"]]["source_id"].tolist() == ["ncmec-bycountry-2023"]
    assert shipped_store.notices["message"].str.contains("ncmec_ctl_by_country_2023").any()


def test_every_observation_has_a_source_with_a_url(shipped_store):
    assert check_data(DATA).ok
    assert shipped_store.sources["url"].str.len().min() > 10


def test_the_store_is_opened_read_only(shipped_store_path):
    connection = duckdb.connect(str(shipped_store_path), read_only=True)
    with pytest.raises(duckdb.Error):
        connection.execute("DELETE FROM observations")
    connection.close()


def test_missing_and_corrupt_store_give_a_clear_message(tmp_path):
    with pytest.raises(StoreError, match="run `ocse build`"):
        load_store(tmp_path / "nothing.duckdb")
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="Rebuild it with `ocse build`"):
        load_store(corrupt)


def test_build_replaces_the_store_atomically(tmp_path):
    target = tmp_path / "ocse.duckdb"
    target.write_bytes(b"previous store")
    result = build_store(DATA, target)
    assert result.ok
    assert load_store(target).content_hash == result.content_hash
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_entities_have_one_row_per_code(shipped_store):
    entities = shipped_store.entities
    assert not entities["code"].duplicated().any()
    assert entities.set_index("code").loc["PHL", "income_group"] == "lower_middle_income"
