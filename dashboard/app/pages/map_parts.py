"""The map's words and table: coverage, what is not mapped and why, the table view."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.analysis.series import indicator_rows
from dashboard.app import context
from dashboard.wording.headlines import MEASURES
from dashboard.wording.numbers import format_value


def table_frame(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    titles = sources.set_index("id")["title"]
    columns = ["entity", "name", "year", "value", "raw_value", "flags_text", "source_id"]
    ordered = frame[columns].sort_values("value", ascending=False, na_position="last")
    return pd.DataFrame(
        {
            "country": [
                f"[{n}](/country/{c})"
                for c, n in zip(ordered["entity"].tolist(), ordered["name"].tolist(), strict=True)
            ],
            "country name": ordered["name"],
            "code": ordered["entity"],
            "year": ordered["year"],
            "value": ordered["value"].round(4),
            "as published": ordered["raw_value"],
            "qualifiers": ordered["flags_text"],
            "source": ordered["source_id"].map(titles).fillna(ordered["source_id"]),
        }
    )


@context.per_store
def last_published_year(indicator_id: str) -> int:
    """The latest year of any row of an indicator, country or not, preferred or not."""
    rows = indicator_rows(context.store().observations, indicator_id, preferred=False)
    return int(rows["year"].max()) if len(rows) else 0


def map_notes(indicator: pd.Series, year: int, last_year: int, frame, others, no_data) -> list:
    """Coverage, what is not mapped and why, breaks: said in words under the map."""
    frame = frame[["name", "value", "raw_value", "denominator_note", "has_shape", "lon"]]
    valued = frame[frame["value"].notna()]
    total = len(valued) + len(no_data)
    lines = [
        f"{len(valued)} of {total} countries and territories have a value for {year}; "
        "the rest are grey (no published value).",
    ]
    measures = MEASURES.get(indicator["measures"])
    if measures:
        lines.insert(0, measures)
    caveats = list(indicator["caveats"])
    if caveats and caveats[0].startswith("Not "):
        lines.insert(0, caveats[0])
    nearby = valued["denominator_note"].str.startswith("denominator from").sum()
    if nearby:
        lines.append(f"{nearby} rates use a denominator from a year within two of {year}.")
    lacking = frame[frame["value"].isna() & frame["raw_value"].notna()]
    for reason, group in lacking.groupby("denominator_note", sort=True):
        examples = ", ".join(sorted(group["name"])[:4])
        lines.append(
            f"{len(group)} countries with a published value are grey here: "
            f"{reason or 'no value after normalising'} (e.g. {examples})."
        )
    unseen = valued[~valued["has_shape"] & valued["lon"].isna()]
    if len(unseen):
        lines.append(
            "Not drawn (no shape or position in the map file; see the table): "
            + ", ".join(sorted(unseen["name"]))
            + "."
        )
    if len(others):
        listed = "; ".join(
            f"{n}: {format_value(v, f)}"
            for n, v, f in zip(others["name"], others["value"], others["flags"], strict=True)
        )
        lines.append(f"Not mapped (not a country): {listed}.")
    for cut in sorted(int(b) for b in indicator["breaks"]):
        if year >= cut:
            lines.append(f"Series break in {cut}: not comparable with years before {cut}.")
    if last_published_year(indicator.name) > last_year:
        lines.append(
            f"Country values end in {last_year}; later years exist only as totals or other "
            "tables (see the caveats under the map)."
        )
    return [html.Li(line) for line in lines]


def year_marks(years: list[int]) -> dict:
    step = 1 if len(years) <= 12 else 5
    return {int(y): (str(y) if y % step == 0 or y in (years[0], years[-1]) else "") for y in years}
