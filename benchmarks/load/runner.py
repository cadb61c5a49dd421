"""`make load` and `make soak`: gunicorn -w 2 on loopback, locust headless against it, worker RSS.

    python -m benchmarks.load.runner load   # 50 users, spawn 10/s, 60 s
    python -m benchmarks.load.runner soak   # 10 users, spawn 2/s, 10 min, RSS every 10 s
    python -m benchmarks.load.runner cluster   # 200 users, 60 s, through nginx to 2 servers

Runs in the app's .venv (it starts the server and reads worker memory with psutil); locust runs
from .venv-load (`make load-env`). The server is `ocse serve --workers 2` on a free 127.0.0.1
port with the built store (OCSE_STORE, else build/ocse.duckdb); every recorded callback is sent
from four clients first, so both workers are warm, and the RSS then is the baseline. Locust's CSV
statistics and the RSS samples go to build/load/. The run is bounded by locust's --run-time and
the server is stopped afterwards, whatever happens. `cluster` starts two such servers on one
store and nginx in front of them (`cluster.py`), and sends the load through nginx.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from benchmarks.callbacks import load, serve, warm
from benchmarks.load.cluster import cluster
from benchmarks.memory import worker_memory
from dashboard.store import store_path

HERE = Path(__file__).parent
REPO = HERE.parents[1]
LOCUST = REPO / ".venv-load" / "bin" / "locust"
OUT = REPO / "build" / "load"
LAST = HERE / "last.json"
SERVERS = {
    "load": "gunicorn -w 2",
    "soak": "gunicorn -w 2",
    "cluster": "nginx in front of 2 servers x gunicorn -w 2",
}
PROFILES = {
    "load": {"users": 50, "rate": 10, "seconds": 60, "sample": 10, "p95_target_ms": 300},
    "soak": {"users": 10, "rate": 2, "seconds": 600, "sample": 10, "p95_target_ms": 300},
    # two servers x 2 workers behind nginx (benchmarks/load/cluster.py)
    "cluster": {"users": 200, "rate": 20, "seconds": 60, "sample": 10, "p95_target_ms": 500},
}


def all_workers(masters: list[int]) -> dict[int, tuple[float, float]]:
    return {pid: memory for master in masters for pid, memory in worker_memory(master).items()}


def cpu_seconds(masters: list[int]) -> dict[str, float]:
    """CPU time so far: the app's workers, this process's finished children (locust, once it has
    exited) and the whole machine (every core's busy time)."""
    workers = 0.0
    for master in masters:
        for child in psutil.Process(master).children(recursive=True):
            try:
                times = child.cpu_times()
            except psutil.NoSuchProcess:
                continue
            workers += times.user + times.system
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    machine = psutil.cpu_times()
    return {
        "workers": workers,
        "client": children.ru_utime + children.ru_stime,
        "machine": sum(machine) - machine.idle - getattr(machine, "iowait", 0.0),
    }


def sample_rss(masters: list[int], every: float, stop: threading.Event, rows: list) -> None:
    start = time.monotonic()
    while not stop.wait(every):
        for pid, (rss, pss) in all_workers(masters).items():
            rows.append((round(time.monotonic() - start), pid, round(rss, 1), round(pss, 1)))


def aggregated(stats_csv: Path) -> tuple[dict, list[dict]]:
    with stats_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return total, [r for r in rows if r["Name"] != "Aggregated"]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile", choices=PROFILES)
    parser.add_argument("--users", type=int)
    parser.add_argument("--rate", type=float)
    parser.add_argument("--seconds", type=int)
    args = parser.parse_args(argv)
    settings = {**PROFILES[args.profile]}
    for key in ("users", "rate", "seconds"):
        if getattr(args, key) is not None:
            settings[key] = getattr(args, key)
    if not LOCUST.exists():
        sys.exit(f"{LOCUST} is missing: run `make load-env`")
    store = store_path().resolve()
    if not store.exists():
        sys.exit(f"no store at {store}: run `make store`")
    OUT.mkdir(parents=True, exist_ok=True)
    prefix = OUT / args.profile
    recorded = load(HERE / "payloads")
    servers = cluster(store) if args.profile == "cluster" else serve(store, workers=2)
    with servers as served:
        masters = getattr(served, "master_pids", None) or [served.master_pid]
        warm(served.base, recorded, rounds=2, threads=4)
        baseline = all_workers(masters)
        samples: list = []
        stop = threading.Event()
        sampler = threading.Thread(
            target=sample_rss, args=(masters, settings["sample"], stop, samples)
        )
        sampler.start()
        cpu_before = cpu_seconds(masters)
        command = [
            str(LOCUST),
            "-f",
            str(HERE / "locustfile.py"),
            "--headless",
            "--host",
            served.base,
            "--users",
            str(settings["users"]),
            "--spawn-rate",
            str(settings["rate"]),
            "--run-time",
            f"{settings['seconds']}s",
            "--stop-timeout",
            "10",
            "--csv",
            str(prefix),
            "--only-summary",
            "--exit-code-on-error",
            "0",
        ]
        print(f"{' '.join(command)}", flush=True)
        started = time.monotonic()
        try:
            with (OUT / f"{args.profile}-locust.log").open("w") as log:
                subprocess.run(
                    command, stdout=log, stderr=subprocess.STDOUT, timeout=settings["seconds"] + 120
                )
        finally:
            stop.set()
            sampler.join()
        elapsed = time.monotonic() - started
        final = all_workers(masters)
        cpu_after = cpu_seconds(masters)
    cpu = {key: cpu_after[key] - cpu_before[key] for key in cpu_before}
    report(args.profile, settings, prefix, baseline, final, samples, elapsed, cpu)
    return 0


def remember(profile: str, figures: dict) -> None:
    """The run's summary into benchmarks/load/last.json, which `benchmarks.run load` tabulates."""
    last = json.loads(LAST.read_text(encoding="utf-8")) if LAST.exists() else {}
    last[profile] = figures
    LAST.write_text(json.dumps(last, indent=1) + "\n", encoding="utf-8")


def report(profile, settings, prefix, baseline, final, samples, elapsed, cpu) -> None:
    with (OUT / f"{profile}-rss.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["seconds", "pid", "rss_mib", "pss_mib"])
        writer.writerows(samples)
    total, rows = aggregated(Path(f"{prefix}_stats.csv"))
    print(
        f"\n{profile} on {dt.date.today().isoformat()}: {settings['users']} users, spawn "
        f"{settings['rate']}/s, {settings['seconds']} s (ran {elapsed:.0f} s), "
        f"{SERVERS[profile]}, 127.0.0.1; load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"{'request':48} {'count':>7} {'fail':>5} {'p50':>7} {'p95':>7} {'max':>8}  (ms)")
    for row in sorted(rows, key=lambda r: -float(r["95%"] or 0)):
        print(
            f"{row['Type'] + ' ' + row['Name']:48.48} {row['Request Count']:>7} "
            f"{row['Failure Count']:>5} {row['50%']:>7} {row['95%']:>7} "
            f"{float(row['Max Response Time']):8.0f}"
        )
    print(
        f"{'all requests':48} {total['Request Count']:>7} {total['Failure Count']:>5} "
        f"{total['50%']:>7} {total['95%']:>7} {float(total['Max Response Time']):8.0f}"
    )
    print(f"throughput {float(total['Requests/s']):.1f} requests/s")
    print(
        f"p95 {total['95%']} ms (target {settings['p95_target_ms']} ms); "
        f"errors {total['Failure Count']} of {total['Request Count']} requests"
    )
    requests = int(total["Request Count"])
    rest = cpu["machine"] - cpu["workers"] - cpu["client"]
    print(
        f"CPU over the run: app workers {cpu['workers']:.0f} s "
        f"({cpu['workers'] / max(requests, 1) * 1000:.1f} ms per request), locust "
        f"{cpu['client']:.0f} s, everything else {rest:.0f} s; "
        f"the machine's {os.cpu_count()} cores had {elapsed * os.cpu_count():.0f} s"
    )
    # Growth is counted from the first sample once every reader has arrived: their first
    # visits (pages, layouts, files, shared answers) fill what a worker keeps, which is not a leak
    arrived = settings["users"] / settings["rate"]
    settled = {}
    for pid, (rss, _) in baseline.items():
        end = final.get(pid)
        later = [s[2] for s in samples if s[1] == pid and s[0] >= arrived]
        settled[pid] = later[0] if later else rss
        peak = max([s[2] for s in samples if s[1] == pid] + [rss, end[0] if end else rss])
        grew = f"{(end[0] - settled[pid]) / settled[pid] * 100:+.1f}%" if end else "worker gone"
        print(
            f"worker {pid}: RSS {rss:.0f} MiB after warming, {settled[pid]:.0f} MiB once every "
            f"reader had arrived, {end[0] if end else float('nan'):.0f} MiB at the end, peak "
            f"{peak:.0f} MiB: growth {grew} since they arrived (target under 10% for the soak)"
        )
    growth = [(final[p][0] - settled[p]) / settled[p] * 100 for p in settled if p in final]
    remember(
        profile,
        {
            "date": dt.date.today().isoformat(),
            **settings,
            "requests": int(total["Request Count"]),
            "failures": int(total["Failure Count"]),
            "p50_ms": float(total["50%"]),
            "p95_ms": float(total["95%"]),
            "requests_per_s": round(float(total["Requests/s"]), 1),
            "rss_after_warming_mib": [round(rss) for rss, _ in baseline.values()],
            "rss_once_arrived_mib": [round(rss) for rss in settled.values()],
            "rss_growth_pct": round(max(growth), 1) if growth else None,
            "workers_restarted": len(set(final) - set(baseline)),
            "load_average": round(os.getloadavg()[0], 1),
            "cpu_s": {key: round(value, 1) for key, value in cpu.items()},
        },
    )
    fresh = set(final) - set(baseline)
    if fresh:
        print(f"new worker pids at the end: {sorted(fresh)} (a worker was restarted)")
    print(f"locust CSV: {prefix}_stats.csv; RSS samples: {OUT / (profile + '-rss.csv')}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
