"""Ingest of a 1,000,000-row long CSV against a plain pyarrow read of the same file.

Target (the issue): the project's path (`read_long` + `normalise`: decoding, parsing, names,
numbers, every check) within 3x the time of `pyarrow.csv.read_csv` with default options.

The file is SYNTHETIC: generated here with a seeded numpy generator into a temporary folder and
deleted afterwards; it is never committed and its numbers are not published figures. It uses the
layout of the shipped long tables (`country_as_published,year,indicator,value`), real country names
(each resolving to a different code), years 1990-2024 and the count indicators of
data/indicators.yaml, so every (indicator, country, year) appears once and every row is valid.
"""

from __future__ import annotations

import statistics
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.csv as pacsv

from benchmarks.timing import Result, median_seconds, seconds
from dashboard.ingest.catalogue import reference_data
from dashboard.ingest.countries import NameResolver, country_table
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.normalise import normalise
from dashboard.ingest.problems import errors
from dashboard.ingest.tables import read_long
from dashboard.models import Indicator, Source
from dashboard.store import data_dir

ROWS = 1_000_000
COUNTRIES = 200
YEARS = range(1990, 2025)
SEED = 20240601
TARGET_RATIO = 3.0
# units whose values are plain counts: a random non-negative integer is a valid figure for them
COUNT_UNITS = {"count", "reports", "files", "incidents", "people", "minutes"}

LAYOUT = TableLayout(
    file="SYNTHETIC-long-1m.csv",
    layout="long",
    columns={"entity_as_published": "country_as_published", "period": "year"},
)
SOURCE = Source(
    id="synthetic-benchmark",
    publisher="benchmarks/ingest_long.py",
    title="SYNTHETIC long table for the ingest benchmark (not published figures)",
    url="https://example.org/synthetic-benchmark",
    licence="synthetic test data",
    reliability="third_party_transcription",
)


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


def count_indicators(indicators: dict[str, Indicator]) -> list[str]:
    return sorted(i.id for i in indicators.values() if i.unit in COUNT_UNITS)


def generate(path: Path, indicators: dict[str, Indicator], resolver: NameResolver) -> int:
    """Write the synthetic file; returns its row count. Country-major, as published tables are."""
    rng = np.random.default_rng(SEED)
    names = country_names(resolver)
    ids = count_indicators(indicators)
    grid = len(names) * len(YEARS) * len(ids)
    if grid < ROWS:
        raise RuntimeError(f"{len(names)} x {len(YEARS)} x {len(ids)} keys < {ROWS} rows")
    position = np.arange(ROWS)
    country, rest = np.divmod(position, len(YEARS) * len(ids))
    year, indicator = np.divmod(rest, len(ids))
    values = np.floor(rng.lognormal(mean=7.0, sigma=2.5, size=ROWS)).astype(np.int64)
    values = np.minimum(values, 10**9)
    # about half the values are printed with thousands separators ("1,234,567"), as NCMEC prints
    # them; the CSV writer quotes those cells
    separated = rng.random(ROWS) < 0.5
    text = np.where(
        separated,
        pd.Series(values).map("{:,}".format).to_numpy(dtype=object),
        values.astype(str).astype(object),
    )
    frame = pd.DataFrame(
        {
            "country_as_published": np.asarray(names, dtype=object)[country],
            "year": np.asarray(list(YEARS))[year],
            "indicator": np.asarray(ids, dtype=object)[indicator],
            "value": text,
        }
    )
    frame.to_csv(path, index=False)
    return ROWS


def ingest(path: Path, indicators: dict[str, Indicator], resolver: NameResolver) -> pd.DataFrame:
    raw = read_long(path, LAYOUT)
    observations, problems = normalise(raw, SOURCE, indicators, resolver)
    if errors(problems) or len(observations) != ROWS:
        found = errors(problems)[:3]
        raise RuntimeError(f"{len(observations)} observations, problems such as {found}")
    return observations


def run(runs: int = 7) -> list[Result]:
    data = data_dir()
    indicators, resolver, _ = reference_data(data)
    with tempfile.TemporaryDirectory(prefix="ocse-bench-synthetic-") as folder:
        path = Path(folder) / LAYOUT.file
        generate(path, indicators, resolver)  # resolves the 200 names: `resolver` knows them
        size = path.stat().st_size / 1e6
        # one untimed run of each first: the first run in a process also pays for growing the
        # heap (page faults on fresh memory), which is not what a row costs
        pacsv.read_csv(path)
        cold = seconds(lambda: ingest(path, indicators, resolver))
        # one after the other in each run, so that a busy moment slows both, not one
        plain_times, our_times = [], []
        for _ in range(runs):
            plain_times.append(seconds(lambda: pacsv.read_csv(path)))
            our_times.append(seconds(lambda: ingest(path, indicators, resolver)))
        plain, ours = statistics.median(plain_times), statistics.median(our_times)
        ratio = statistics.median(o / p for o, p in zip(our_times, plain_times, strict=True))
        fastest = min(our_times) / min(plain_times)
        # what a resolver that has seen none of the names adds, as in a fresh `ocse ingest`
        # process: country_converter's regexes, once per distinct name, whatever the row count
        names = country_names(resolver)
        resolvers: list[NameResolver] = []
        fresh, _ = median_seconds(
            lambda: resolvers[-1].resolve_many(names),
            runs,
            setup=lambda: resolvers.append(reference_data(data)[1]),
        )
    detail = f"{ROWS:,} rows, {size:.0f} MB, synthetic; median of {runs} after one untimed run"
    warm = (
        f"names known to the resolver (a fresh one adds {fresh:.2f} s for the {COUNTRIES}); "
        f"the untimed first run took {cold:.2f} s"
    )
    return [
        Result("pyarrow.csv.read_csv, default options", plain, float("inf"), "s", detail),
        Result("read_long + normalise", ours, TARGET_RATIO * plain, "s", f"{detail}; {warm}"),
        Result(
            "ingest / pyarrow",
            ratio,
            TARGET_RATIO,
            "x",
            f"median of the {runs} runs' ratios; fastest run / fastest run {fastest:.2f} x",
        ),
    ]


if __name__ == "__main__":
    for result in run():
        print(result)
