"""Turn a RawTable (cells as printed) into checked observations, collecting every problem.

Rules, stated once:
- Numbers: thousands separators (`,` `'` thin and plain spaces), a trailing `%`, and footnote
  marks are printed decoration and are removed; anything else that is not a number is an error.
- Empty, "-" and ".." cells mean "not published": the row is skipped and listed as a notice.
- Periods: "2023" is the year; a span such as "2022-23" (a financial year) or "2022-2024" (a
  multi-year total) keeps the printed period and takes the LAST calendar year it touches as its
  reference year.
- Counts may not be negative; percentages may not exceed 100 (except change indicators);
  no year after the current one.
- The same (indicator, entity, period, category) twice in one source is an error: a duplicate
  row if the values agree, a conflicting value if they do not. One exception: a summable count
  printed under two different names for one country (NCMEC 2020-2021 list both "French Guiana"
  and "Guiana, French") is one figure in two rows; the rows are added, the observation's note
  names both, and a notice lists it. The publication's own total counts both rows.

The checks run on whole columns: names, indicators, periods and flags once per distinct value
(a million rows hold a few hundred names), plain numbers ("1,234", "12.5%") by pyarrow, anything
else by `parse_number`. Problems are built only for the rows that have them, in the order a row
by row reading would list them: by row, then entity, indicator, period, flags, value.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.countries import NameResolver
from dashboard.ingest.problems import Problem, Reason, Severity, format_value
from dashboard.ingest.raw import RawTable
from dashboard.ingest.text_columns import constant_text, is_blank, text_chunks
from dashboard.models import Flag, Indicator, Source

OBSERVATION_COLUMNS = [
    "indicator",
    "source_id",
    "entity",
    "entity_as_published",
    "year",
    "period",
    "category",
    "value",
    "unit",
    "flags",
    "source_url",
    "note",
    "file",
    "row",
]
KEY = ["indicator", "entity", "period", "category"]
NOT_PUBLISHED = {"", "-", "–", "—", "..", "n/a", "na."}
DECORATION = re.compile(r"[,'\u00a0\u202f\u2009 *†‡]")
PERIOD = re.compile(r"^(\d{4})(?:\s*[-–/]\s*(\d{2}|\d{4}))?$")
VALID_FLAGS = {f.value for f in Flag}
NON_NEGATIVE_UNITS = {"reports", "files", "incidents", "count", "people", "rank", "minutes"}
TEXT_COLUMNS = ["entity_as_published", "entity", "indicator", "period", "category", "flags"]
TEXT_COLUMNS += ["source_url", "note"]
# Cells parse_number reads as pyarrow does once `,` `*` `%` are dropped: nothing to strip, no other
# decoration, nothing float() reads that pyarrow does not ("1_000", "nan", "1e3", " 5", ...).
PLAIN_NUMBER = r"^-?[0-9][0-9,]*(?:\.[0-9]+)?\**%?\**$"
PLAIN_DECORATION = r"[,*%]"
COMMA, ZERO = ord(","), np.uint8(ord("0"))  # bytes: `kept - ZERO` wraps below "0" to >= 10
# the order a row's problems are listed in
ENTITY, INDICATOR, PERIOD_CHECK, FLAGS, VALUE = range(5)


def parse_period(text: str) -> int | None:
    match = PERIOD.match(text.strip())
    if not match:
        return None
    start, end = match.group(1), match.group(2)
    if end is None:
        return int(start)
    return int(start[: 4 - len(end)] + end) if len(end) == 2 else int(end)


def parse_number(text: str) -> float | None:
    cleaned = DECORATION.sub("", text.strip())
    cleaned = cleaned.removesuffix("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


@dataclass
class Distinct:
    """A column as codes into its distinct cells, so that each rule runs once per distinct cell.

    `cells` are what a row-by-row reading sees: the text, or nan for a missing cell. `array` is
    the column as one pyarrow array when it is text, so that it can be passed on without a copy.
    """

    codes: np.ndarray
    cells: list
    array: pa.Array | pa.ChunkedArray | None = None

    @classmethod
    def of(cls, column: pd.Series) -> Distinct:
        if not isinstance(column.dtype, pd.StringDtype):
            codes, uniques = pd.factorize(column, use_na_sentinel=False)
            return cls(codes.astype(np.intp), list(uniques))
        array = pa.array(column)  # no copy: the column's own arrow data
        if not len(array):
            return cls(np.zeros(0, dtype=np.intp), [], array)
        if is_blank(array):
            return cls(np.zeros(len(array), dtype=np.int8), [""], array)  # blank: the usual
        encoded = array.dictionary_encode(null_encoding="encode")
        chunks = encoded.chunks if isinstance(encoded, pa.ChunkedArray) else [encoded]
        if any(not chunk.dictionary.equals(chunks[-1].dictionary) for chunk in chunks):
            chunks = [array.combine_chunks().dictionary_encode(null_encoding="encode")]
        # the dictionary holds the distinct cells in order of first appearance
        cells = [np.nan if c is None else c for c in chunks[-1].dictionary.to_pylist()]
        codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
        return cls(codes, cells, array)

    def each(self, rule: Callable[[object], object]) -> list:
        return [rule(cell) for cell in self.cells]

    def rows(self, per_cell: list) -> np.ndarray | None:
        """The rows whose cell `per_cell` marks; None when it marks no cell."""
        return np.asarray(per_cell, dtype=bool)[self.codes] if any(per_cell) else None

    def texts(self, per_cell: list[str], keep: np.ndarray | None) -> pa.Array:
        """A text column holding each kept row's answer (keep None: every row)."""
        rows = len(self.codes) if keep is None else len(keep)
        if len(per_cell) == 1:
            return constant_text(per_cell[0], rows)
        if self.array is not None and per_cell == self.cells:  # the cells as they are
            return self.array if keep is None else self.array.take(keep)
        codes = self.codes if keep is None else self.codes[keep]
        return pa.array(per_cell, pa.large_string()).take(codes)

    def key(self, per_cell: list[str], keep: np.ndarray | None) -> tuple[np.ndarray, int]:
        """Codes of the kept rows that are equal exactly when their answers are."""
        position: dict[str, int] = {}
        merged = [position.setdefault(answer, len(position)) for answer in per_cell]
        codes = self.codes if keep is None else self.codes[keep]
        if len(position) < len(per_cell):  # two cells give one answer (" 2023" and "2023")
            codes = np.asarray(merged, dtype=np.int64)[codes]
        return codes, max(len(position), 1)


