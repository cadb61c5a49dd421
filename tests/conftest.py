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


START_SECONDS = 240  # start-up on a busy 2-core machine: import, store, every page opened once


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
    # A deadline, not a number of tries: gunicorn --preload opens its port only once the app
    # and the store are loaded, so every try until then is refused at once (no 1 s wait)
    deadline = time.monotonic() + START_SECONDS
    try:
        while True:
            try:
                urlopen(base + "/_dash-layout", timeout=5)
                break
            except HTTPError as error:
                if error.code == 401:  # a private site, up and answering
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = log.read_text(errors="replace")[-2000:]
                pytest.fail(f"the dashboard did not start in {START_SECONDS} s: {output}")
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
def read_afresh():
    """No test sees a PDF parse or a source read kept by an earlier one."""
    from dashboard.ingest import source_memo
    from dashboard.ingest.pdf_process import PARSED

    PARSED.clear()
    source_memo.forget()


def pytest_addoption(parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="re-record tests/app/snapshots/ (a deliberate change of what pages show)",
    )


def pytest_make_parametrize_id(config, val, argname):
    """Bytes are named by their argument, not their contents: a file made by a test (a workbook
    with the time in it) gets the same name in every pytest-xdist worker."""
    if isinstance(val, bytes | bytearray):
        return f"{argname}-bytes"
    return None
