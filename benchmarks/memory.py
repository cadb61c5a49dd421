"""Memory per gunicorn worker: resident set size after every page has been opened and used.

Targets (issue 14): at most 250 MiB per worker on the shipped store, 500 MiB with 1,000,000
observations (`synthetic_store.py`), measured as RSS and PSS. `ocse serve` loads the app and
the store in gunicorn's master before it forks the workers (`--preload`): the workers share
those pages copy-on-write until one writes to them. RSS counts every page a worker touches,
shared or not, so it barely moves with sharing; PSS splits each shared page between the
processes that map it (the master included), so the workers' PSS is what they add to the
machine. Both are read from /proc/<pid>/smaps_rollup, as smem does, with "private" (pages
only this worker holds). Measured on `ocse serve --workers 2` after every recorded callback of
every page (`callbacks.record`) was sent three times from four clients.

Where the RSS goes (one process, 2026-12-02): importing what the app imports, before any
store is read, already takes 241 MiB: pandas, pyarrow and duckdb 115, then dash, plotly and
dash-mantine-components 169, then scipy and statsmodels (the /factors fit) 229, babel,
country_converter and pydantic 230, the app's own modules 241. Reading the shipped store
adds about 65 MiB (its frames are 20 MiB; DuckDB's connection keeps 25 MiB after it is
closed), and the per-store tables and shared answers built as pages are used come on top. So
an RSS of 250 MiB per worker is not reachable with these libraries: it would take dropping one
of them. Since 2026-12-02 the observations are read through Arrow rather than DuckDB's
`.df()`, the same frame for 23 MiB less (`store.read._frame`, tests/store/test_load.py).

Giving memory back (app/memory.py, 2026-12-02): once the store is read and every page opened,
the master returns what start-up freed (Arrow's pool, then glibc's `malloc_trim`) before it
forks; a worker does the same after loading a new version. With 1,000,000 observations the
master went from 790 to 725 MiB and the workers from RSS 800 / 788 to 749 / 731 MiB (PSS
367 / 354 to 353 / 336); with the shipped store the workers stay at about 384 MiB, since
serving fills that freed memory again. Tried and not kept: Arrow on the C library's allocator
instead of mimalloc gave back more at start-up (807 -> 689 MiB in one process) but the workers
grew to RSS 923 MiB, private 354: freed chunks among the store's pages were reused, so those
shared pages were copied; DuckDB's jemalloc settings (`DUCKDB_JE_MALLOC_CONF` decay 0,
`allocator_flush_threshold`) and reading the observations in batches changed nothing or made it
worse. Where the 1M store's memory goes: the observations frame is 188 MiB (164 of it eleven
string columns: indicator 21, source_id 26, file 18, entity_as_published 17, note 17,
source_url 15, unit 13, period 12, entity 11, flags 8, category 8), the tables derived from it
(country ranks 30 MiB, gap rows 15, platform mix 9, series 8, plus their strings) come on
top. Keeping those repeated strings as categories (codes into one list of values) would take
the frame to about 35 MiB, but it changes the column types every analysis function reads: not
done, so the 500 MiB target stays open.

Two malloc arenas (`ocse serve` sets MALLOC_ARENA_MAX=2 unless the environment names it,
settings.for_server_processes; 2026-12-02, 1,000,000 observations, the 10 pages' requests as
Chromium sent them, x12): glibc gives each thread that allocates an arena of its own (up to
eight per core) and keeps what it freed there, and a worker runs requests on several threads.
Without: workers RSS 830 / 812 MiB (private 237 / 220); with 2 arenas, two runs: 673 / 761
(private 74 / 162) and 671 / 791 (67 / 188); with 1: 669 / 769. The worker that served more of
the distinct requests stays about 100 MiB above the other.

Large blocks mapped on their own (`MALLOC_MMAP_THRESHOLD_=131072`, also set by `ocse serve`;
same data and requests, the Intel machine of the later session on 2026-12-02): glibc maps a
block of 128 KiB or more by itself and unmaps it when freed, but by default raises that
threshold to the size of each such block freed (up to 32 MiB), after which the columns a
request copies come from the heap and its freed space stays in RSS. Two runs each: without,
workers RSS 791 / 792 (private 198 / 197) and 788 / 669 (189 / 67); with, 740 / 626 (152 / 36)
and 743 / 631 (150 / 38). Callbacks were not slower (all pages p95 36.2 ms with, 38.8 ms
without, same hour).

Text read as Arrow's large strings (`store.read._frame`, the same day): DuckDB hands its rows
to Arrow with ordinary strings, which pandas' text columns turned into large strings by copying
each column, while DuckDB's own copy, freed, stayed with DuckDB's allocator. Asked for large
strings (`SET arrow_large_buffer_size = true`), pandas keeps DuckDB's buffers as they are: one
process reading the 1M store's observations went from 490 to 434 MiB (181 before reading), the
frame and its dtypes unchanged (tests/store/test_load.py). With the 1M store served, the master
732 -> 662 MiB and the larger worker 740-816 -> 697 MiB (private 170); the shipped store
barely moves (its text is 20 MiB).

What stands between these figures and the targets (2026-12-02): RSS counts every page a worker
touches, the ones it shares with the master included, and the libraries the pages need take
241 MiB of it before any data (Dash and Plotly 47, pandas, NumPy and Arrow 92, SciPy and
statsmodels for /factors 61, the Mantine components 15, DuckDB 12). The shipped store's workers
hold 323-341 MiB RSS, of which 98-116 private; PSS, what each worker adds to the machine,
172-190 MiB, under the 250 MiB target. With 1,000,000 observations the master holds 662 MiB
(the observations 188 of it; the tables the pages derive from them about 110, the largest
the ranks of every country in every indicator and year, 62) and the workers 628-697 RSS,
PSS 275-344, under 500. Reaching the RSS targets would need the libraries or the frame to
shrink by about 100 MiB (shipped) and 200 MiB (1M): the stated routes are categorical text
columns (about 150 MiB at 1M, but every analysis function reads those dtypes) and statistics
without SciPy and statsmodels (hand-written regression with clustered errors, which the
project's standards advise against).

Earlier, 1,000,000 observations, measured 2026-12-02 by hand (load average 18.9; the store built by
`python -m benchmarks.synthetic_store PATH`, warmed with benchmarks/load/payloads rather than a
fresh Chromium recording): workers RSS 660 / PSS 278 / private 102 and RSS 666 / PSS 283 /
private 105 MiB, master RSS 699 / PSS 240 MiB (before preloading, 2026-11-24: RSS 786 and 837,
PSS 698 and 749 MiB). That figure was too low: the synthetic store then lacked what two pages
read (an indicator's caveats as {kind, text}, its `counts` flag), so /country failed as it
opened and the synthetic map answered 500, and their tables were never built. Both are fixed in
`synthetic_store.py`; the 749 / 731 MiB above are with every page working.

The browser tests that timed out when `--preload` was first tried (2026-12-01): nothing hung.
With `--preload`, gunicorn loads the app in `Arbiter.setup()`, before `start()` logs "Starting
gunicorn" and opens the port; so until the app is imported, the store read and every page
opened once (33 s of wall time for the import alone with the machine's load average at 8),
every connection is refused at once. The tests' start-up loop counted 120 tries of 0.25 s
(30 s in all when refused at once; 150 s without preloading, when each try waited 1 s in the
listen backlog) and gave up with an empty log. It now waits up to 240 s by the clock
(tests/conftest.py `serving`, `callbacks.serve`); test_publish_browser.py passes with
`--preload` (4 tests, publication seen by both workers, rollback, kill -9 half-way).
Nothing is held across the fork: the store's DuckDB connection is closed once its tables are
read (`store.read.load_store`), no thread is started before the workers (a2wsgi's thread pool
starts its threads on the first request, kaleido's browser on the first brief), and each
worker loads a newly published version itself.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import psutil

from benchmarks.callbacks import Recorded, Served, record, serve, shipped_store, warm
from benchmarks.timing import Result

MIB = 1024**2


def rollup(pid: int) -> dict[str, float]:
    """/proc/<pid>/smaps_rollup in MiB: Rss, Pss, Private_Clean, Private_Dirty, ..."""
    found = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value = line.split(":", 1)
        found[name] = int(value.split()[0]) / 1024  # kB
    found["Private"] = found.get("Private_Clean", 0) + found.get("Private_Dirty", 0)
    return found


def worker_memory(master_pid: int) -> dict[int, tuple[float, float]]:
    """pid -> (RSS, PSS) in MiB for each worker (child) of the gunicorn master."""
    return {pid: (m["Rss"], m["Pss"]) for pid, m in worker_rollups(master_pid).items()}


def worker_rollups(master_pid: int) -> dict[int, dict[str, float]]:
    found = {}
    for worker in psutil.Process(master_pid).children():
        try:
            found[worker.pid] = rollup(worker.pid)
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def memory_rows(
    served: Served, recorded: list[Recorded], store: Path, label: str, target: float = 250.0
) -> list[Result]:
    """Warm every page in every worker, then two rows: the largest worker's RSS and PSS."""
    warm(served.base, recorded, rounds=3, threads=4)
    workers = worker_rollups(served.master_pid)
    master = rollup(served.master_pid)
    each = ", ".join(
        f"RSS {m['Rss']:.0f} / PSS {m['Pss']:.0f} / private {m['Private']:.0f}"
        for m in workers.values()
    )
    pages = len({r.page for r in recorded})
    size = sum(f.stat().st_size for f in ([store] if store.is_file() else store.rglob("*.duckdb")))
    detail = (
        f"gunicorn -w {len(workers)} --preload, workers: {each} MiB; master RSS "
        f"{master['Rss']:.0f} / PSS {master['Pss']:.0f} MiB; after {pages} pages' callbacks x 12; "
        f"store {size / MIB:.0f} MiB on disk"
    )
    return [
        Result(
            f"RSS per worker{label}",
            max(m["Rss"] for m in workers.values()),
            target,
            "MiB",
            detail,
        ),
        Result(
            f"PSS per worker{label}",
            max(m["Pss"] for m in workers.values()),
            target,
            "MiB",
            "same run: shared pages split between the master and the workers",
        ),
    ]


def run() -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="ocse-bench-memory-") as folder:
        store = shipped_store(Path(folder))
        with serve(store) as served:
            return memory_rows(served, record(served.base), store, " (shipped store)")


if __name__ == "__main__":
    for result in run():
        print(result)
