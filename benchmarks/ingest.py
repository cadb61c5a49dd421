"""Ingest (read + normalise) of every shipped table, and of a 100,000-row long CSV.

Targets (the issue): each file under data/sources/* and data/context ingests in under 1 s; a
100,000-row long CSV in under 5 s. "Ingest" is what `ocse build` does per table: the layout's
reader (`dashboard.ingest.readers.read`) then `normalise`, every check included. Each run starts
with a resolver that has seen no names, as a fresh `ocse ingest` does, so country_converter's
matching of every distinct name is in the figure; the detail also gives the slowest file once
its names are resolved, as for most files of a build, where one resolver serves every file.
Medians of three runs per file.

The 100,000-row file is SYNTHETIC: generated here with a seeded numpy generator into a temporary
folder and deleted afterwards; it is never committed and its numbers are not published figures.
It uses the layout of the shipped long tables (`country_as_published,year,indicator,value`), 200
real country names (each resolving to a different code), years 1990-2024 and the count indicators
of data/indicators.yaml, so every (indicator, country, year) appears once and every row is valid;
about half the values are printed with thousands separators, as NCMEC prints them.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.timing import Result, median_seconds
from dashboard.ingest.catalogue import source_metas
from dashboard.ingest.countries import NameResolver, country_table
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.normalise import normalise
from dashboard.ingest.problems import errors
from dashboard.ingest.readers import read
from dashboard.ingest.reference import Reference, load_reference
from dashboard.models import Indicator, Source
from dashboard.store import data_dir

FILE_TARGET_SECONDS = 1.0
SYNTHETIC_TARGET_SECONDS = 5.0
ROWS = 100_000
COUNTRIES = 200
YEARS = range(1990, 2025)
SEED = 20240601
# units whose values are plain counts: a random non-negative integer is a valid figure for them
LAYOUT = TableLayout(
    file="SYNTHETIC-long-100k.csv",
    layout="long",
    columns={"entity_as_published": "country_as_published", "period": "year"},
)
SYNTHETIC_SOURCE = Source(
    id="synthetic-benchmark",
    publisher="benchmarks/ingest.py",
    title="SYNTHETIC long table for the ingest benchmark (not published figures)",
    url="https://example.org/synthetic-benchmark",
    licence="synthetic test data",
    reliability="third_party_transcription",
)


class FreshNames:
    """data/'s reference facts with a name resolver that has seen no names, made anew
    (untimed) before each timed run."""

    def __init__(self, data: Path):
        self.reference = load_reference(data)[0]
        self.renew()

    def renew(self) -> Reference:
        resolver = self.reference.resolver
        fresh = NameResolver(list(resolver.regions.values()), resolver.aliases)
        self.reference = replace(self.reference, resolver=fresh)
        return self.reference


def ingest(
    path: Path,
    layout: TableLayout,
    source: Source,
    indicators: dict[str, Indicator],
    names: FreshNames,
) -> tuple[pd.DataFrame, list]:
    """What a build does with one table."""
    return normalise(read(path, layout), source, names.reference)


def timed_ingest(
    path: Path,
    layout: TableLayout,
    source: Source,
    indicators: dict[str, Indicator],
    names: FreshNames,
    runs: int,
    fresh: bool = True,
) -> float:
    """Median seconds; `fresh=False` keeps the resolver, which then knows the file's names."""
    seconds, _ = median_seconds(
        lambda: ingest(path, layout, source, indicators, names),
        runs,
        setup=names.renew if fresh else None,
    )
    return seconds


