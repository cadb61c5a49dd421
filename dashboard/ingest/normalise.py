"""Turn a RawTable (cells as printed) into checked observations, collecting every problem.

Rules, stated once:
- Numbers: thousands separators (`,` `'` thin and plain spaces), a trailing `%`, and footnote
  marks are printed decoration and are removed; anything else that is not a number is an error.
- Empty, "-" and ".." cells mean "not published": the row is skipped and listed as a notice.
- Periods: "2023" is the year; a span such as "2022-23" (a financial year) or "2022-2024" (a
  multi-year total) keeps the printed period and takes the LAST calendar year it touches as its
  reference year.
- Values of a non-negative unit (data/units.yaml) may not be negative; percentages may not
  exceed 100 (except change indicators); no year after the current one.
- The same (indicator, entity, period, category) twice in one source is an error: a duplicate
  row if the values agree, a conflicting value if they do not. One exception: a summable count
  printed under two different names for one country (NCMEC 2020-2021 list both "French Guiana"
  and "Guiana, French") is one figure in two rows; the rows are added, the observation's note
  names both, and a notice lists it. The publication's own total counts both rows.

Each rule runs once per distinct cell (a table repeats a few hundred names, indicators, periods
and flags over its rows) and its answer is spread back over the rows. A row's problems are listed
in reading order: by row, then entity, indicator, period, flags, value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.ingest.cells import NOT_PUBLISHED, parse_number, parse_period, per_cell, stripped
from dashboard.ingest.countries import NameResolver
from dashboard.ingest.problems import (
    PROBLEMS_LISTED,
    Problem,
    Reason,
    Severity,
    format_value,
    omitted_counts,
)
from dashboard.ingest.raw import RawTable
from dashboard.ingest.reference import Reference
from dashboard.models import Flag, Indicator, Source

OBSERVATION_COLUMNS = (
    "indicator source_id entity entity_as_published year period category value unit "
    "flags source_url note file row"
).split()
KEY = ["indicator", "entity", "period", "category"]
VALID_FLAGS = {f.value for f in Flag}
FIRST_YEAR = 1990  # an earlier reference year is refused as unreadable (bad_year)
# A table names a few hundred places; looking up each costs a third of a millisecond, so a file
# naming a million different ones would take minutes. Past this many it is refused as it is.
NAMES_LOOKED_UP = 5_000
# the order a row's problems are listed in
ENTITY, INDICATOR, PERIOD_CHECK, FLAGS, VALUE = range(5)


class Found:
    """Problems with their row's position and their place in the row, listed in reading order.

    Only the first `limit` problems in reading order become records; the others are counted by
    reason (`omitted_counts`), and no message is written for them: a file with an error on each
    of a million rows is refused in seconds, not minutes, and its list stays short.
    """

    def __init__(self, file: str, rows: np.ndarray, limit: int = PROBLEMS_LISTED):
        self.file, self.rows, self.limit = file, rows, limit
        self.failed = np.zeros(len(rows), dtype=bool)
        self.items: list[tuple[int, int, int, Problem]] = []
        self.counts: Counter[tuple[Reason, Severity]] = Counter()
        self.extra: list[Problem] = []  # about the whole file, listed first

    def add(
        self,
        mask: np.ndarray,
        check: int,
        column: str,
        reason: Reason,
        message: Callable[[int], str],
        severity: Severity = Severity.ERROR,
    ) -> None:
        """One problem for each row in `mask`; `message` is given the row's position.

        One call gives a row at most one problem, so a problem past the call's first `limit`
        rows cannot be among the first `limit` of all: it is counted, not written.
        """
        positions = np.flatnonzero(mask)
        if severity is Severity.ERROR:
            self.failed[positions] = True
        self.counts[reason, severity] += len(positions)
        for position in positions[: self.limit].tolist():
            problem = Problem(
                self.file, int(self.rows[position]), column, reason, message(position), severity
            )
            self.items.append((position, check, len(self.items), problem))

    def add_several(
        self,
        counts: np.ndarray,
        check: int,
        column: str,
        reason: Reason,
        messages: Callable[[int], list[str]],
    ) -> None:
        """`counts[i]` error problems for row i (several unknown flags in one cell)."""
        positions = np.flatnonzero(counts)
        self.failed[positions] = True
        self.counts[reason, Severity.ERROR] += int(counts[positions].sum())
        written = 0
        for position in positions.tolist():
            if written >= self.limit:
                break
            for text in messages(position)[: self.limit - written]:
                problem = Problem(self.file, int(self.rows[position]), column, reason, text)
                self.items.append((position, check, len(self.items), problem))
                written += 1

    def problems(self) -> list[Problem]:
        ordered = [item[3] for item in sorted(self.items, key=lambda item: item[:3])]
        kept = ordered[: self.limit]
        rest = self.counts.copy()
        rest.subtract(Counter((p.reason, p.severity) for p in kept))
        return self.extra + kept + omitted_counts(self.file, rest)


def normalise(
    raw: RawTable,
    source: Source,
    reference: Reference,
    this_year: int | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    this_year = this_year or dt.date.today().year
    frame = raw.frame
    found = Found(raw.file, frame["row"].to_numpy())
    entities = _entities(frame, reference.resolver, found)
    known = _indicators(frame["indicator"], reference.indicators, found)
    periods, years = _periods(frame["period"], this_year, found)
    flags = _flags(frame["flags"], known, years, found)
    values, missing = _values(frame, known, periods, reference.non_negative_units, found)

    kept = ~found.failed & ~missing
    count = int(kept.sum())
    if not count:
        observations = pd.DataFrame([], columns=OBSERVATION_COLUMNS)
    else:
        texts = {
            "indicator": [i.id for i in known[kept]],
            "source_id": [source.id] * count,
            "entity": entities[kept],
            "entity_as_published": per_cell(frame["entity_as_published"], str)[kept],
            "period": periods[kept],
            "category": per_cell(frame["category"], stripped)[kept],
            "unit": [i.unit for i in known[kept]],
            "flags": flags[kept],
            "source_url": per_cell(frame["source_url"], lambda c: stripped(c) or source.url)[kept],
            "note": per_cell(frame["note"], stripped)[kept],
            "file": [raw.file] * count,
        }
        columns = {name: pd.Series(cells, dtype="str") for name, cells in texts.items()}
        columns["year"] = pd.Series(years[kept], dtype="int64")
        columns["value"] = pd.Series(values[kept], dtype="float64")
        columns["row"] = pd.Series(found.rows[kept], dtype="int64")
        observations = pd.DataFrame({c: columns[c] for c in OBSERVATION_COLUMNS})

    observations, merged = _merge_split_rows(observations, reference.indicators, raw.file)
    duplicates = _duplicates(observations, raw.file)
    return observations, [*raw.problems, *found.problems(), *merged, *duplicates]


def _entities(frame: pd.DataFrame, resolver: NameResolver, found: Found) -> np.ndarray:
    """Each row's entity: the code the file gives, else its name resolved ("" for neither)."""
    names, code_cells = frame["entity_as_published"], frame["entity"]
    codes = per_cell(code_cells, stripped)
    given = codes != ""
    # names are resolved for the rows whose code cell is empty as read
    distinct = list(pd.unique(names[(code_cells == "").to_numpy()]))
    if len(distinct) > NAMES_LOOKED_UP:
        message = (
            f"the file names {len(distinct):,} different places; only the first "
            f"{NAMES_LOOKED_UP:,} were looked up, the others count as unknown"
        )
        found.extra.append(
            Problem(found.file, None, "entity_as_published", Reason.UNKNOWN_COUNTRY, message)
        )
    resolved = resolver.resolve_many(distinct[:NAMES_LOOKED_UP])
    by_name = per_cell(names, lambda name: resolved.get(str(name)) or "")
    found.add(
        given & ~per_cell(code_cells, lambda cell: resolver.is_code(stripped(cell)), bool),
        ENTITY,
        "entity",
        Reason.UNKNOWN_COUNTRY,
        lambda i: f"{codes[i]!r} is not an ISO3 or region code",
    )
    hints: dict[str, str] = {}

    def unknown(i: int) -> str:
        name = str(names.iloc[i])
        if name not in hints:
            near = resolver.candidates(name)
            hints[name] = f"; closest: {', '.join(near)}" if near else ""
        return (
            f"unknown country or region {name!r}{hints[name]}. Add it to "
            "data/country_aliases.yaml or data/regions.yaml"
        )

    found.add(
        (by_name == "") & ~given, ENTITY, "entity_as_published", Reason.UNKNOWN_COUNTRY, unknown
    )
    return np.where(given, codes, by_name)


