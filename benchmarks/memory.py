"""Memory per gunicorn worker: resident set size after every page has been opened and used.

The issue asks what one worker costs, to size a server: each worker holds its own copy of the
store in memory (`dashboard/app/context.py`), so the figure grows with the store (see
`synthetic_store.py` for the 1,000,000-observation one). Measured on `ocse serve --workers 2`:
every recorded callback of every page (`callbacks.record`) sent three times from four clients,
then each worker's RSS (and PSS, which splits pages shared with the master fairly) read with
psutil. A reference figure: the issue sets no bound.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import psutil

from benchmarks.callbacks import Recorded, Served, record, serve, shipped_store, warm
from benchmarks.timing import Result

MIB = 1024**2


def worker_memory(master_pid: int) -> dict[int, tuple[float, float]]:
    """pid -> (RSS, PSS) in MiB for each worker (child) of the gunicorn master."""
    found = {}
    for worker in psutil.Process(master_pid).children():
        try:
            info = worker.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        found[worker.pid] = (info.rss / MIB, getattr(info, "pss", info.rss) / MIB)
    return found


def memory_rows(served: Served, recorded: list[Recorded], store: Path, label: str) -> list[Result]:
    """Warm every page in every worker, then one row: the largest worker's RSS."""
    warm(served.base, recorded, rounds=3, threads=4)
    workers = worker_memory(served.master_pid)
    master = psutil.Process(served.master_pid).memory_info().rss / MIB
    largest = max(rss for rss, _ in workers.values())
    each = ", ".join(f"{rss:.0f} (PSS {pss:.0f})" for rss, pss in workers.values())
    pages = len({r.page for r in recorded})
    detail = (
        f"gunicorn -w {len(workers)} workers: {each} MiB; master {master:.0f} MiB; "
        f"after {pages} pages' callbacks x 12; store file {store.stat().st_size / MIB:.0f} MiB"
    )
    return [Result(f"RSS per worker{label}", largest, float("inf"), "MiB", detail)]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="ocse-bench-memory-") as folder:
        store = shipped_store(Path(folder))
        with serve(store) as served:
            return memory_rows(served, record(served.base), store, " (shipped store)")


if __name__ == "__main__":
    for result in run():
        print(result)
