"""A country brief (PHL): `ocse brief PHL --format pdf` from a cold start, and warm in-process.

Target (the issue): a country brief in under 10 s. "cold" is what a person at the command line
waits for: a new Python process, the store read, the chart browser started, four charts, the
PDF printed. "warm" is the dashboard's "Download brief" button once its browser is running:
build + DOCX, and build + PDF. Medians of three runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.timing import Result, median_seconds
from dashboard.pipeline.build import build_store
from dashboard.store import data_dir, store_path
from dashboard.store.read import load_store

TARGET_SECONDS = 10.0
SUBJECT = "PHL"


def _cli(store: Path, out: Path) -> None:
    env = {**os.environ, "OCSE_STORE": str(store)}
    command = [sys.executable, "-m", "dashboard.cli", "brief", SUBJECT, "--format", "pdf"]
    subprocess.run([*command, "--out", str(out)], env=env, check=True, capture_output=True)


def run(runs: int = 3) -> list[Result]:
    from dashboard.exports.brief import build_brief, render
    from dashboard.exports.images import stop

    with tempfile.TemporaryDirectory(prefix="ocse-bench-brief-") as folder:
        store = store_path()
        if not store.exists():
            store = Path(folder) / "ocse.duckdb"
            build_store(data_dir(), store)
        out = Path(folder) / "brief.pdf"
        cold, _ = median_seconds(lambda: _cli(store, out), runs)
        data = load_store(store)
        build_brief(data, SUBJECT)  # starts the chart browser, as the first click would
        docx, _ = median_seconds(lambda: render(build_brief(data, SUBJECT), "docx"), runs)
        pdf, _ = median_seconds(lambda: render(build_brief(data, SUBJECT), "pdf"), runs)
        stop()
    return [
        Result(
            "country brief PDF, cold (ocse brief PHL)",
            cold,
            TARGET_SECONDS,
            "s",
            "new process: import, store, browser start, 4 charts, PDF print",
        ),
        Result("country brief DOCX, warm (app button)", docx, TARGET_SECONDS, "s", "build + DOCX"),
        Result("country brief PDF, warm (app button)", pdf, TARGET_SECONDS, "s", "build + PDF"),
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
