"""A build killed at any moment (SIGKILL) leaves the previous store intact."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from dashboard.store.read import load_store


@pytest.mark.parametrize("after_seconds", [0.8, 2.0, 3.0])
def test_sigkill_midway_keeps_the_previous_store(after_seconds, tmp_path, shipped_store_path):
    store = tmp_path / "ocse.duckdb"
    shutil.copyfile(shipped_store_path, store)
    before = load_store(store).content_hash
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard.cli", "build"],
        env={**os.environ, "OCSE_STORE": str(store)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after_seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert load_store(store).content_hash == before