def _indicators(column: pd.Series, indicators: dict[str, Indicator], found: Found) -> np.ndarray:
    """Each row's Indicator, or None when data/indicators.yaml has no such id."""
    known = per_cell(column, lambda cell: indicators.get(str(cell)))
    found.add(
        per_cell(column, lambda cell: str(cell) not in indicators, bool),
        INDICATOR,
        "indicator",
        Reason.UNKNOWN_INDICATOR,
        lambda i: f"indicator {column.iloc[i]!r} is not in data/indicators.yaml",
    )
    return known


def _periods(column: pd.Series, this_year: int, found: Found) -> tuple[np.ndarray, np.ndarray]:
    """Each row's period as printed (stripped) and its reference year (0 when unreadable)."""
    periods = per_cell(column, stripped)
    years = per_cell(column, lambda cell: parse_period(stripped(cell)) or 0, np.int64)
    found.add(
        years < FIRST_YEAR,
        PERIOD_CHECK,
        "period",
        Reason.BAD_YEAR,
        lambda i: f"cannot read a year from {periods[i]!r}",
    )
    found.add(
        (years >= FIRST_YEAR) & (years > this_year),
        PERIOD_CHECK,
        "period",
        Reason.FUTURE_YEAR,
        lambda i: f"year {years[i]} is in the future",
    )
    return periods, years


