"""Sentences a report writer can paste: every number computed, each with citation and qualifiers.

Wording follows what an indicator measures: report counts are "reports", never victims or
prevalence; survey shares are "of internet-using children surveyed"; model estimates say so.
No change is stated across a series break.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.rates import normalise_series
from dashboard.analysis.series import crosses_break, indicator_series
from dashboard.wording.flags import notes
from dashboard.wording.links import short_citation
from dashboard.wording.numbers import number, qualified


@dataclass(frozen=True)
class Sentence:
    text: str
    citation: str
    caveat: str = ""

    def full(self) -> str:
        """'<text> (<citation>). <caveat>' — the sentence as pasted into a report."""
        return " ".join(p for p in [f"{self.text} ({self.citation}).", self.caveat] if p)


def change_clause(value: float, previous: float | None, year: int, breaks: list[int]) -> str:
    if previous is None or previous == 0:
        return ""
    if crosses_break(year - 1, year, breaks):
        return f", a figure not comparable with {year - 1} because of a series break"
    change = (value / previous - 1) * 100
    direction = "more" if change >= 0 else "fewer"
    return f", {abs(change):.1f}% {direction} than in {year - 1}"


def reports_sentence(
    store, entity: str, indicator: str = "cybertipline_reports", year: int | None = None
) -> Sentence | None:
    """'NCMEC received N CyberTipline reports geolocated to X in Y, Z% more than in Y-1'."""
    meta = store.indicators.set_index("id").loc[indicator]
    series = indicator_series(store.observations, indicator, [entity])
    if year is not None:
        series = series[series["year"] <= year]
    if series.empty:
        return None
    last = series.iloc[-1]
    before = series[series["year"] == last["year"] - 1]
    previous = before["value"].iloc[0] if len(before) else None
    name = entity_name(store, entity)
    place = "worldwide" if entity == "WLD" else f"geolocated to {name}"
    text = (
        f"NCMEC received {qualified(last['value'], last['flags'])} CyberTipline reports "
        f"{place} in {last['year']}"
        f"{change_clause(last['value'], previous, int(last['year']), meta['breaks'])}"
        f"{notes(last['flags'])}"
    )
    caveat = store.measures_statement("reporting_volume")
    return Sentence(text, short_citation(store.sources, last["source_id"]), caveat)


def rate_sentence(store, entity: str, year: int) -> Sentence | None:
    """Reports per 100,000 internet users, with the denominator's source."""
    series = indicator_series(store.observations, "cybertipline_reports", [entity])
    series = series[series["year"] == year]
    if series.empty:
        return None
    rate = normalise_series(
        series, store.observations, "per_100k_internet_users", store.counts("reports")
    )
    value = rate["value"].iloc[0]
    if pd.isna(value):
        return None
    note = rate["denominator_note"].iloc[0]
    text = (
        f"That is {number(value)} reports per 100,000 internet users in {year}"
        f"{f' ({note})' if note else ''}"
    )
    citation = (
        f"{short_citation(store.sources, series['source_id'].iloc[0])}; internet users "
        "from World Bank WDI (ITU) and population from World Bank WDI"
    )
    return Sentence(text, citation, "")


def latest(store, indicator: str, entity: str) -> pd.Series | None:
    """The entity's latest preferred value of an indicator, or None."""
    rows = indicator_series(store.observations, indicator, [entity])
    return None if rows.empty else rows.iloc[-1]


def cited(store, text: str, source_id: str, caveat: str = "") -> Sentence:
    """A sentence with the short citation of its publication."""
    return Sentence(text, short_citation(store.sources, source_id), caveat)


def referrals_sentence(store, entity: str) -> Sentence | None:
    """2024 by-country figures are referrals after bundling, not all reports: say so."""
    if (last := latest(store, "cybertipline_referrals", entity)) is None:
        return None
    text = (
        f"For {last['year']}, after NCMEC began bundling duplicate reports, its by-country "
        f"table lists {qualified(last['value'], last['flags'])} referrals for "
        f"{entity_name(store, entity)}{notes(last['flags'])}"
    )
    return cited(
        store, text, last["source_id"], "Not comparable with the report totals of earlier years."
    )


def survey_sentence(store, entity: str) -> Sentence | None:
    if (last := latest(store, "dh_ocsea_past_year_pct", entity)) is None:
        return None
    text = (
        f"In the Disrupting Harm household survey, {qualified(last['value'], last['flags'])}% "
        f"of internet-using children aged 12-17 in {entity_name(store, entity)} said they "
        "had been subjected to clear examples of online sexual exploitation and abuse in the "
        f"past year{notes(last['flags'])}"
    )
    return cited(store, text, last["source_id"], store.measures_statement("prevalence_survey"))


def slavery_sentence(store, entity: str) -> Sentence | None:
    if (last := latest(store, "gsi_prevalence_per_1000", entity)) is None:
        return None
    text = (
        f"Walk Free estimates {qualified(last['value'], last['flags'])} people per 1,000 in "
        f"modern slavery in {entity_name(store, entity)} on a given day in {last['year']}"
        f"{notes(last['flags'])}"
    )
    return cited(store, text, last["source_id"], store.measures_statement("modelled_estimate"))


def entity_name(store, entity: str) -> str:
    names = store.entities.set_index("code")["name"]
    name = names.get(entity, entity)
    return (
        f"the {name}"
        if name in {"Philippines", "Netherlands", "United States", "United Kingdom"}
        else name
    )


def country_narrative(store, entity: str) -> list[Sentence]:
    """The paragraph for a country profile, newest comparable figures first."""
    sentences = [
        reports_sentence(store, entity, year=2023),
        rate_sentence(store, entity, 2023),
        referrals_sentence(store, entity),
        survey_sentence(store, entity),
        slavery_sentence(store, entity),
    ]
    return [s for s in sentences if s is not None]


def world_narrative(store) -> list[Sentence]:
    """Headline sentences for the overview: the year before each series break, the break year
    (which says it is not comparable) and the latest year."""
    breaks = store.indicators.set_index("id").loc["cybertipline_reports", "breaks"]
    years = [y for b in sorted(int(b) for b in breaks) for y in (b - 1, b)]
    sentences = [reports_sentence(store, "WLD", year=y) for y in years]
    sentences.append(reports_sentence(store, "WLD"))
    found = [s for s in sentences if s is not None]
    return list(dict.fromkeys(found))
