"""The early-warning track record in words: what the thresholds' earlier flags did the next
year, next to the naive growth rule, what that means, and which years cannot be judged yet."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.track_record import NAIVE_GROWTH_PCT, totals

MIN_JUDGED = 5  # fewer judged rises than this say nothing about a rule
CLEAR_DIFFERENCE = 10  # percentage points between the two rules' shares that stayed high


def share(part: int, whole: int) -> str:
    return f"{part / whole * 100:.0f}%"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def naive_clause(naive: dict[str, int]) -> str:
    rule = f"the naive rule (growth of {NAIVE_GROWTH_PCT:g}% or more from the same minimum base)"
    judged = naive["stayed_high"] + naive["fell_back"]
    if not judged:
        return f"{rule} flagged none that can be judged."
    return (
        f"{rule} flagged {judged} that can be judged, of which {naive['stayed_high']} "
        f"({share(naive['stayed_high'], judged)}) stayed high."
    )


def track_record_sentences(record: pd.DataFrame) -> tuple[str, str, str]:
    """(what happened, what it means, what cannot be told yet) for track_record output."""
    counts = totals(record)
    ours, naive = counts["thresholds"], counts["naive"]
    judged = ours["stayed_high"] + ours["fell_back"]
    if not ours["flagged"]:
        summary = (
            "These thresholds flagged no rise in any earlier year, so they have no track "
            f"record yet; {naive_clause(naive)}"
        )
    elif not judged:
        summary = (
            f"None of the {plural(ours['flagged'], 'rise')} these thresholds flagged can be "
            f"judged yet; {naive_clause(naive)}"
        )
    else:
        summary = (
            f"Of the {plural(judged, 'rise')} these thresholds flagged that can be judged, "
            f"{ours['stayed_high']} ({share(ours['stayed_high'], judged)}) stayed high the next "
            f"year and {ours['fell_back']} fell back; {naive_clause(naive)}"
        )
    return summary, meaning(ours, naive), unknown_years(record)


def meaning(ours: dict[str, int], naive: dict[str, int]) -> str:
    """One plain sentence: do the thresholds pick rises that last better than growth alone?"""
    judged = ours["stayed_high"] + ours["fell_back"]
    naive_judged = naive["stayed_high"] + naive["fell_back"]
    if judged < MIN_JUDGED or naive_judged < MIN_JUDGED:
        return (
            "Too few rises can be judged to say whether these thresholds pick lasting rises "
            "better than growth alone."
        )
    difference = (ours["stayed_high"] / judged - naive["stayed_high"] / naive_judged) * 100
    if difference >= CLEAR_DIFFERENCE:
        return (
            "A rise flagged here stayed high more often than one picked by growth alone: the "
            "scores help separate lasting rises from one-off jumps."
        )
    if difference <= -CLEAR_DIFFERENCE:
        return (
            "A rise flagged here stayed high less often than one picked by growth alone: at "
            "these thresholds the scores do not help tell lasting rises from one-off jumps."
        )
    return (
        "A rise flagged here stayed high about as often as one picked by growth alone: at these "
        "thresholds the scores add little to the growth rule."
    )


def unknown_years(record: pd.DataFrame) -> str:
    """'Cannot tell yet: 2023, because 2024 is not comparable ...', or '' when every year
    can be judged."""
    waiting = record[record["cannot_tell"] > 0]
    if waiting.empty:
        return ""
    parts = []
    for year, rows in waiting.groupby("year"):
        reasons = sorted({r for text in rows["why_unknown"] for r in text.split("; ") if r})
        parts.append(f"{year}, because {' and '.join(reasons)}")
    return f"Cannot tell yet: {'; '.join(parts)}."
