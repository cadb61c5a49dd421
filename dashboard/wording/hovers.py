"""What a map's hover says about a country: its value as shown and as published, qualifiers,
and the source."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.rates import NORMALISATIONS
from dashboard.wording.numbers import format_value
from dashboard.wording.text import wrap_line


def shown_value(value: float, raw: float, flags: str, unit: str, how: str) -> str:
    if how == "raw":
        return format_value(raw, flags, unit) + ("" if unit in ("percent",) else f" {unit}")
    number = f"{value:,.2f}" if abs(value) >= 1 else f"{value:.3g}"
    return f"{number} {NORMALISATIONS[how]} ({format_value(raw, flags)} {unit} as published)"


def hover_lines(frame: pd.DataFrame, unit: str, how: str, sources: pd.DataFrame) -> list[str]:
    titles = {
        i: f"{p}, {t}"
        for i, p, t in zip(sources["id"], sources["publisher"], sources["title"], strict=True)
    }
    source_lines = {
        s: wrap_line(f"Source: {titles.get(s, s)}", 70, 2) for s in frame["source_id"].unique()
    }
    columns = ["name", "year", "value", "raw_value", "flags", "denominator_note", "flags_text"]
    lines = []
    for row in frame[columns + ["source_id"]].to_dict("records"):
        value = (
            shown_value(row["value"], row["raw_value"], row["flags"], unit, how)
            if pd.notna(row["value"])
            else f"no value ({row['denominator_note'] or 'not published'})"
        )
        parts = [f"<b>{row['name']}</b> ({row['year']})", value]
        if row["flags_text"]:
            parts.append(row["flags_text"])
        parts += [source_lines[row["source_id"]], "<i>click to open the country profile</i>"]
        lines.append("<br>".join(parts))
    return lines
