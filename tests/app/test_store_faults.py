"""A missing or corrupt store gives a clear page, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from urllib.request import urlopen

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("kind", ["missing", "corrupt"])
def test_the_page_says_what_to_do(kind, browser, tmp_path):
    store = tmp_path / "store.duckdb"
    if kind == "corrupt":
        store.write_bytes(b"this is not a database" * 50)
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--no-control-socket",
            "-w",
            "1",
            "-b",
            f"127.0.0.1:{port}",
            "dashboard.app.wsgi:server",
        ],
        env={**os.environ, "OCSE_STORE": str(store)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(120):
            try:
                urlopen(f"http://127.0.0.1:{port}/_dash-layout", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/map", wait_until="networkidle")
        page.wait_for_selector("text=The data store is not available")
        text = page.inner_text("#page")
        assert "ocse build" in text and "Traceback" not in text
        context.close()
    finally:
        process.terminate()
        process.wait(10)
