"""Headline figures in words: what each kind of figure measures, why a change is not given,
and the sentence a report writer pastes."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.wording.flags import qualifiers
from dashboard.wording.numbers import format_change, format_value


def no_change_reason(row: dict) -> str:
    """Why a headline gives no change on the year before (its `no_change` code), or ''."""
    year, code = row["year"], row["no_change"]
    if code == "break_after_previous":
        previous = format_value(row["previous_value"], row["previous_flags"])
        return (
            f"Series break in {year}: not comparable with {year - 1} ({previous}), "
            "so no change is computed."
        )
    if code == "lower_bound":
        return "Values are lower bounds, so no change is computed."
    if code == "break_year":
        return (
            f"Series break in {year}: not comparable with earlier values, so no change is computed."
        )
    if code == "earlier_break":
        return (
            f"Earlier values are not comparable (series break in {row['break_year']}); "
            "no change is computed."
        )
    if code == "no_previous":
        return f"No published value for {year - 1}, so no change on the year."
    return ""


def described(headlines: pd.DataFrame, statements: Mapping[str, str]) -> pd.DataFrame:
    """The headline rows with `measures` (its kind's sentence, data/measures.yaml, as
    `statements`) and `no_change_reason` in words."""
    rows = headlines.to_dict("records")
    return headlines.assign(
        measures=[statements.get(r["measures"], "") for r in rows],
        no_change_reason=[no_change_reason(r) for r in rows],
    )


def headline_sentence(row: dict) -> str:
    """A sentence a report writer can paste (the page adds the citation)."""
    if row["year"] is None:
        return f"{row['label']}: no published value."
    words = qualifiers(row["flags"], row["half_year"])
    extra = f" ({'; '.join(words)})" if words else ""
    value = format_value(row["value"], row["flags"], row["unit"])
    text = f"{row['label']}: {value} in {row['year']}{extra}."
    if row["change_pct"] is not None and not pd.isna(row["change_pct"]):
        text += f" {format_change(row['change_pct'])} on {row['previous_year']}."
    elif row["no_change"]:
        text += f" {no_change_reason(row)}"
    return text
