"""Why a rise is or is not on the early-warning list, in a sentence a report writer can read
aloud: the growth, the base it grew from, and which test it passed."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.emerging import FlagParams
from dashboard.wording.flags import flag_names
from dashboard.wording.numbers import format_pct, format_value
from dashboard.wording.units import Units, after_value


def reason(row: dict, name: str, params: FlagParams, units: Units) -> str:
    """Why a row is or is not flagged, in a sentence a report writer can read aloud."""
    unit = after_value(row["unit"], units)
    unit_text = f" {unit}" if unit else ""
    if row["status"]:
        return f"{name}: {row['status']}."
    if row["previous"] < params.min_base:
        return (
            f"{name}: not flagged, the {row['year'] - 1} base of {format_value(row['previous'])}"
            f"{unit_text} is below the minimum of {format_value(params.min_base)}."
        )
    if row["growth_pct"] < params.min_growth_pct:
        return (
            f"{name}: not flagged, {format_pct(row['growth_pct'])} in {row['year']} is below the "
            f"minimum growth of {format_pct(params.min_growth_pct)}."
        )
    own = pd.notna(row["own_z"]) and row["own_z"] >= params.own_z
    peer = pd.notna(row["peer_z"]) and row["peer_z"] >= params.peer_z
    head = (
        f"{name}: {format_pct(row['growth_pct'])} in {row['year']}, from "
        f"{format_value(row['previous'])} to {format_value(row['value'])}{unit_text}"
    )
    if not (own or peer):
        return f"{head}; not flagged, neither score reaches its threshold."
    tests = []
    if own:
        tests.append("well above its usual year-on-year change")
    if peer:
        tests.append(
            "well above the typical change across countries that year "
            f"(median {format_pct(row['peer_median_pct'])})"
        )
    sentence = f"{head}, {' and '.join(tests)}"
    if not own and row["own_note"]:
        sentence += f"; {row['own_note']} to judge against its own past"
    marked = flag_names(row["flags"], row["previous_flags"])
    if marked:
        sentence += f" (figures marked: {', '.join(marked)})"
    return sentence + "."


def with_reasons(checked: pd.DataFrame, params: FlagParams, units: Units) -> pd.DataFrame:
    """Adds the `reason` sentence: one row at a time, so only for the rows that are shown.
    `units` is the store's units table by id (`units.units_by_id`)."""
    reasons = [reason(row, row["name"], params, units) for row in checked.to_dict("records")]
    return checked.assign(reason=reasons)
