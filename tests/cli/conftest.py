"""A store folder to publish into, served from data/'s reference files and one publication."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.pipeline.operations import rebuild
from tests.conftest import DATA


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
