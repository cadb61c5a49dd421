"""What a map's hover says about a country: its value as shown and as published, qualifiers,
and the source."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.rates import NORMALISATIONS
from dashboard.language import _, decimal
from dashboard.wording.numbers import format_value
from dashboard.wording.text import wrap_line


def shown_value(
    value: float, raw: float, flags: str, unit: str, how: str, word: str | None = None
) -> str:
    """`word` is the unit as the reader's language writes it after a value (data/units.yaml),
    `unit` its id."""
    word = word or unit
    if how == "raw":
        if unit in ("percent",):
            return format_value(raw, flags, unit)
        return _("{value} {unit}").format(value=format_value(raw, flags, unit), unit=word)
    # rounded as Python rounds first, so the digits are those the English hover always had
    number = decimal(float(f"{value:.2f}"), "#,##0.00") if abs(value) >= 1 else significant(value)
    return _("{value} {normalisation} ({raw_value} {unit} as published)").format(
        value=number,
        normalisation=_(NORMALISATIONS[how]),
        raw_value=format_value(raw, flags),
        unit=word,
    )


def significant(value: float) -> str:
    """0.0123, 0.5: a small rate to three significant digits, in the reader's language."""
    text = f"{value:.3g}"
    if "e" in text:
        return text
    return decimal(float(text), "0." + "#" * max(len(text.split(".")[-1]), 1))


def hover_lines(
    frame: pd.DataFrame, unit: str, how: str, sources: pd.DataFrame, word: str | None = None
) -> list[str]:
    titles = {
        i: f"{p}, {t}"
        for i, p, t in zip(sources["id"], sources["publisher"], sources["title"], strict=True)
    }
    source_lines = {
        s: wrap_line(_("Source: {source}").format(source=titles.get(s, s)), 70, 2)
        for s in frame["source_id"].unique()
    }
    columns = ["name", "year", "value", "raw_value", "flags", "denominator_note", "flags_text"]
    lines = []
    for row in frame[columns + ["source_id"]].to_dict("records"):
        value = (
            shown_value(row["value"], row["raw_value"], row["flags"], unit, how, word)
            if pd.notna(row["value"])
            else _("no value ({why})").format(why=row["denominator_note"] or _("not published"))
        )
        parts = [_("<b>{name}</b> ({year})").format(name=row["name"], year=row["year"]), value]
        if row["flags_text"]:
            parts.append(row["flags_text"])
        parts += [
            source_lines[row["source_id"]],
            "<i>{}</i>".format(_("click to open the country profile")),
        ]
        lines.append("<br>".join(parts))
    return lines
