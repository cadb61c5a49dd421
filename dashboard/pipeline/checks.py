"""Sanity checks at the end of every build: the store must say what the publications say.

Totals are NCMEC's own printed "Total" rows of its "CyberTipline Reports by Country" PDFs.
"""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.problems import Problem, Reason

NCMEC_PRINTED_TOTALS = {
    2019: 16_987_361,
    2020: 21_751_085,
    2021: 29_397_681,
    2022: 32_059_029,
    2023: 36_210_368,
}
MIN_JURISDICTIONS = 240
KEY = ["indicator", "entity", "period", "category", "source_id"]


def _failure(message: str) -> Problem:
    return Problem("(store)", None, "", Reason.SANITY_CHECK, message)


def sanity_checks(tables: dict[str, pd.DataFrame], full: bool = True) -> list[Problem]:
    """full=False (a single ingest) skips the checks that need every shipped source."""
    observations, sources = tables["observations"], tables["sources"]
    problems = []
    for year, total in NCMEC_PRINTED_TOTALS.items() if full else []:
        rows = observations[
            (observations["source_id"] == f"ncmec-bycountry-{year}")
            & (observations["indicator"] == "cybertipline_reports")
        ]
        if round(rows["value"].sum()) != total:
            problems.append(
                _failure(
                    f"NCMEC {year}: country rows add up to {rows['value'].sum():,.0f}, "
                    f"the PDF prints {total:,}"
                )
            )
        if rows["entity"].nunique() < MIN_JURISDICTIONS:
            problems.append(
                _failure(
                    f"NCMEC {year}: {rows['entity'].nunique()} jurisdictions, "
                    f"expected at least {MIN_JURISDICTIONS}"
                )
            )
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
