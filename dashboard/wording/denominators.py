"""What a rate divides by, in words: the denominator's series and publisher, and the rows whose
denominator comes from another year (e.g. India 2023 per internet user, with a 2022 share).

Every chart, download and brief that shows a per-100,000 rate carries this line next to the
source of the counts, so a reader can see both halves of the fraction."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard.language import N_, _

# the context series each normalisation divides by (dashboard.analysis.rates.DENOMINATORS)
DENOMINATOR_INDICATORS = {
    "per_100k_population": ("population_total",),
    "per_100k_children": ("population_0_14",),
    "per_100k_internet_users": ("population_total", "internet_users_pct"),
}
DENOMINATOR_WORDS = {
    "per_100k_population": N_(
        "total population (World Bank, World Development Indicators, SP.POP.TOTL)"
    ),
    "per_100k_children": N_(
        "population aged 0-14 (Gapminder, based on UN World Population Prospects)"
    ),
    "per_100k_internet_users": N_(
        "internet users = total population (World Bank, World Development Indicators, "
        "SP.POP.TOTL) x share of individuals using the internet (ITU, via World Bank WDI, "
        "IT.NET.USER.ZS)"
    ),
}


def is_rate(how: str | None) -> bool:
    return how in DENOMINATOR_INDICATORS


def denominator_source_ids(observations: pd.DataFrame, how: str | None) -> list[str]:
    """The sources of the series a rate divides by (none for a count or an index)."""
    if not is_rate(how):
        return []
    rows = observations[observations["indicator"].isin(DENOMINATOR_INDICATORS[how])]
    return sorted(set(rows["source_id"]))


def other_years(frame: pd.DataFrame | None, names: dict[str, str] | None = None) -> list[str]:
    """'India 2023 (denominator from 2022)' for each shown rate whose denominator is another
    year's."""
    if frame is None or "denominator_note" not in frame or frame.empty:
        return []
    names = names or {}
    # a rate with a value and a note took its denominator from another year (every other note
    # says why there is no value)
    moved = frame[frame["denominator_note"].fillna("") != ""]
    moved = moved.dropna(subset=["value"]) if "value" in moved else moved
    return [
        _("{name} {year} ({note})").format(name=names.get(e, e), year=int(y), note=n)
        for e, y, n in sorted(
            set(zip(moved["entity"], moved["year"], moved["denominator_note"], strict=True))
        )
    ]


def denominator_line(
    how: str | None, frame: pd.DataFrame | None = None, names: dict[str, str] | None = None
) -> str:
    """'Rate denominator: ... .' with the rows whose denominator year differs; '' for a count."""
    if not is_rate(how):
        return ""
    line = _("Rate denominator: {denominator}.").format(denominator=_(DENOMINATOR_WORDS[how]))
    moved = other_years(frame, names)
    if moved:
        line = _("{sentence} Denominator from another year: {rows}.").format(
            sentence=line, rows="; ".join(moved)
        )
    return line


def with_denominator(lines: Iterable[str], how: str | None, frame=None, names=None) -> list[str]:
    """Citation lines with the denominator's line after them (unchanged for a count)."""
    line = denominator_line(how, frame, names)
    return [*lines, line] if line else list(lines)
