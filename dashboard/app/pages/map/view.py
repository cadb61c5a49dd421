"""What the map shows for a checked state: the figure, its table, footer and downloads, and
the notes under it (coverage, what is not mapped and why, breaks)."""

from __future__ import annotations

import pandas as pd
from dash import html

from dashboard.analysis.maps import headline_rows, map_values
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.analysis.series import indicator_rows
from dashboard.app import context
from dashboard.app.components.cards import card_file, card_footer, card_table, safe_filename
from dashboard.app.lookups import (
    citation_lines,
    indicators_by_id,
    source_line,
    units,
    world_totals,
)
from dashboard.app.pages.map.state import MapState, country_years
from dashboard.charts.maps import map_figure, with_positions
from dashboard.models import CaveatKind
from dashboard.wording import caveats
from dashboard.wording.flags import with_flag_texts
from dashboard.wording.hovers import hover_lines
from dashboard.wording.numbers import format_value
from dashboard.wording.units import unit_label


@context.per_store
def indicator_headline_rows(indicator_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    return headline_rows(context.store(), indicator_id)


@context.per_store
def country_entities() -> pd.DataFrame:
    entities = context.store().entities
    return entities[entities["kind"] == "country"]


def map_view(state: MapState) -> tuple:
    """Figure, table, footer, card data and notes for one checked state."""
    store = context.store()
    indicator = indicators_by_id().loc[state.indicator]
    unit, how = indicator["unit"], state.norm
    rows = indicator_headline_rows(state.indicator)
    world = world_totals(state.indicator)
    frame, others = map_values(store, indicator, state.year, how, rows, world)
    frame = with_positions(with_flag_texts(frame))
    frame["hover"] = hover_lines(frame, unit, how, store.sources)
    countries = country_entities()
    valued = set(frame.loc[frame["value"].notna(), "entity"].tolist())
    missing = countries[[code not in valued for code in countries["code"].tolist()]]
    reasons = dict(zip(frame["entity"].tolist(), frame["denominator_note"].tolist(), strict=True))
    no_data = pd.DataFrame({"entity": missing["code"], "name": missing["name"]})
    no_data["hover"] = [
        f"<b>{n}</b> ({state.year})<br>no published value"
        + (f" ({reasons[c]})" if reasons.get(c) else "")
        + "<br><i>click to open the country profile</i>"
        for c, n in zip(no_data["entity"], no_data["name"], strict=True)
    ]
    label = unit_label(unit, units()) if how == "raw" else NORMALISATIONS[how]
    if how == "index":
        label = f"index ({int(frame['year'].min()) if len(frame) else state.year} = 100)"
    title = f"{indicator['name']}, {state.year}: {label}"
    figure = map_figure(
        frame,
        no_data,
        title,
        source_line(list(frame["source_id"]), how),
        label + (" (log scale)" if state.scale == "log" else ""),
        state.scale == "log",
    )
    table = table_frame(frame, store.sources)
    header = [
        f"{title}. OCSE Statistics Dashboard, map view (countries only).",
        *citation_lines(list(frame["source_id"]), state.indicator, how, frame),
    ]
    shown = table.drop(columns="country")
    linked = card_table(table.drop(columns="country name"), "map-table-data")
    linked.columns = [
        {**c, "presentation": "markdown"} if c["id"] == "country" else c for c in linked.columns
    ]
    linked.markdown_options = {"link_target": "_self"}  # a country's profile opens in place
    filename = safe_filename(state.indicator, state.year, state.norm, state.scale)
    return (
        figure,
        linked,
        card_footer(header[1:]),
        card_file(shown, header, filename, state),
        map_notes(
            indicator,
            state.year,
            country_years()[state.indicator][-1],
            frame,
            others,
            no_data,
        ),
    )


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
            "value": ordered["value"],
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
    measures = context.store().measures_statement(indicator["measures"])
    if measures:
        lines.insert(0, measures)
    reading = caveats.first(indicator["caveats"], CaveatKind.READING)
    if reading:
        lines.insert(0, reading)
    nearby = valued["denominator_note"].str.startswith("denominator from").sum()
    if nearby:
        lines.append(f"{nearby} rates use a denominator from a year within two of {year}.")
    lacking = frame[frame["value"].isna() & frame["raw_value"].notna()]
    for reason, group in lacking.groupby("denominator_note", sort=True):
        lines.append(  # every one named: a reader looking for a country finds why it is grey
            f"{len(group)} countries with a published value are grey here: "
            f"{reason or 'no value after normalising'}: {', '.join(sorted(group['name']))}."
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
