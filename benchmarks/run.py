"""Run every benchmark and rewrite benchmarks/README.md with the figures and the machine.

`python -m benchmarks.run` (what `make bench` runs); `python -m benchmarks.run ingest` runs
only the named ones and keeps the other benchmarks' latest figures (benchmarks/results.json).
To add a benchmark (the app's pages, say), write a module with `run() -> list[Result]` and a
docstring, and add it to REGISTRY: the README lists its figures and its docstring.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import json
import os
import platform
import sys
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from benchmarks import (
    brief,
    build,
    callbacks,
    ingest,
    memory,
    page_load,
    publish,
    slow_link,
    synthetic_store,
)
from benchmarks.load import figures as load_figures
from benchmarks.timing import Result

REGISTRY: list[tuple[str, Callable[[], list[Result]]]] = [
    ("build", build.run),
    ("ingest", ingest.run),
    ("brief", brief.run),
    ("callbacks", callbacks.run),
    ("page_load", page_load.run),
    ("slow_link", slow_link.run),
    ("memory", memory.run),
    ("synthetic_1m", synthetic_store.run),
    ("load", load_figures.run),
    ("publish", publish.run),
]
README = Path(__file__).with_name("README.md")
RESULTS = Path(__file__).with_name("results.json")
PACKAGES = ("pandas", "pyarrow", "duckdb", "numpy")


def machine() -> dict[str, str]:
    """CPU model, cores, memory and versions: a figure means little without them."""
    cpu = platform.processor() or platform.machine()
    ram = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024**2:.0f} GiB"
                break
    except OSError:
        pass
    info = {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram or "unknown",
        "Python": platform.python_version(),
    }
    info.update({name: version(name) for name in PACKAGES})
    return info


def _number(value: float, unit: str) -> str:
    if value == float("inf"):
        return "-"
    return f"{value:.2f} {unit}" if unit == "x" else f"{value:.3f} {unit}"


def _described(name: str) -> str:
    """A benchmark's module docstring, as a README bullet: the module says what it measures."""
    run = dict(REGISTRY)[name]
    doc = inspect.getdoc(sys.modules[run.__module__]) or ""
    text = "\n\n  ".join(" ".join(paragraph.split()) for paragraph in doc.split("\n\n"))
    return f"- `{name}` (`{run.__module__.replace('.', '/')}.py`): {text}"


def load_results() -> dict[str, dict]:
    """The latest figures of every benchmark, kept so that running one leaves the others' rows."""
    if not RESULTS.exists():
        return {}
    return json.loads(RESULTS.read_text(encoding="utf-8"))


def readme(recorded: dict[str, dict]) -> str:
    names = [name for name, _ in REGISTRY if name in recorded]
    rows = "\n".join(
        f"| {r.name} | {_number(r.measured, r.unit)} | "
        f"{'reference' if r.target == float('inf') else '<= ' + _number(r.target, r.unit)} | "
        f"{'' if r.target == float('inf') else ('yes' if r.met else '**no**')} | "
        f"{recorded[name]['date']} | {r.detail} |"
        for name in names
        for r in (Result(**row) for row in recorded[name]["results"])
    )
    machines: dict[str, list[str]] = {}
    for name in names:
        specs = ", ".join(f"{k} {v}" for k, v in recorded[name]["machine"].items())
        machines.setdefault(specs, []).append(name)
    taken_on = "\n".join(f"- {', '.join(n)}: {specs}." for specs, n in machines.items())
    described = "\n".join(_described(name) for name, _ in REGISTRY)
    return f"""# Benchmarks

Measured figures against the targets in the issue. They are measurements, not tests: nothing
here fails a build, and `make test` never runs them.

## Latest figures

| benchmark | measured | target | met? | taken | what was measured |
|---|---|---|---|---|---|
{rows}

Taken on:
{taken_on}

Timings are medians of three runs, wall clock, on a machine that may be running other work: on
two cores, expect a spread of 20-50% between runs.

## How to run

```sh
make bench                                     # builds the store if needed, then runs all
.venv/bin/python -m benchmarks.run             # the same, without make
.venv/bin/python -m benchmarks.run ingest      # only the named ones; the others' rows stay
```

Each run records its figures in `benchmarks/results.json` and rewrites this file from it.

## What each benchmark measures

{described}

To add one, write `benchmarks/<name>.py` with `run() -> list[Result]` (see `timing.py`) and a
docstring saying what it measures and against which target, and add it to `REGISTRY` in
`run.py`: its rows and its description appear here.
"""


def main(names: list[str]) -> None:
    chosen = [(name, run) for name, run in REGISTRY if not names or name in names]
    unknown = set(names) - {name for name, _ in REGISTRY}
    if unknown:
        sys.exit(f"no benchmark {', '.join(sorted(unknown))}; known: {[n for n, _ in REGISTRY]}")
    recorded = load_results()
    for name, run in chosen:
        print(f"running {name} ...", flush=True)
        found = run()
        for result in found:
            target = "" if result.target == float("inf") else f" (target {result.target:.3g})"
            print(f"  {result.name}: {result.measured:.3f} {result.unit}{target}")
        recorded[name] = {
            "date": dt.date.today().isoformat(),
            "machine": machine(),
            "results": [dataclasses.asdict(result) for result in found],
        }
        RESULTS.write_text(json.dumps(recorded, indent=1) + "\n", encoding="utf-8")
        README.write_text(readme(recorded), encoding="utf-8")
    print(f"wrote {RESULTS.name} and {README.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
