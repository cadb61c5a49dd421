"""Why a rise is or is not on the early-warning list, in a sentence a report writer can read
aloud: the growth, the base it grew from, and which test it passed."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.emerging import ACROSS_BREAK, ZERO_VALUE, FlagParams
from dashboard.language import N_, _
from dashboard.wording.flags import flag_names
from dashboard.wording.numbers import format_pct, format_value
from dashboard.wording.units import Units, after_value

# a row that passed the base and growth minimums: which scores reached their threshold
PASSED = {
    (False, False): N_("{head}; not flagged, neither score reaches its threshold."),
    (True, False): N_("{head}, well above its usual year-on-year change{more}."),
    (False, True): N_(
        "{head}, well above the typical change across countries that year "
        "(median {peer_median}){more}."
    ),
    (True, True): N_(
        "{head}, well above its usual year-on-year change and well above the typical change "
        "across countries that year (median {peer_median}){more}."
    ),
}


def status_words(row: dict) -> str:
    """Why a change is not compared (its `status`), in the reader's language."""
    if row["status"] == ZERO_VALUE:
        return _(ZERO_VALUE)
    return _(ACROSS_BREAK).format(year=row["year"], previous_year=row["year"] - 1)


def reason(row: dict, name: str, params: FlagParams, units: Units) -> str:
    """Why a row is or is not flagged, in a sentence a report writer can read aloud."""
    unit = after_value(row["unit"], units)
    if row["status"]:
        return _("{name}: {status}.").format(name=name, status=status_words(row))
    if row["previous"] < params.min_base:
        template = (
            N_(
                "{name}: not flagged, the {previous_year} base of {previous} {unit} is below the "
                "minimum of {minimum}."
            )
            if unit
            else N_(
                "{name}: not flagged, the {previous_year} base of {previous} is below the "
                "minimum of {minimum}."
            )
        )
        return _(template).format(
            name=name,
            previous_year=row["year"] - 1,
            previous=format_value(row["previous"]),
            unit=unit,
            minimum=format_value(params.min_base),
        )
    if row["growth_pct"] < params.min_growth_pct:
        return _(
            "{name}: not flagged, {growth} in {year} is below the minimum growth of {minimum}."
        ).format(
            name=name,
            growth=format_pct(row["growth_pct"]),
            year=row["year"],
            minimum=format_pct(params.min_growth_pct),
        )
    own = bool(pd.notna(row["own_z"]) and row["own_z"] >= params.own_z)
    peer = bool(pd.notna(row["peer_z"]) and row["peer_z"] >= params.peer_z)
    head = (
        _("{name}: {growth} in {year}, from {previous} to {value} {unit}")
        if unit
        else _("{name}: {growth} in {year}, from {previous} to {value}")
    ).format(
        name=name,
        growth=format_pct(row["growth_pct"]),
        year=row["year"],
        previous=format_value(row["previous"]),
        value=format_value(row["value"]),
        unit=unit,
    )
    more = ""
    if own or peer:
        if not own and row["own_note"]:
            more += _("; {note} to judge against its own past").format(note=row["own_note"])
        marked = flag_names(row["flags"], row["previous_flags"])
        if marked:
            more += _(" (figures marked: {flags})").format(flags=", ".join(marked))
    peer_median = format_pct(row["peer_median_pct"]) if peer else ""
    return _(PASSED[own, peer]).format(head=head, peer_median=peer_median, more=more)


def with_reasons(checked: pd.DataFrame, params: FlagParams, units: Units) -> pd.DataFrame:
    """Adds the `reason` sentence: one row at a time, so only for the rows that are shown.
    `units` is the store's units table by id (`units.units_by_id`)."""
    reasons = [reason(row, row["name"], params, units) for row in checked.to_dict("records")]
    return checked.assign(reason=reasons)
