"""A country profile's row in words: its value with qualifiers, the change on the year before
(never across a series break) and its rank among countries. The profile page and the country
brief say the same."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.language import N_, _, decimal
from dashboard.wording.flags import qualifiers
from dashboard.wording.numbers import format_change, ordinal
from dashboard.wording.units import Units, value_text


def change_words(row: Mapping) -> tuple[str, str]:
    """('+6.4%', ' on 2022'), or ('', why there is no change): the first part is the number."""
    previous = int(row["year"]) - 1
    if row["across_break"]:
        return "", _("series break: not compared with {year}").format(year=previous)
    if pd.notna(row["change_pct"]):
        return format_change(row["change_pct"]), _(" on {year}").format(year=previous)
    return "", _("no value for {year}").format(year=previous)


def change_text(row: Mapping) -> str:
    """'+6.4% on 2022', or why there is no change: change_words as one phrase."""
    number, words = change_words(row)
    if not number:
        return words
    return _("{change} on {year}").format(change=number, year=int(row["year"]) - 1)


def rank_words(row: Mapping) -> str:
    """'2nd of 232 countries', or '—' where a figure is not ranked."""
    if pd.isna(row["rank"]):
        return "—"
    return _("{rank} of {count} countries").format(
        rank=ordinal(int(row["rank"])), count=decimal(int(row["of"]))
    )


def value_qualifiers(row: Mapping, half_year: bool) -> list[str]:
    """The words that travel with a profile row's value, a series break included."""
    words = qualifiers(row["flags"], half_year)
    if "series_break" in row["flags"].split(";"):
        words.append(_("after a series break"))
    return words


def value_words(row: Mapping, half_year: bool, units: Units) -> str:
    """'1,364,464 reports (unverified transcription; after a series break)'."""
    words = value_qualifiers(row, half_year)
    text = value_text(row["value"], row["flags"], row["unit"], units)
    if not words:
        return text
    return _("{value} ({qualifiers})").format(value=text, qualifiers="; ".join(words))


# World Bank income groups (the entities' `income_group`)
INCOME_GROUPS = {
    "high_income": N_("high income"),
    "upper_middle_income": N_("upper middle income"),
    "lower_middle_income": N_("lower middle income"),
    "low_income": N_("low income"),
}


def income_words(group: str | None) -> str:
    """'upper middle income', or 'not listed'."""
    words = INCOME_GROUPS.get(group or "")
    return _(words) if words else ((group or "").replace("_", " ") or _("not listed"))
