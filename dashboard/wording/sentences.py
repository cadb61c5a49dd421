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
from dashboard.language import N_, _, decimal
from dashboard.wording.flags import notes
from dashboard.wording.links import short_citation
from dashboard.wording.numbers import number, qualified

# NCMEC's reports, by where they are geolocated and what the year before says (one sentence
# each, so a translator may order every part)
REPORTS = {
    ("world", ""): N_("NCMEC received {count} CyberTipline reports worldwide in {year}{notes}"),
    ("world", "break"): N_(
        "NCMEC received {count} CyberTipline reports worldwide in {year}, a figure not "
        "comparable with {previous_year} because of a series break{notes}"
    ),
    ("world", "more"): N_(
        "NCMEC received {count} CyberTipline reports worldwide in {year}, {change}% more than "
        "in {previous_year}{notes}"
    ),
    ("world", "fewer"): N_(
        "NCMEC received {count} CyberTipline reports worldwide in {year}, {change}% fewer than "
        "in {previous_year}{notes}"
    ),
    ("country", ""): N_(
        "NCMEC received {count} CyberTipline reports geolocated to {country} in {year}{notes}"
    ),
    ("country", "break"): N_(
        "NCMEC received {count} CyberTipline reports geolocated to {country} in {year}, a "
        "figure not comparable with {previous_year} because of a series break{notes}"
    ),
    ("country", "more"): N_(
        "NCMEC received {count} CyberTipline reports geolocated to {country} in {year}, "
        "{change}% more than in {previous_year}{notes}"
    ),
    ("country", "fewer"): N_(
        "NCMEC received {count} CyberTipline reports geolocated to {country} in {year}, "
        "{change}% fewer than in {previous_year}{notes}"
    ),
}
# names read with an article in an English sentence ("the Philippines")
WITH_ARTICLE = {"PHL", "NLD", "USA", "GBR"}


@dataclass(frozen=True)
class Sentence:
    text: str
    citation: str
    caveat: str = ""

    def full(self) -> str:
        """'<text> (<citation>). <caveat>' — the sentence as pasted into a report."""
        cited_text = _("{sentence} ({citation}).").format(
            sentence=self.text, citation=self.citation
        )
        return " ".join(p for p in [cited_text, self.caveat] if p)


def change_kind(value: float, previous: float | None, year: int, breaks: list[int]) -> tuple:
    """('', None), ('break', None), ('more', '12.3') or ('fewer', '4.0'): how a year compares
    with the one before, and the change in percent as the reader writes it."""
    if previous is None or previous == 0:
        return "", None
    if crosses_break(year - 1, year, breaks):
        return "break", None
    change = (value / previous - 1) * 100
    # rounded as Python rounds first, so the digits are those the English sentence always had
    shown = decimal(float(f"{abs(change):.1f}"), "0.0")
    return ("more" if change >= 0 else "fewer"), shown


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
    kind, change = change_kind(last["value"], previous, int(last["year"]), meta["breaks"])
    place = "world" if entity == "WLD" else "country"
    text = _(REPORTS[place, kind]).format(
        count=qualified(last["value"], last["flags"]),
        country=entity_name(store, entity),
        year=last["year"],
        previous_year=int(last["year"]) - 1,
        change=change,
        notes=notes(last["flags"]),
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
    if note:
        text = _("That is {rate} reports per 100,000 internet users in {year} ({note})").format(
            rate=number(value), year=year, note=note
        )
    else:
        text = _("That is {rate} reports per 100,000 internet users in {year}").format(
            rate=number(value), year=year
        )
    citation = _(
        "{citation}; internet users from World Bank WDI (ITU) and population from World Bank WDI"
    ).format(citation=short_citation(store.sources, series["source_id"].iloc[0]))
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
    text = _(
        "For {year}, after NCMEC began bundling duplicate reports, its by-country table lists "
        "{count} referrals for {country}{notes}"
    ).format(
        year=last["year"],
        count=qualified(last["value"], last["flags"]),
        country=entity_name(store, entity),
        notes=notes(last["flags"]),
    )
    caveat = _("Not comparable with the report totals of earlier years.")
    return cited(store, text, last["source_id"], caveat)


def survey_sentence(store, entity: str) -> Sentence | None:
    if (last := latest(store, "dh_ocsea_past_year_pct", entity)) is None:
        return None
    text = _(
        "In the Disrupting Harm household survey, {share}% of internet-using children aged "
        "12-17 in {country} said they had been subjected to clear examples of online sexual "
        "exploitation and abuse in the past year{notes}"
    ).format(
        share=qualified(last["value"], last["flags"]),
        country=entity_name(store, entity),
        notes=notes(last["flags"]),
    )
    return cited(store, text, last["source_id"], store.measures_statement("prevalence_survey"))


def slavery_sentence(store, entity: str) -> Sentence | None:
    if (last := latest(store, "gsi_prevalence_per_1000", entity)) is None:
        return None
    text = _(
        "Walk Free estimates {count} people per 1,000 in modern slavery in {country} on a given "
        "day in {year}{notes}"
    ).format(
        count=qualified(last["value"], last["flags"]),
        country=entity_name(store, entity),
        year=last["year"],
        notes=notes(last["flags"]),
    )
    return cited(store, text, last["source_id"], store.measures_statement("modelled_estimate"))


def entity_name(store, entity: str) -> str:
    names = store.entities.set_index("code")["name"]
    name = names.get(entity, entity)
    return _("the {country}").format(country=name) if entity in WITH_ARTICLE else name


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
