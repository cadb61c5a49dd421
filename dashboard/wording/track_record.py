"""The early-warning track record in words: what the thresholds' earlier flags did the next
year, next to the naive growth rule, what that means, and which years cannot be judged yet."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.track_record import NAIVE_GROWTH_PCT, totals
from dashboard.language import _, decimal, ngettext

MIN_JUDGED = 5  # fewer judged rises than this say nothing about a rule
CLEAR_DIFFERENCE = 10  # percentage points between the two rules' shares that stayed high


def share(part: int, whole: int) -> str:
    # rounded as Python rounds first, so the digits are those the English text always had
    return _("{value}%").format(value=decimal(float(f"{part / whole * 100:.0f}"), "0"))


def naive_clause(naive: dict[str, int]) -> str:
    growth = decimal(NAIVE_GROWTH_PCT, "0.######")
    judged = naive["stayed_high"] + naive["fell_back"]
    if not judged:
        return _(
            "the naive rule (growth of {growth}% or more from the same minimum base) flagged "
            "none that can be judged."
        ).format(growth=growth)
    return _(
        "the naive rule (growth of {growth}% or more from the same minimum base) flagged "
        "{judged} that can be judged, of which {stayed} ({share}) stayed high."
    ).format(
        growth=growth,
        judged=judged,
        stayed=naive["stayed_high"],
        share=share(naive["stayed_high"], judged),
    )


def track_record_sentences(record: pd.DataFrame) -> tuple[str, str, str]:
    """(what happened, what it means, what cannot be told yet) for track_record output."""
    counts = totals(record)
    ours, naive = counts["thresholds"], counts["naive"]
    judged = ours["stayed_high"] + ours["fell_back"]
    if not ours["flagged"]:
        summary = _(
            "These thresholds flagged no rise in any earlier year, so they have no track "
            "record yet; {naive_rule}"
        ).format(naive_rule=naive_clause(naive))
    elif not judged:
        summary = ngettext(
            "None of the {count} rise these thresholds flagged can be judged yet; {naive_rule}",
            "None of the {count} rises these thresholds flagged can be judged yet; {naive_rule}",
            ours["flagged"],
        ).format(count=ours["flagged"], naive_rule=naive_clause(naive))
    else:
        summary = ngettext(
            "Of the {count} rise these thresholds flagged that can be judged, {stayed} "
            "({share}) stayed high the next year and {fell} fell back; {naive_rule}",
            "Of the {count} rises these thresholds flagged that can be judged, {stayed} "
            "({share}) stayed high the next year and {fell} fell back; {naive_rule}",
            judged,
        ).format(
            count=judged,
            stayed=ours["stayed_high"],
            share=share(ours["stayed_high"], judged),
            fell=ours["fell_back"],
            naive_rule=naive_clause(naive),
        )
    return summary, meaning(ours, naive), unknown_years(record)


def meaning(ours: dict[str, int], naive: dict[str, int]) -> str:
    """One plain sentence: do the thresholds pick rises that last better than growth alone?"""
    judged = ours["stayed_high"] + ours["fell_back"]
    naive_judged = naive["stayed_high"] + naive["fell_back"]
    if judged < MIN_JUDGED or naive_judged < MIN_JUDGED:
        return _(
            "Too few rises can be judged to say whether these thresholds pick lasting rises "
            "better than growth alone."
        )
    difference = (ours["stayed_high"] / judged - naive["stayed_high"] / naive_judged) * 100
    if difference >= CLEAR_DIFFERENCE:
        return _(
            "A rise flagged here stayed high more often than one picked by growth alone: the "
            "scores help separate lasting rises from one-off jumps."
        )
    if difference <= -CLEAR_DIFFERENCE:
        return _(
            "A rise flagged here stayed high less often than one picked by growth alone: at "
            "these thresholds the scores do not help tell lasting rises from one-off jumps."
        )
    return _(
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
        parts.append(
            _("{year}, because {reasons}").format(year=year, reasons=_(" and ").join(reasons))
        )
    return _("Cannot tell yet: {years}.").format(years="; ".join(parts))
