"""`ocse build` of everything shipped under data/, into a temporary store.

Target (the issue): under 10 s on the project's 2-core machines. The figure is the median of three
builds, each into a new temporary file, so no run reuses another's store.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.timing import Result, median_seconds
from dashboard.pipeline.build import build_store
from dashboard.store import data_dir

TARGET_SECONDS = 10.0


def build_once(data: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="ocse-bench-build-") as folder:
        result = build_store(data, Path(folder) / "ocse.duckdb")
        if not result.ok:
            raise RuntimeError(f"the shipped data does not build: {result.problems[:3]}")


def run(runs: int = 3) -> list[Result]:
    data = data_dir()
    seconds, _ = median_seconds(lambda: build_once(data), runs)
    sources = len(list((data / "sources").glob("*/source.yaml")))
    detail = f"{sources} source folders under data/; median of {runs}"
    return [Result("ocse build (everything shipped)", seconds, TARGET_SECONDS, "s", detail)]


if __name__ == "__main__":
    for result in run():
        print(result)
