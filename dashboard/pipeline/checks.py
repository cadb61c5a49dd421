"""Sanity checks at the end of every build: the store must say what the publications say.

A publication's own checks (its printed totals and row counts) are declared under `checks:` in
its source.yaml, so they travel with it: a build without that folder has nothing to check for
it, and next year's table brings its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.ingest.metadata import PrintedCheck
from dashboard.ingest.problems import Problem, Reason, format_value

KEY = ["indicator", "entity", "period", "category", "source_id"]


def _failure(message: str) -> Problem:
    return Problem("(store)", None, "", Reason.SANITY_CHECK, message)


@dataclass(frozen=True)
class CheckResult:
    check: PrintedCheck
    total: float  # what the rows add up to
    rows: int

    @property
    def total_agrees(self) -> bool:
        return self.check.total is None or round(self.total) == round(self.check.total)

    @property
    def rows_agree(self) -> bool:
        return self.check.rows is None or self.rows == self.check.rows

    @property
    def passed(self) -> bool:
        return self.total_agrees and self.rows_agree


def check_results(
    observations: pd.DataFrame, source_id: str, declared: list[PrintedCheck]
) -> list[CheckResult]:
    """One publication's rows against what it prints: its total, its number of rows."""
    mine = observations[observations["source_id"] == source_id]
    results = []
    for check in declared:
        rows = mine[mine["indicator"] == check.indicator]
        results.append(CheckResult(check, float(rows["value"].sum()), len(rows)))
    return results


def printed_checks(
    observations: pd.DataFrame, checks: dict[str, list[PrintedCheck]]
) -> list[Problem]:
    """Each publication's checks that fail, as problems."""
    problems = []
    for source_id, declared in sorted(checks.items()):
        for result in check_results(observations, source_id, declared):
            what = f"{source_id} {result.check.indicator}"
            if not result.total_agrees:
                problems.append(
                    _failure(
                        f"{what}: rows add up to {format_value(result.total)}, "
                        f"the publication prints {format_value(result.check.total)}"
                    )
                )
            if not result.rows_agree:
                problems.append(
                    _failure(f"{what}: {result.rows} rows, the publication has {result.check.rows}")
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
