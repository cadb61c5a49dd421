"""Headline figures in words: what each kind of figure measures, why a change is not given,
and the sentence a report writer pastes."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard.language import _
from dashboard.wording.flags import qualifiers
from dashboard.wording.numbers import format_change, format_value


def no_change_reason(row: dict) -> str:
    """Why a headline gives no change on the year before (its `no_change` code), or ''."""
    year, code = row["year"], row["no_change"]
    if code == "break_after_previous":
        previous = format_value(row["previous_value"], row["previous_flags"])
        return _(
            "Series break in {year}: not comparable with {previous_year} ({previous}), "
            "so no change is computed."
        ).format(year=year, previous_year=year - 1, previous=previous)
    if code == "lower_bound":
        return _("Values are lower bounds, so no change is computed.")
    if code == "break_year":
        return _(
            "Series break in {year}: not comparable with earlier values, so no change is computed."
        ).format(year=year)
    if code == "earlier_break":
        return _(
            "Earlier values are not comparable (series break in {break_year}); "
            "no change is computed."
        ).format(break_year=row["break_year"])
    if code == "no_previous":
        return _("No published value for {previous_year}, so no change on the year.").format(
            previous_year=year - 1
        )
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
        return _("{label}: no published value.").format(label=row["label"])
    words = qualifiers(row["flags"], row["half_year"])
    value = format_value(row["value"], row["flags"], row["unit"])
    if words:
        text = _("{label}: {value} in {year} ({qualifiers}).").format(
            label=row["label"], value=value, year=row["year"], qualifiers="; ".join(words)
        )
    else:
        text = _("{label}: {value} in {year}.").format(
            label=row["label"], value=value, year=row["year"]
        )
    if row["change_pct"] is not None and not pd.isna(row["change_pct"]):
        change = _("{change} on {previous_year}.").format(
            change=format_change(row["change_pct"]), previous_year=row["previous_year"]
        )
        text = _("{sentence} {next_sentence}").format(sentence=text, next_sentence=change)
    elif row["no_change"]:
        text = _("{sentence} {next_sentence}").format(
            sentence=text, next_sentence=no_change_reason(row)
        )
    return text
