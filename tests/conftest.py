"""Shared fixtures: the shipped store built once per session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.store.build import build_store
from dashboard.store.read import load_store

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shipped_store_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "ocse.duckdb"
    result = build_store(DATA, path)
    assert result.ok, [p.message for p in result.problems if p.severity.value == "error"]
    return path


@pytest.fixture(scope="session")
def shipped_store(shipped_store_path):
    return load_store(shipped_store_path)