def _flags(column: pd.Series, known: np.ndarray, years: np.ndarray, found: Found) -> np.ndarray:
    """Each row's flags as stored, with series_break added in the first year of a new method."""
    codes, cells = pd.factorize(column, use_na_sentinel=False)
    listed = [[f for f in str(cell).split(";") if f.strip()] for cell in cells]
    unknown = [[f for f in cell_flags if f.strip() not in VALID_FLAGS] for cell_flags in listed]
    found.add_several(
        np.asarray([len(flags) for flags in unknown], dtype=np.int64)[codes],
        FLAGS,
        "flags",
        Reason.UNKNOWN_FLAG,
        lambda i: [f"unknown flag {flag!r}" for flag in unknown[codes[i]]],
    )

    def joined(cell_flags: list[str]) -> str:
        return ";".join(dict.fromkeys(f.strip() for f in cell_flags))

    plain = np.asarray([joined(f) for f in listed], dtype=object)
    with_break = np.asarray([joined([*f, Flag.SERIES_BREAK.value]) for f in listed], dtype=object)
    breaks = np.asarray(
        [i is not None and year in i.breaks for i, year in zip(known, years, strict=True)],
        dtype=bool,
    )
    return np.where(breaks, with_break[codes], plain[codes])


def _values(
    frame: pd.DataFrame,
    known: np.ndarray,
    periods: np.ndarray,
    non_negative: set[str],
    found: Found,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's number (nan if none) and whether its cell says "not published"; problems for
    cells that are not numbers and numbers that cannot be right."""
    # worked out once per distinct cell, then spread over the rows
    codes, cells = pd.factorize(frame["value"], use_na_sentinel=False)
    texts = np.asarray([stripped(cell) for cell in cells], dtype=object)
    missing = np.asarray([text.casefold() in NOT_PUBLISHED for text in texts], dtype=bool)
    numbers = [None if gone else parse_number(t) for t, gone in zip(texts, missing, strict=True)]
    bad = ~missing & np.asarray([n is None for n in numbers], dtype=bool)
    values = np.asarray([np.nan if n is None else n for n in numbers], dtype=np.float64)
    texts, missing, bad, values = texts[codes], missing[codes], bad[codes], values[codes]
    names = frame["entity_as_published"]
    found.add(
        missing,
        VALUE,
        "value",
        Reason.MISSING_VALUE,
        lambda i: (
            f"no value ({texts[i]!r}) for {names.iloc[i]} {periods[i]}: skipped as not published"
        ),
        Severity.NOTICE,
    )
    found.add(bad, VALUE, "value", Reason.BAD_NUMBER, lambda i: f"{texts[i]!r} is not a number")
    counts = np.asarray([i is not None and i.unit in non_negative for i in known], bool)
    shares = np.asarray(
        [i is not None and i.unit == "percent" and "change" not in i.id for i in known], bool
    )
    with np.errstate(invalid="ignore"):
        negative, over = values < 0, values > 100
    found.add(
        counts & negative,
        VALUE,
        "value",
        Reason.NEGATIVE_COUNT,
        lambda i: f"negative count {texts[i]}",
    )
    found.add(
        shares & over,
        VALUE,
        "value",
        Reason.PERCENT_OVER_100,
        lambda i: f"percentage {texts[i]} is over 100",
    )
    return values, missing


def _merge_split_rows(
    observations: pd.DataFrame, indicators: dict[str, Indicator], file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """One country's figure printed under two names is added up (see the module docstring)."""
    repeated = observations.duplicated(KEY, keep=False).to_numpy()
    if not repeated.any():
        return observations, []
    merged, problems, drop = [], [], []
    for _, group in observations[repeated].groupby(KEY, sort=True):
        indicator = indicators[group.iloc[0]["indicator"]]
        names = group["entity_as_published"]
        if not indicator.summable or names.duplicated().any():
            continue
        first = group.iloc[0].to_dict()
        parts = [
            f"{n!r} {format_value(v)} (row {r})"
            for n, v, r in zip(names, group["value"], group["row"], strict=True)
        ]
        first["value"] = float(group["value"].sum())
        first["entity_as_published"] = " + ".join(names)
        first["note"] = f"sum of rows printed separately for one country: {', '.join(parts)}"
        merged.append(first)
        drop += list(group.index)
        problems.append(
            Problem(
                file,
                int(first["row"]),
                "entity_as_published",
                Reason.REPEATED_FIGURE,
                f"{indicator.id} {first['period']}: {', '.join(parts)} name one country "
                f"({first['entity']}); added to {format_value(first['value'])}",
                Severity.NOTICE,
            )
        )
    kept = observations.drop(index=drop)
    return pd.concat(
        [kept, pd.DataFrame(merged, columns=OBSERVATION_COLUMNS)], ignore_index=True
    ), problems


def _duplicates(observations: pd.DataFrame, file: str) -> list[Problem]:
    repeated = observations.duplicated(KEY, keep=False).to_numpy()
    if not repeated.any():
        return []
    problems = []
    for _, group in observations[repeated].groupby(KEY, sort=True):
        first = group.iloc[0]
        what = f"{first['indicator']} {first['entity_as_published']} {first['period']}"
        what += f" {first['category']}" if first["category"] else ""
        for _, later in group.iloc[1:].iterrows():
            if later["value"] == first["value"]:
                reason, text = Reason.DUPLICATE_ROW, f"duplicate of row {first['row']} ({what})"
            else:
                reason = Reason.CONFLICTING_VALUE
                text = (
                    f"{what}: {format_value(later['value'])} conflicts with "
                    f"{format_value(first['value'])} "
                    f"in row {first['row']}"
                )
            problems.append(Problem(file, int(later["row"]), "value", reason, text))
    return problems
