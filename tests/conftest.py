"""Shared fixtures: the shipped store built once per session into a temporary folder, and one
`ocse serve` of it for every browser test."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from dashboard.pipeline.build import build_store
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


STARTUP_SECONDS = 240  # a refused connection returns at once: count time, not attempts (a
# loaded 2-core machine took 126 s to load the store and start gunicorn)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(
    module: list[str], store: Path, log: Path, env: dict[str, str] | None = None
) -> Iterator[str]:
    """`python -m <module...>` serving `store` on a free loopback port ("{port}" in `module` is
    replaced), with `env` added to the environment; yields its base URL once it answers (a
    private site answers 401), and stops it afterwards. Its output goes to `log`: a pipe nobody
    reads would fill up and stall the server mid-session."""
    port = free_port()
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", *(part.format(port=port) for part in module)],
            env={**os.environ, "OCSE_STORE": str(store), **(env or {})},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                urlopen(base + "/_dash-layout", timeout=1)
                break
            except HTTPError as error:
                if error.code == 401:  # a private site, up and answering
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                said = log.read_text(errors="replace")[-2000:]
                pytest.fail("the dashboard did not start: " + said)
            time.sleep(0.25)
        yield base
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="session")
def server(shipped_store_path, tmp_path_factory):
    """`ocse serve` of the shipped store with two workers, as a user would start it."""
    log = tmp_path_factory.mktemp("server") / "serve.log"
    serve = ["dashboard.cli", "serve", "--port", "{port}", "--workers", "2"]
    with serving(serve, shipped_store_path, log) as base:
        yield base


@pytest.fixture(autouse=True)
def pdfs_parsed_afresh():
    """No test sees a PDF parse kept by an earlier one (each sets its own limits)."""
    from dashboard.ingest.pdf_process import PARSED

    PARSED.clear()


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="re-record tests/app/snapshots/ (a deliberate change of what pages show)",
    )
