"""The state folder (accounts, session key, throttling) is decided in one place, from OCSE_STORE."""

from __future__ import annotations

from dashboard.store import state_dir


def test_beside_a_store_file(monkeypatch, tmp_path):
    monkeypatch.setenv("OCSE_STORE", str(tmp_path / "build" / "ocse.duckdb"))
    assert state_dir() == tmp_path / "build"


def test_the_store_itself_when_it_is_a_folder(monkeypatch, tmp_path):
    (tmp_path / "versions.duckdb").mkdir()
    monkeypatch.setenv("OCSE_STORE", str(tmp_path / "versions.duckdb"))
    assert state_dir() == tmp_path / "versions.duckdb"
    monkeypatch.setenv("OCSE_STORE", str(tmp_path / "store"))  # not made yet, no .duckdb suffix
    assert state_dir() == tmp_path / "store"
