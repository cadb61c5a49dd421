"""A full disk, simulated without root by a file size limit (RLIMIT_FSIZE, as `prlimit --fsize`
sets it): every command that writes says so in one line, leaves the old file (or none) and
never a partial one, and the store keeps serving what it served.

Python ignores SIGXFSZ, so a write past the limit fails with EFBIG as one past a full disk fails
with ENOSPC. The commands run in this process (quick) under a soft limit that is lifted after;
one runs as its own process under `prlimit`, as an operator would meet it.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dashboard.cli import app
from dashboard.store.read import load_store
from dashboard.store.versions import current_hash
from tests.cli.test_ingest_bad_input import HEADER, META, digest

LIMIT = 20_000  # bytes: more than any command here writes besides its output
REPORTS = ("--indicator", "cybertipline_reports")  # 1,377 rows: 39 kB as Parquet, 1 MB as CSV
DISK_FULL = "the disk is full (the file size limit was reached)"


@contextmanager
def disk_full_after(size: int):
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def run(*args: str, limit: int | None = LIMIT, **env: str):
    runner = CliRunner(env=env)
    if limit is None:
        return runner.invoke(app, list(args))
    with disk_full_after(limit):
        return runner.invoke(app, list(args))


def refused_in_one_line(result) -> str:
    """The command failed with exit 1 and a message, no traceback; the message."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".*") if ".tmp" in p.name or ".build" in p.name)


def test_python_ignores_sigxfsz():
    import signal

    assert signal.getsignal(signal.SIGXFSZ) is signal.SIG_IGN  # else the limit kills, not fails


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "parquet"])
def test_an_export_leaves_the_old_file(fmt, tmp_path, shipped_store_path):
    out = tmp_path / f"rows.{fmt}"
    out.write_bytes(b"the old file")
    args = ("export", *REPORTS, "--format", fmt, "--out", str(out))
    result = run(*args, OCSE_STORE=str(shipped_store_path))
    said = refused_in_one_line(result)
    assert said == f"error: cannot write {out}: {DISK_FULL}; nothing was written\n"
    assert out.read_bytes() == b"the old file"
    assert leftovers(tmp_path) == []


def test_an_export_leaves_no_file_where_there_was_none(tmp_path, shipped_store_path):
    out = tmp_path / "rows.csv"
    args = ("export", *REPORTS, "--out", str(out))
    refused_in_one_line(run(*args, OCSE_STORE=str(shipped_store_path)))
    assert list(tmp_path.iterdir()) == []


def test_a_data_package_keeps_its_old_files_together(tmp_path, shipped_store_path):
    out = tmp_path / "package"
    out.mkdir()
    (out / "observations.csv").write_text("old rows")
    (out / "datapackage.json").write_text("{}")
    args = ("export", *REPORTS, "--format", "datapackage", "--out", str(out))
    said = refused_in_one_line(run(*args, OCSE_STORE=str(shipped_store_path)))
    assert DISK_FULL in said and str(out / "observations.csv") in said
    assert sorted(p.name for p in out.iterdir()) == ["datapackage.json", "observations.csv"]
    assert (out / "observations.csv").read_text() == "old rows"
    # and with room, all three are written
    assert run(*args, limit=None, OCSE_STORE=str(shipped_store_path)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "datapackage.json",
        "observations.csv",
        "sources.csv",
    ]


def test_a_brief_leaves_the_old_file(tmp_path, shipped_store_path):
    """The limit is this process's: chromium (run through a script that lifts it) renders the
    charts, and the brief itself cannot be written."""
    chromium = tmp_path / "chromium"
    chromium.write_text('#!/bin/sh\nulimit -f unlimited\nexec /usr/bin/chromium "$@"\n')
    chromium.chmod(0o755)
    out = tmp_path / "brief.html"
    out.write_bytes(b"the old brief")
    result = run(
        "brief", "PHL", "--format", "html", "--out", str(out),
        OCSE_STORE=str(shipped_store_path), OCSE_CHROMIUM=str(chromium),
    )  # fmt: skip
    said = refused_in_one_line(result)
    assert said == f"error: cannot write {out}: {DISK_FULL}; nothing was written\n"
    assert out.read_bytes() == b"the old brief"
    assert leftovers(tmp_path) == []


# --- the store ----------------------------------------------------------------------------------


@pytest.fixture
def place(store) -> tuple[Path, Path]:
    """data/ and the store folder served from it (tests/cli/conftest.py)."""
    return store.parent / "data", store


def test_an_ingest_changes_nothing(place, tmp_path):
    data, store = place
    before, served = digest(store), current_hash(store)
    table = tmp_path / "table.csv"
    table.write_text(HEADER + "Ghana,2023,5\n", encoding="utf-8")
    meta = tmp_path / "source.yaml"
    meta.write_text(META.format(file="table.csv"), encoding="utf-8")
    env = {"OCSE_STORE": str(store), "OCSE_DATA": str(data)}
    result = run("ingest", str(table), "--source-meta", str(meta), **env)
    said = refused_in_one_line(result)
    assert said.startswith(f"ingest failed: cannot write the store {store}: {DISK_FULL}")
    assert current_hash(store) == served and load_store(store).content_hash == served
    assert digest(store) == before and leftovers(store) == []
    # with room, the same file is published
    assert run("ingest", str(table), "--source-meta", str(meta), limit=None, **env).exit_code == 0


def test_a_build_into_a_store_folder_changes_nothing(place):
    data, store = place
    served = current_hash(store)
    result = run("build", OCSE_STORE=str(store), OCSE_DATA=str(data))
    assert refused_in_one_line(result).startswith(f"build failed: cannot write the store {store}")
    assert current_hash(store) == served and load_store(store).content_hash == served
    assert leftovers(store) == []


def test_a_killed_builds_files_are_removed_by_the_next_build(place):
    data, store = place
    stale = [
        store / "versions" / ".build-99999.duckdb",
        store / "versions" / "..build-99999.duckdb.99999.tmp",
        store / "versions" / "..build-99999.duckdb.99999.tmp.wal",
        store / ".stage-0123" / "data" / "units.yaml",
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("left by a killed build")
    assert run("build", limit=None, OCSE_STORE=str(store), OCSE_DATA=str(data)).exit_code == 0
    assert leftovers(store) == [] and not (store / ".stage-0123").exists()


def test_a_store_file_under_prlimit_is_kept_and_its_temporary_files_go(place, tmp_path):
    """`prlimit --fsize` on `ocse build` in its own process: one line, the old file served, and
    the temporary files of this build and of a killed earlier one removed."""
    data, _ = place
    store = tmp_path / "ocse.duckdb"
    assert run("build", limit=None, OCSE_STORE=str(store), OCSE_DATA=str(data)).exit_code == 0
    served = load_store(store).content_hash
    (tmp_path / ".ocse.duckdb.99999.tmp.wal").write_text("left by a killed build")
    done = subprocess.run(
        ["prlimit", f"--fsize={LIMIT}", sys.executable, "-m", "dashboard.cli", "build"],
        env={**os.environ, "OCSE_STORE": str(store), "OCSE_DATA": str(data)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr == (
        f"build failed: cannot write the store {store}: {DISK_FULL}; "
        "the store still serves what it served\n"
    )
    assert load_store(store).content_hash == served
    assert [p.name for p in tmp_path.glob(".ocse*")] == []
