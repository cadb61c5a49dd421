"""Sanity checks at the end of every build: the store must say what the publications say.

A publication's own checks (its printed totals and row counts) are declared under `checks:` in
its source.yaml, so they travel with it: a build without that folder has nothing to check for
it, and next year's table brings its own.
"""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.metadata import PrintedCheck
from dashboard.ingest.problems import Problem, Reason, format_value

KEY = ["indicator", "entity", "period", "category", "source_id"]


def _failure(message: str) -> Problem:
    return Problem("(store)", None, "", Reason.SANITY_CHECK, message)


def printed_checks(
    observations: pd.DataFrame, checks: dict[str, list[PrintedCheck]]
) -> list[Problem]:
    """Each publication's rows against what it prints: its total, its number of rows."""
    problems = []
    for source_id, declared in sorted(checks.items()):
        mine = observations[observations["source_id"] == source_id]
        for check in declared:
            rows = mine[mine["indicator"] == check.indicator]
            what = f"{source_id} {check.indicator}"
            if check.total is not None and round(rows["value"].sum()) != round(check.total):
                problems.append(
                    _failure(
                        f"{what}: rows add up to {format_value(rows['value'].sum())}, "
                        f"the publication prints {format_value(check.total)}"
                    )
                )
            if check.rows is not None and len(rows) != check.rows:
                problems.append(
                    _failure(f"{what}: {len(rows)} rows, the publication has {check.rows}")
                )
    return problems


def sanity_checks(
    tables: dict[str, pd.DataFrame], checks: dict[str, list[PrintedCheck]]
) -> list[Problem]:
    observations, sources = tables["observations"], tables["sources"]
    problems = printed_checks(observations, checks)
    no_url = sources[sources["url"].fillna("").str.strip() == ""]
    for source_id in no_url["id"]:
        problems.append(_failure(f"source {source_id} has no URL"))
    unknown = set(observations["source_id"]) - set(sources["id"])
    for source_id in sorted(unknown):
        problems.append(_failure(f"observations cite unknown source {source_id}"))
    blank = observations["source_url"].fillna("").str.strip() == ""
    if blank.any():
        problems.append(_failure(f"{int(blank.sum())} observations have no source URL"))
    duplicated = observations[observations.duplicated(KEY, keep=False)]
    if len(duplicated):
        first = duplicated.iloc[0]
        problems.append(
            _failure(
                f"{len(duplicated)} duplicate observations, e.g. {first['indicator']} "
                f"{first['entity']} {first['period']} from {first['source_id']}"
            )
        )
    return problems