def shipped_files(data: Path, runs: int) -> list[Result]:
    indicators = load_reference(data)[0].indicators
    names = FreshNames(data)
    metas, _ = source_metas(data)
    timed: list[tuple[float, str, int]] = []
    known: list[tuple[float, str]] = []  # the same with every name already resolved
    for folder, meta in metas:
        source = meta.source()
        for layout in meta.tables:
            path = folder / layout.file
            observations, problems = ingest(path, layout, source, indicators, names)  # warm-up
            if errors(problems):
                raise RuntimeError(f"{path} does not ingest: {errors(problems)[:3]}")
            seconds = timed_ingest(path, layout, source, indicators, names, runs)
            timed.append((seconds, str(path.relative_to(data)), len(observations)))
            again = timed_ingest(path, layout, source, indicators, names, runs, fresh=False)
            known.append((again, str(path.relative_to(data))))
    slowest, name, rows = max(timed)
    total = sum(seconds for seconds, _, _ in timed)
    slowest_known, name_known = max(known)
    detail = (
        f"slowest of {len(timed)} tables: {name} ({rows:,} observations); all of them "
        f"together {total:.2f} s; median of {runs} per file, fresh name resolver each run. "
        f"With the names already resolved, as for most files of a build: slowest "
        f"{slowest_known:.3f} s ({name_known})"
    )
    return [Result("ingest, slowest shipped file", slowest, FILE_TARGET_SECONDS, "s", detail)]


def country_names(resolver: NameResolver, count: int = COUNTRIES) -> list[str]:
    """Real printed names, each resolving to a different code, so no two rows share a key."""
    names = list(country_table()["name"])
    codes = resolver.resolve_many(names)
    chosen: dict[str, str] = {}
    for name in names:
        code = codes.get(name)
        if code and code not in chosen.values():
            chosen[name] = code
    if len(chosen) < count:
        raise RuntimeError(f"only {len(chosen)} country names resolve to distinct codes")
    return list(chosen)[:count]


def generate(path: Path, reference: Reference) -> None:
    """Write the SYNTHETIC file: country-major, as published tables are."""
    rng = np.random.default_rng(SEED)
    names = country_names(reference.resolver)
    indicators = reference.indicators
    ids = sorted(i.id for i in indicators.values() if i.unit in reference.non_negative_units)
    if len(names) * len(YEARS) * len(ids) < ROWS:
        raise RuntimeError(f"{len(names)} x {len(YEARS)} x {len(ids)} keys < {ROWS} rows")
    country, rest = np.divmod(np.arange(ROWS), len(YEARS) * len(ids))
    year, indicator = np.divmod(rest, len(ids))
    values = np.minimum(np.floor(rng.lognormal(mean=7.0, sigma=2.5, size=ROWS)), 10**9)
    values = values.astype(np.int64)
    separated = rng.random(ROWS) < 0.5  # the CSV writer quotes "1,234,567"
    printed = [f"{v:,}" if s else str(v) for v, s in zip(values.tolist(), separated, strict=True)]
    frame = pd.DataFrame(
        {
            "country_as_published": np.asarray(names, dtype=object)[country],
            "year": np.asarray(list(YEARS))[year],
            "indicator": np.asarray(ids, dtype=object)[indicator],
            "value": printed,
        }
    )
    frame.to_csv(path, index=False)


def synthetic_file(data: Path, runs: int) -> list[Result]:
    reference = load_reference(data)[0]
    indicators = reference.indicators
    with tempfile.TemporaryDirectory(prefix="ocse-bench-ingest-") as folder:
        path = Path(folder) / LAYOUT.file
        generate(path, reference)
        size = path.stat().st_size / 1e6
        names = FreshNames(data)
        observations, problems = ingest(path, LAYOUT, SYNTHETIC_SOURCE, indicators, names)
        if errors(problems) or len(observations) != ROWS:
            raise RuntimeError(f"{len(observations)} observations; {errors(problems)[:3]}")
        seconds = timed_ingest(path, LAYOUT, SYNTHETIC_SOURCE, indicators, names, runs)
    detail = (
        f"{ROWS:,} rows, {COUNTRIES} countries, {size:.1f} MB, SYNTHETIC (generated); "
        f"median of {runs} after one untimed run, fresh name resolver each run"
    )
    return [Result("ingest, 100,000-row long CSV", seconds, SYNTHETIC_TARGET_SECONDS, "s", detail)]


def run(runs: int = 3) -> list[Result]:
    data = data_dir()
    return shipped_files(data, runs) + synthetic_file(data, runs)


if __name__ == "__main__":
    for result in run():
        print(result)
