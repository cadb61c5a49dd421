"""How the early-warning thresholds would have done in earlier years.

For every rise flagged in year t the next year decides what it was:

- stayed high: the t+1 value kept at least half of the rise, v(t+1) >= (v(t-1) + v(t)) / 2;
- fell back: it gave back more than half of the rise;
- cannot tell yet: there is no t+1 figure, or t+1 lies across a series break (published or
  not: a missing figure in a break year could not be compared either).

The same is counted for a naive rule, every rise of at least NAIVE_GROWTH_PCT from the same
minimum base, so a reader can see whether the scores pick rises that last better than growth
alone does. Pure functions over `apply_thresholds` output.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import numpy as np
import pandas as pd

from dashboard.analysis.emerging import FlagParams
from dashboard.language import _

NAIVE_GROWTH_PCT = 50.0
STAYED, FELL, UNKNOWN = "stayed high", "fell back", "cannot tell yet"
RULES = {"thresholds": "these thresholds", "naive": f"grew by {NAIVE_GROWTH_PCT:g}% or more"}
OUTCOME_COLUMNS = {"stayed_high": STAYED, "fell_back": FELL, "cannot_tell": UNKNOWN}
COUNTS = ["flagged", *OUTCOME_COLUMNS]


def naive_flags(checked: pd.DataFrame, params: FlagParams) -> pd.Series:
    """The baseline: a comparable rise of NAIVE_GROWTH_PCT or more from at least the minimum
    base, whatever the scores say."""
    return (
        checked["status"].eq("")
        & checked["previous"].ge(params.min_base)
        & checked["growth_pct"].ge(NAIVE_GROWTH_PCT)
    )


def next_year_outcomes(checked: pd.DataFrame, breaks: Iterable[int] = ()) -> pd.DataFrame:
    """Every change of `checked` with `outcome` (what year t+1 did) and `why_unknown`; a t+1
    in `breaks` (the indicator's series breaks) is never comparable, published or not."""
    keys = ["indicator", "entity", "year"]
    following = checked[[*keys, "value", "status"]].rename(
        columns={"value": "next_value", "status": "next_status"}
    )
    following = following.assign(year=following["year"] - 1)
    frame = checked.merge(following, on=keys, how="left")
    next_status = frame["next_status"].fillna("")
    missing = frame["next_value"].isna()
    across = next_status.str.startswith("not compared: series break") | (frame["year"] + 1).isin(
        set(breaks)
    )
    kept_half = frame["next_value"] >= (frame["previous"] + frame["value"]) / 2
    outcome = np.select([missing | across, kept_half], [UNKNOWN, STAYED], FELL)
    # the reasons' words once per year, not once per change
    years = frame["year"]
    each = years.unique()
    not_comparable = {
        y: _("{next_year} is not comparable with {year} (a series break)").format(
            next_year=y + 1, year=y
        )
        for y in each
    }
    no_figure = {y: _("there is no figure for {next_year}").format(next_year=y + 1) for y in each}
    why = np.select([across, missing], [years.map(not_comparable), years.map(no_figure)], "")
    return frame.assign(outcome=outcome, why_unknown=why)


def track_record(
    checked: pd.DataFrame, params: FlagParams, breaks: Iterable[int] = ()
) -> pd.DataFrame:
    """One row per rule and year t with flagged rises: how many were flagged, stayed high,
    fell back, or cannot be judged yet (and why). `checked` is apply_thresholds output for
    all years."""
    frame = next_year_outcomes(checked.assign(naive=naive_flags(checked, params)), breaks)
    parts = []
    for rule, column in (("thresholds", "flagged"), ("naive", "naive")):
        chosen = frame[frame[column].astype(bool)]
        # at most a few thousand rows: counted in plain Python, faster than grouping a frame
        years = chosen["year"].tolist()
        outcomes = Counter(zip(years, chosen["outcome"].tolist(), strict=True))
        reasons = defaultdict(set)
        for year, why in zip(years, chosen["why_unknown"].tolist(), strict=True):
            if why:
                reasons[year].add(why)
        for year in sorted(set(years)):
            counts = {column: outcomes[year, o] for column, o in OUTCOME_COLUMNS.items()}
            parts.append(
                {
                    "rule": rule,
                    "year": int(year),
                    "flagged": sum(counts.values()),
                    **counts,
                    "why_unknown": "; ".join(sorted(reasons[year])),
                }
            )
    columns = ["rule", "year", *COUNTS, "why_unknown"]
    return pd.DataFrame(parts, columns=columns).sort_values(["rule", "year"], ignore_index=True)


def totals(record: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Per rule, the counts over every year: {"thresholds": {"flagged": 3, ...}, ...}."""
    sums = record.groupby("rule")[COUNTS].sum().reindex(list(RULES), fill_value=0)
    return {rule: {c: int(n) for c, n in row.items()} for rule, row in sums.iterrows()}