class Found:
    """Problems with their row's position and their place in the row, listed in reading order."""

    def __init__(self, file: str, rows: np.ndarray):
        self.file, self.rows = file, rows
        self.failed = np.zeros(len(rows), dtype=bool)
        self.items: list[tuple[int, int, int, Problem]] = []

    def add(
        self,
        mask: np.ndarray | None,
        check: int,
        column: str,
        reason: Reason,
        message: Callable[[int], str],
        severity: Severity = Severity.ERROR,
    ) -> None:
        """One problem for each row in `mask` (None: no row)."""
        if mask is None:
            return
        for position in np.flatnonzero(mask).tolist():
            problem = Problem(
                self.file, int(self.rows[position]), column, reason, message(position), severity
            )
            self.items.append((position, check, len(self.items), problem))
            self.failed[position] |= severity is Severity.ERROR

    def problems(self) -> list[Problem]:
        return [item[3] for item in sorted(self.items, key=lambda item: item[:3])]


def normalise(
    raw: RawTable,
    source: Source,
    indicators: dict[str, Indicator],
    resolver: NameResolver,
    this_year: int | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    this_year = this_year or dt.date.today().year
    # pyarrow and most of numpy release the GIL: the pool's thread works beside this one
    with ThreadPoolExecutor(1) as pool:
        numbers = pool.submit(_numbers, raw.frame["value"])
        cells = {column: Distinct.of(raw.frame[column]) for column in TEXT_COLUMNS}
        found = Found(raw.file, raw.frame["row"].to_numpy())
        entities, entity_ids = _entities(cells, resolver, found)
        known = _indicators(cells["indicator"], indicators, found)
        periods, years = _periods(cells["period"], this_year, found)
        listed = _flags(cells["flags"], found)
        values, missing = _values(
            raw.frame["value"], numbers.result(), cells, known, periods, found
        )

        kept = ~found.failed & ~missing
        keep = None if kept.all() else np.flatnonzero(kept)
        entity_ids = entity_ids if keep is None else entity_ids[keep]
        answers = _answers(cells, known, periods, source)
        # the pool finds repeated keys and writes the flags while this thread does the rest
        entity_codes = (entity_ids, max(len(entities), 1))
        repeated = pool.submit(_repeated_keys, cells, answers, entity_codes, keep)
        flags = pool.submit(_flag_texts, cells, listed, known, years, keep)
        columns = {
            column: cells["indicator" if column == "unit" else column].texts(answer, keep)
            for column, answer in answers.items()
        }
        columns["entity"] = pa.array(entities, pa.large_string()).take(entity_ids)
        columns["year"] = np.asarray([y or 0 for y in years], np.int64).take(cells["period"].codes)
        columns["value"] = values
        columns["row"] = np.asarray(found.rows, dtype=np.int64)
        for column in ("year", "value", "row"):
            columns[column] = columns[column] if keep is None else columns[column][keep]
        count = len(entity_ids)
        columns["source_id"] = constant_text(source.id, count)
        columns["file"] = constant_text(raw.file, count)
        columns["flags"] = flags.result()
        observations = _frame(columns, count)
        repeated = repeated.result()

    observations, merged = _merge_split_rows(observations, indicators, raw.file, repeated)
    duplicates = _duplicates(observations, raw.file, None if merged else repeated)
    return observations, [*raw.problems, *found.problems(), *merged, *duplicates]


def _answers(
    cells: dict[str, Distinct], known: list[Indicator | None], periods: list[str], source: Source
) -> dict[str, list[str]]:
    """What each distinct cell becomes in the output, column by column."""
    return {
        "indicator": [
            i.id if i else str(c) for i, c in zip(known, cells["indicator"].cells, strict=True)
        ],
        "unit": [i.unit if i else "" for i in known],
        "entity_as_published": cells["entity_as_published"].each(str),
        "period": periods,
        "category": cells["category"].each(lambda cell: str(cell).strip()),
        "source_url": cells["source_url"].each(lambda cell: str(cell).strip() or source.url),
        "note": cells["note"].each(lambda cell: str(cell).strip()),
    }


def _frame(columns: dict[str, object], count: int) -> pd.DataFrame:
    """The observations frame; each numeric column keeps its own array (no copy into a block)."""
    if not count:
        return pd.DataFrame([], columns=OBSERVATION_COLUMNS)
    table = pa.table({c: columns[c] for c in OBSERVATION_COLUMNS})
    return table.to_pandas(split_blocks=True)


def _entities(
    cells: dict[str, Distinct], resolver: NameResolver, found: Found
) -> tuple[list[str], np.ndarray]:
    """Each row's entity: the code the file gives, else its name resolved. Returns the distinct
    entities ("" for none) and each row's position among them."""
    published, coded = cells["entity_as_published"], cells["entity"]
    codes = coded.each(lambda cell: str(cell).strip())
    # names are resolved for the rows whose code cell is empty as read, in order of appearance
    unnamed = [not cell for cell in coded.cells]
    if all(unnamed):  # the usual: no codes at all, so every name in the order of the file
        first_seen = range(len(published.cells))
    else:
        rows = coded.rows(unnamed)
        first_seen = pd.unique(published.codes[rows]) if rows is not None else []
    resolved = resolver.resolve_many([published.cells[k] for k in first_seen])
    by_name = [resolved.get(str(cell)) or "" for cell in published.cells]
    entities = list(dict.fromkeys([*by_name, *codes]))
    position = {entity: i for i, entity in enumerate(entities)}
    ids = np.int32  # half the memory of np.intp; 2**31 distinct names would not fit in memory
    entity_ids = np.asarray([position[e] for e in by_name], dtype=ids).take(published.codes)
    given = coded.rows([bool(code) for code in codes])
    if given is not None:
        code_ids = np.asarray([position[c] for c in codes], dtype=ids)
        entity_ids = np.where(given, code_ids[coded.codes], entity_ids)
        found.add(
            both(given, coded.rows([not resolver.is_code(code) for code in codes])),
            ENTITY,
            "entity",
            Reason.UNKNOWN_COUNTRY,
            lambda i: f"{codes[coded.codes[i]]!r} is not an ISO3 or region code",
        )
    hints: dict[str, str] = {}

    def unknown(i: int) -> str:
        name = str(published.cells[published.codes[i]])
        if name not in hints:
            near = resolver.candidates(name)
            hints[name] = f"; closest: {', '.join(near)}" if near else ""
        return (
            f"unknown country or region {name!r}{hints[name]}. Add it to "
            "data/country_aliases.yaml or data/regions.yaml"
        )

    nameless = published.rows([not entity for entity in by_name])
    if nameless is not None and given is not None:
        nameless &= ~given
    found.add(nameless, ENTITY, "entity_as_published", Reason.UNKNOWN_COUNTRY, unknown)
    return entities, entity_ids


def _indicators(
    indicator: Distinct, indicators: dict[str, Indicator], found: Found
) -> list[Indicator | None]:
    known = indicator.each(lambda cell: indicators.get(str(cell)))
    found.add(
        indicator.rows([i is None for i in known]),
        INDICATOR,
        "indicator",
        Reason.UNKNOWN_INDICATOR,
        lambda i: (
            f"indicator {indicator.cells[indicator.codes[i]]!r} is not in data/indicators.yaml"
        ),
    )
    return known


def _periods(period: Distinct, this_year: int, found: Found) -> tuple[list[str], list[int | None]]:
    periods = period.each(lambda cell: str(cell).strip())
    years = [parse_period(text) for text in periods]
    found.add(
        period.rows([y is None or y < 1990 for y in years]),
        PERIOD_CHECK,
        "period",
        Reason.BAD_YEAR,
        lambda i: f"cannot read a year from {periods[period.codes[i]]!r}",
    )
    found.add(
        period.rows([y is not None and y >= 1990 and y > this_year for y in years]),
        PERIOD_CHECK,
        "period",
        Reason.FUTURE_YEAR,
        lambda i: f"year {years[period.codes[i]]} is in the future",
    )
    return periods, years


def _flags(flags: Distinct, found: Found) -> list[list[str]]:
    listed = flags.each(lambda cell: [f for f in str(cell).split(";") if f.strip()])
    for code, cell_flags in enumerate(listed):
        for flag in [f for f in cell_flags if f.strip() not in VALID_FLAGS]:
            found.add(
                flags.codes == code,
                FLAGS,
                "flags",
                Reason.UNKNOWN_FLAG,
                lambda i, flag=flag: f"unknown flag {flag!r}",
            )
    return listed


def _flag_texts(
    cells: dict[str, Distinct],
    listed: list[list[str]],
    known: list[Indicator | None],
    years: list[int | None],
    keep: np.ndarray | None,
) -> pa.Array:
    """Each kept row's flags, with series_break added in the first year of a new method."""
    flags, indicator, period = cells["flags"], cells["indicator"], cells["period"]
    breaks = [[i is not None and y in i.breaks for y in years] for i in known]
    texts = [
        ";".join(dict.fromkeys(f.strip() for f in [*cell_flags, *extra]))
        for cell_flags in listed
        for extra in ([], [Flag.SERIES_BREAK.value])
    ]
    if not any(map(any, breaks)):
        return flags.texts(texts[0::2], keep)
    pick = slice(None) if keep is None else keep
    pairs = indicator.codes[pick].astype(np.int64) * len(years) + period.codes[pick]
    codes = flags.codes[pick] * 2 + np.asarray(breaks, dtype=np.int8).ravel()[pairs]
    return pa.array(texts, pa.large_string()).take(codes)


def _values(
    column: pd.Series,
    parsed: tuple[np.ndarray, np.ndarray, np.ndarray],
    cells: dict[str, Distinct],
    known: list[Indicator | None],
    periods: list[str],
    found: Found,
) -> tuple[np.ndarray, np.ndarray]:
    """Each row's number (nan if none) and whether its cell says "not published", from the
    column and what `_numbers` made of it; problems for the cells that are not numbers."""
    values, missing, bad = parsed
    published, period, indicator = cells["entity_as_published"], cells["period"], cells["indicator"]

    def text(i: int) -> str:
        return str(column.iloc[i]).strip()

    found.add(
        missing if missing.any() else None,
        VALUE,
        "value",
        Reason.MISSING_VALUE,
        lambda i: (
            f"no value ({text(i)!r}) for {published.cells[published.codes[i]]} "
            f"{periods[period.codes[i]]}: skipped as not published"
        ),
        Severity.NOTICE,
    )
    found.add(
        bad if bad.any() else None,
        VALUE,
        "value",
        Reason.BAD_NUMBER,
        lambda i: f"{text(i)!r} is not a number",
    )
    negative, over = values < 0, values > 100
    counts = [i is not None and i.unit in NON_NEGATIVE_UNITS for i in known]
    shares = [i is not None and i.unit == "percent" and "change" not in i.id for i in known]
    found.add(
        indicator.rows(counts) & negative if negative.any() and any(counts) else None,
        VALUE,
        "value",
        Reason.NEGATIVE_COUNT,
        lambda i: f"negative count {text(i)}",
    )
    found.add(
        indicator.rows(shares) & over if over.any() and any(shares) else None,
        VALUE,
        "value",
        Reason.PERCENT_OVER_100,
        lambda i: f"percentage {text(i)} is over 100",
    )
    return values, missing


def _numbers(column: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each cell's number (nan if none), whether it is "not published", whether it is no number.

    Digits with thousands commas (most cells), then other plain numbers ("-5", "12.5%", "7*"),
    are parsed by pyarrow, which rounds as float() does; any other cell by `parse_number`.
    """
    numbers = np.full(len(column), np.nan)
    todo = np.arange(len(column))
    if isinstance(column.dtype, pd.StringDtype) and len(column):
        cells = pa.array(column)
        digits, all_digits = _without_commas(cells)
        if all_digits:
            return pc.cast(digits, pa.float64()).to_numpy(), *np.zeros((2, len(column)), bool)
        plain = pc.ascii_is_decimal(digits).fill_null(False)
        done = plain.to_numpy(zero_copy_only=False)
        if done.any():
            numbers[done] = pc.cast(digits.filter(plain), pa.float64()).to_numpy()
        todo = np.flatnonzero(~done)
        rest = cells.take(todo)
        plain = pc.match_substring_regex(rest, PLAIN_NUMBER).fill_null(False)
        done = plain.to_numpy(zero_copy_only=False)
        if done.any():
            cleaned = pc.replace_substring_regex(rest.filter(plain), PLAIN_DECORATION, "")
            numbers[todo[done]] = pc.cast(cleaned, pa.float64()).to_numpy()
        todo = todo[~done]
    missing = np.zeros(len(column), dtype=bool)
    bad = np.zeros(len(column), dtype=bool)
    for position, cell in zip(todo.tolist(), column.iloc[todo].tolist(), strict=True):
        text = str(cell).strip()
        if text.casefold() in NOT_PUBLISHED:
            missing[position] = True
        elif (number := parse_number(text)) is None:
            bad[position] = True
        else:
            numbers[position] = number
    return numbers, missing, bad


def _without_commas(cells: pa.Array | pa.ChunkedArray) -> tuple[pa.ChunkedArray, bool]:
    """The cells with every comma dropped, and whether each is then one or more ASCII digits.

    For text without missing cells this works on pyarrow's own buffers, which is quicker than a
    string kernel; anything else (small tables) goes through pyarrow's string kernels.
    """
    if cells.null_count or not pa.types.is_large_string(cells.type):
        digits = pc.replace_substring(cells, ",", "")
        return digits, bool(pc.all(pc.ascii_is_decimal(digits).fill_null(False)).as_py())
    parts, all_digits = [], True
    for ends, text in text_chunks(cells):
        text, ends = text[ends[0] : ends[-1]], ends - ends[0]
        comma = text == COMMA  # and `before`: how many come before each byte
        before = np.zeros(text.size + 1, np.int32 if text.size < 2**31 else np.int64)
        np.cumsum(comma, out=before[1:])
        new_ends = ends - before[ends]
        kept = text[~comma]
        all_digits = (
            all_digits and bool((np.diff(new_ends) > 0).all()) and bool((kept - ZERO < 10).all())
        )
        parts.append(
            pa.LargeStringArray.from_buffers(
                len(ends) - 1, pa.py_buffer(new_ends), pa.py_buffer(kept)
            )
        )
    return pa.chunked_array(parts, pa.large_string()), all_digits


def both(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    """Rows in both masks, where None is no row."""
    return None if a is None or b is None else a & b


def _repeated_keys(
    cells: dict[str, Distinct],
    answers: dict[str, list[str]],
    entity_codes: tuple[np.ndarray, int],
    keep: np.ndarray | None,
) -> np.ndarray | None:
    """`_repeated` for the kept rows' (indicator, entity, period, category)."""
    return _repeated(
        [
            cells["indicator"].key(answers["indicator"], keep),
            entity_codes,
            cells["period"].key(answers["period"], keep),
            cells["category"].key(answers["category"], keep),
        ]
    )


def _repeated(key: list[tuple[np.ndarray, int]]) -> np.ndarray | None:
    """Rows whose (indicator, entity, period, category) occurs more than once, from the codes of
    its parts; None when there are too many to combine (the frame's text is compared then)."""
    combined = np.zeros(len(key[0][0]), dtype=np.int64)
    size = 1
    for codes, count in key:
        if count == 1:
            continue  # one value on every row, as an empty category is: nothing to tell apart
        size *= count
        if size >= 2**62:
            return None
        combined *= count
        combined += codes
    if size <= max(4 * len(combined), 1 << 20):
        counts = np.bincount(combined, minlength=size)
        if counts.max(initial=0) <= 1:  # the usual: every key once
            return np.zeros(len(combined), dtype=bool)
        return counts[combined] > 1
    return pd.Series(combined).duplicated(keep=False).to_numpy()


def _merge_split_rows(
    observations: pd.DataFrame,
    indicators: dict[str, Indicator],
    file: str,
    repeated: np.ndarray | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """`repeated`: the rows whose KEY occurs twice, if known already."""
    if repeated is None:
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


def _duplicates(
    observations: pd.DataFrame, file: str, repeated: np.ndarray | None = None
) -> list[Problem]:
    if repeated is None:
        repeated = observations.duplicated(KEY, keep=False).to_numpy()
    if not repeated.any():
        return []
    problems = []
    repeated = observations[repeated]
    for _, group in repeated.groupby(KEY, sort=True):
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
