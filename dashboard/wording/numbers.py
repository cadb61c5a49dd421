"""Numbers as people write them in a report: 2,740,905; about 50 million; +12.9%; 2nd."""

from __future__ import annotations

import pandas as pd

from dashboard.models import split_flags
from dashboard.wording.flags import PREFIX, QUALIFIER_WORDS


def format_value(value: float | None, flags: str = "", unit: str = "") -> str:
    """'20,512,803', 'about 50 million', 'more than 30,000', '7.8', '20%'."""
    if value is None or pd.isna(value):
        return "no published value"
    found = split_flags(flags)
    if "approximate" in found and value >= 1_000_000 and value % 1_000_000 == 0:
        text = f"{value / 1_000_000:,.0f} million"
    elif float(value).is_integer():
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit == "percent":
        text += "%"
    prefix = next((PREFIX[f] for f in found if f in PREFIX), "")
    return f"{prefix} {text}".strip()


def format_change(change_pct: float | None) -> str:
    """+12.9%: a change on the year before, one decimal."""
    if change_pct is None or pd.isna(change_pct):
        return ""
    return f"{change_pct:+.1f}%"


def format_pct(value: float) -> str:
    """110.16 -> '+110%': a growth rounded to whole percent."""
    return f"{value:+,.0f}%"


def number(value: float) -> str:
    """A number in a sentence: whole numbers and anything from 100 up without decimals."""
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.1f}"


def qualified(value: float, flags: str) -> str:
    """'about 4,700' / 'at least 67,000' from the flags a figure carries."""
    words = [QUALIFIER_WORDS[f] for f in flags.split(";") if f in QUALIFIER_WORDS]
    return " ".join([*words[:1], number(value)])


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
