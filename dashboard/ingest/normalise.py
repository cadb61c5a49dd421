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
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from dashboard.ingest.countries import NameResolver
from dashboard.ingest.problems import Problem, Reason, Severity, format_value
from dashboard.ingest.raw import RawTable
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


def normalise(
    raw: RawTable,
    source: Source,
    indicators: dict[str, Indicator],
    resolver: NameResolver,
    this_year: int | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    this_year = this_year or dt.date.today().year
    problems = list(raw.problems)
    frame = raw.frame
    names = resolver.resolve_many(
        [
            n
            for n, code in zip(frame["entity_as_published"], frame["entity"], strict=True)
            if not code
        ]
    )
    rows = []
    for record in frame.to_dict("records"):
        found = _check_row(record, raw.file, source, indicators, resolver, names, this_year)
        if isinstance(found, Problem):
            problems.append(found)
        elif isinstance(found, list):
            problems.extend(found)
        else:
            rows.append(found)
    observations = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)
    observations, found = _merge_split_rows(observations, indicators, raw.file)
    problems += found + _duplicates(observations, raw.file)
    return observations, problems


def _check_row(
    record: dict,
    file: str,
    source: Source,
    indicators: dict[str, Indicator],
    resolver: NameResolver,
    names: dict[str, str | None],
    this_year: int,
) -> dict | Problem | list[Problem]:
    row = int(record["row"])
    found: list[Problem] = []

    def problem(column: str, reason: Reason, message: str, severity=Severity.ERROR) -> None:
        found.append(Problem(file, row, column, reason, message, severity))

    published = str(record["entity_as_published"])
    entity = str(record["entity"]).strip()
    if entity:
        if not resolver.is_code(entity):
            problem("entity", Reason.UNKNOWN_COUNTRY, f"{entity!r} is not an ISO3 or region code")
    else:
        entity = names.get(published) or ""
        if not entity:
            near = resolver.candidates(published)
            hint = f"; closest: {', '.join(near)}" if near else ""
            problem(
                "entity_as_published",
                Reason.UNKNOWN_COUNTRY,
                f"unknown country or region {published!r}{hint}. Add it to "
                "data/country_aliases.yaml or data/regions.yaml",
            )

    indicator = indicators.get(str(record["indicator"]))
    if indicator is None:
        problem(
            "indicator",
            Reason.UNKNOWN_INDICATOR,
            f"indicator {record['indicator']!r} is not in data/indicators.yaml",
        )

    period = str(record["period"]).strip()
    year = parse_period(period)
    if year is None or year < 1990:
        problem("period", Reason.BAD_YEAR, f"cannot read a year from {period!r}")
    elif year > this_year:
        problem("period", Reason.FUTURE_YEAR, f"year {year} is in the future")

    flags = [f for f in str(record["flags"]).split(";") if f.strip()]
    for flag in flags:
        if flag.strip() not in VALID_FLAGS:
            problem("flags", Reason.UNKNOWN_FLAG, f"unknown flag {flag!r}")

    text = str(record["value"]).strip()
    if text.casefold() in NOT_PUBLISHED:
        return [
            *found,
            Problem(
                file,
                row,
                "value",
                Reason.MISSING_VALUE,
                f"no value ({text!r}) for {published} {period}: skipped as not published",
                Severity.NOTICE,
            ),
        ]
    value = parse_number(text)
    if value is None:
        problem("value", Reason.BAD_NUMBER, f"{text!r} is not a number")
    elif indicator is not None:
        if value < 0 and indicator.unit in NON_NEGATIVE_UNITS:
            problem("value", Reason.NEGATIVE_COUNT, f"negative count {text}")
        if indicator.unit == "percent" and value > 100 and "change" not in indicator.id:
            problem("value", Reason.PERCENT_OVER_100, f"percentage {text} is over 100")
    if found:
        return found
    assert indicator is not None and year is not None and value is not None
    if year in indicator.breaks:  # the first year of a new method is marked on every row
        flags.append(Flag.SERIES_BREAK.value)
    return {
        "indicator": indicator.id,
        "source_id": source.id,
        "entity": entity,
        "entity_as_published": published,
        "year": year,
        "period": period,
        "category": str(record["category"]).strip(),
        "value": value,
        "unit": indicator.unit,
        "flags": ";".join(dict.fromkeys(f.strip() for f in flags)),
        "source_url": str(record["source_url"]).strip() or source.url,
        "note": str(record["note"]).strip(),
        "file": file,
        "row": row,
    }


def _merge_split_rows(
    observations: pd.DataFrame, indicators: dict[str, Indicator], file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    repeated = observations.duplicated(KEY, keep=False)
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
    problems = []
    repeated = observations[observations.duplicated(KEY, keep=False)]
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
