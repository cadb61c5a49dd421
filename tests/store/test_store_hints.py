"""The operator's hint fits the cause: a store that is missing asks for a build, a damaged one
for a rebuild, and one the server may not read for access (a rebuild would not help). Readers
see only "The data store is not available" (tests/app/test_store_faults.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO

# root reads every file: without these capabilities it is refused as any other user would be
WITHOUT_OVERRIDE = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def sources(store, *prefix: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "dashboard.cli", "sources"],
        env={**os.environ, "OCSE_STORE": str(store)},
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs util-linux setpriv")
@pytest.mark.parametrize("layout", ["file", "folder"])
def test_a_store_it_may_not_read_asks_for_access_not_a_rebuild(
    layout, tmp_path, shipped_store_path
):
    if layout == "file":
        store = tmp_path / "ocse.duckdb"
        shutil.copyfile(shipped_store_path, store)
        store.chmod(0)
    else:
        store = tmp_path / "store"
        store.mkdir(mode=0)
    try:
        done = sources(store, *WITHOUT_OVERRIDE)
    finally:
        store.chmod(0o700)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: cannot read the store at ")
    assert "permission denied" in done.stderr and "rebuilding will not help" in done.stderr


def test_a_damaged_store_asks_for_a_rebuild(tmp_path):
    store = tmp_path / "ocse.duckdb"
    store.write_bytes(b"this is not a database" * 50)
    done = sources(store)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "it is damaged or not a store" in done.stderr
    assert "Rebuild it with `ocse build`" in done.stderr


def test_a_missing_store_asks_for_a_build(tmp_path):
    done = sources(tmp_path / "ocse.duckdb")
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"error: no store at {tmp_path / 'ocse.duckdb'}: run `ocse build`"
    )
