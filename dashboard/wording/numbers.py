"""Numbers as people write them in a report, in the reader's language: 2,740,905 (2.740.905 in
German, 2 740 905 in French); about 50 million; +12.9%; 2nd."""

from __future__ import annotations

import pandas as pd

from dashboard.language import _, decimal, millions
from dashboard.models import split_flags
from dashboard.wording.flags import PREFIX, QUALIFIER_WORDS


def format_value(value: float | None, flags: str = "", unit: str = "") -> str:
    """'20,512,803', 'about 50 million', 'at least 30,000', '7.8', '20%'."""
    if value is None or pd.isna(value):
        return _("no published value")
    found = split_flags(flags)
    if "approximate" in found and value >= 1_000_000 and value % 1_000_000 == 0:
        text = millions(value)
    elif float(value).is_integer():
        text = decimal(value)
    else:
        text = decimal(value, "#,##0.##")
    if unit == "percent":
        text = _("{value}%").format(value=text)
    prefix = next((_(PREFIX[f]) for f in found if f in PREFIX), "")
    return _("{qualifier} {value}").format(qualifier=prefix, value=text).strip() if prefix else text


def format_change(change_pct: float | None) -> str:
    """+12.9%: a change on the year before, one decimal."""
    if change_pct is None or pd.isna(change_pct):
        return ""
    return _("{value}%").format(value=decimal(change_pct, "+#,##0.0;-#,##0.0"))


def format_pct(value: float) -> str:
    """110.16 -> '+110%': a growth rounded to whole percent."""
    return _("{value}%").format(value=decimal(value, "+#,##0;-#,##0"))


def number(value: float) -> str:
    """A number in a sentence: whole numbers and anything from 100 up without decimals."""
    whole = float(value).is_integer() or abs(value) >= 100
    return decimal(value, "#,##0" if whole else "#,##0.0")


def qualified(value: float, flags: str) -> str:
    """'about 4,700' / 'at least 67,000' from the flags a figure carries."""
    words = [QUALIFIER_WORDS[f] for f in flags.split(";") if f in QUALIFIER_WORDS]
    if not words:
        return number(value)
    return _("{qualifier} {value}").format(qualifier=_(words[0]), value=number(value))


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th; '2.' in German, '2e' in French."""
    from dashboard.language import DEFAULT, current

    if current() != DEFAULT:
        return _("{number}th").format(number=number)  # one form: 2. / 2e / 2.º
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
