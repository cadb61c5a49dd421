"""Units as words: on an axis ('per 1,000'), after a value ('2,740,905 reports')."""

from __future__ import annotations

from dashboard.wording.numbers import format_value

UNIT_WORDS = {
    "reports": "reports",
    "files": "files",
    "incidents": "incidents",
    "people": "people",
    "per_100": "per 100",
    "per_1000": "per 1,000",
    "per_10000": "per 10,000",
    "count_per_day": "a day",
    "count_per_week": "a week",
    "usd_2015": "US$ (2015 prices)",
    "usd_ppp_2021": "int. $ (PPP, 2021 prices)",
    "score_0_100": "(score 0-100)",
    "minutes": "minutes",
}
CONTEXT_UNIT_WORDS = {"per_100": "per 100 people"}
# units a growth sentence names after its numbers ("from 1,200 to 2,400 reports")
COUNTED = {"reports": "reports", "files": "files", "incidents": "incidents", "people": "people"}


def unit_label(unit: str) -> str:
    """A unit as words for an axis or a title: 'reports', 'per 1,000', 'percent'."""
    return UNIT_WORDS.get(unit, unit.replace("_", " "))


def value_text(value: float, flags: str, unit: str, words: dict | None = None) -> str:
    """'2,740,905 reports', 'about 2,000,000', '20%', '7.8 per 1,000'."""
    text = format_value(value, flags, unit)
    word = (words or {}).get(unit) or UNIT_WORDS.get(unit, "")
    return f"{text} {word}".strip()
