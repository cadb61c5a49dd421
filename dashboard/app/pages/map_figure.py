"""The map's numbers and its figure: one indicator, one year, countries only, raw or normalised.

Countries with a value are coloured (cividis); countries without one are drawn in NO_DATA grey
with a hover that says so; small states with no shape at 110m are circles in the same colours.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.headlines import format_value
from dashboard.analysis.profile import finite
from dashboard.analysis.rates import NORMALISATIONS, normalise_series, world_total
from dashboard.analysis.series import indicator_series
from dashboard.app.components import records, wrap_line
from dashboard.app.figures import NO_DATA, SEQUENTIAL, base_layout, flags_text
from dashboard.app.pages.map_geo import centroids, shape_ids

OCEAN = "#eef3f8"
BORDER = "#ffffff"
MAP_LEGEND = {
    "x": 0.0,
    "y": 0.0,
    "yanchor": "bottom",
    "orientation": "v",
    "bgcolor": "rgba(255,255,255,0.85)",
    "itemclick": False,
    "itemdoubleclick": False,
}


def headline_rows(store, indicator_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """An indicator's preferred headline rows: those of countries, and the others (world,
    regions, "No country listed") with their names."""
    everything = indicator_series(store.observations, indicator_id)
    entities = store.entities.set_index("code")
    is_country = everything["entity"].map(entities["kind"]) == "country"
    others = everything[~is_country]
    others = others.assign(name=others["entity"].map(entities["name"]).fillna(others["entity"]))
    return everything[is_country], others


def map_values(
    store,
    indicator: pd.Series,
    year: int,
    how: str,
    rows: tuple[pd.DataFrame, pd.DataFrame] | None = None,
    world: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Country rows of one indicator-year (entity, name, value normalised, raw_value, flags,
    source_id, denominator_note, flags_text, has_shape, lon, lat), and the rows of entities
    that are not countries (world, regions, "No country listed"), said beside the map.

    A caller that keeps the indicator's `headline_rows` and its world totals may pass them."""
    countries, others = rows if rows is not None else headline_rows(store, indicator.name)
    series = countries if how == "index" else countries[countries["year"] == year]
    base = int(series["year"].min()) if len(series) else None
    if world is None and how == "share_of_world":
        world = world_total(store.observations, indicator.name, bool(indicator["summable"]))
    frame = normalise_series(
        series, store.observations, how, indicator["unit"], indicator["breaks"], base, world
    )
    frame = finite(frame[frame["year"] == year].reset_index(drop=True))
    frame["name"] = frame["entity"].map(store.entities.set_index("code")["name"])
    frame["flags_text"] = [
        flags_text(f, n)
        for f, n in zip(frame["flags"].tolist(), frame["denominator_note"].tolist(), strict=True)
    ]
    entities = frame["entity"].tolist()
    frame["has_shape"] = np.array([c in shape_ids() for c in entities], dtype=bool)
    points = [centroids().get(c, (np.nan, np.nan)) for c in entities]
    frame["lon"] = np.array([p[0] for p in points], dtype=float)
    frame["lat"] = np.array([p[1] for p in points], dtype=float)
    return frame, others[others["year"] == year]


def short_number(value: float) -> str:
    """Colour-bar tick labels in real numbers: 0.01, 5, 100, 2k, 10M."""
    if value == 0:
        return "0"
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def log_ticks(low: float, high: float) -> list[float]:
    """Round numbers (1, 2, 5 x 10^k) between two log10 values, as log10 positions."""
    ticks = []
    for power in range(math.floor(low), math.ceil(high) + 1):
        for step in (1, 2, 5):
            position = math.log10(step) + power
            if low - 1e-9 <= position <= high + 1e-9:
                ticks.append(position)
    decades = [t for t in ticks if float(t).is_integer()]
    return decades if len(decades) >= 3 else ticks


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
    for row in records(frame[columns + ["source_id"]]):
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


def colour_values(values: pd.Series, log: bool) -> tuple[pd.Series, float, float, dict]:
    """z for the colour scale, its range and the colour-bar ticks (real numbers on a log scale)."""
    if not log:
        low = min(0.0, float(values.min())) if len(values) else 0.0
        high = float(values.max()) if len(values) else 1.0
        return values, low, high if high > low else low + 1, {"tickformat": "~s"}
    positive = values[values > 0]
    floor = math.log10(positive.min()) if len(positive) else 0.0
    z = np.log10(values.where(values > 0, 10**floor))
    high = float(z.max()) if len(z) else floor + 1
    high = high if high > floor else floor + 1
    ticks = log_ticks(floor, high)
    return z, floor, high, {"tickvals": ticks, "ticktext": [short_number(10**t) for t in ticks]}


def map_figure(
    frame: pd.DataFrame,
    no_data: pd.DataFrame,
    title: str,
    source: str,
    colour_title: str,
    log: bool,
) -> go.Figure:
    """Choropleth + no-data layer + small-state circles; the source and key inside the image.

    Traces and geography go to go.Figure as dicts in one call, validated once."""
    shown = frame[frame["value"].notna()]
    z, low, high, ticks = colour_values(shown["value"], log)
    # Columns as arrays: the polygon and circle layers are slices of them.
    entity, hover, z = shown["entity"].to_numpy(), shown["hover"].to_numpy(), z.to_numpy()
    lon, lat = shown["lon"].to_numpy(), shown["lat"].to_numpy()
    polygon = shown["has_shape"].to_numpy()
    circle = ~polygon & ~np.isnan(lon)
    grey = no_data[[code in shape_ids() for code in no_data["entity"].tolist()]]
    border = {"line": {"color": BORDER, "width": 0.5}}
    traces = [
        {
            "type": "choropleth",
            "locations": grey["entity"],
            "locationmode": "ISO-3",
            "z": [0] * len(grey),
            "colorscale": [[0, NO_DATA], [1, NO_DATA]],
            "showscale": False,
            "customdata": grey[["entity"]].values,
            "hovertext": grey["hover"],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": border,
            "name": "no published value",
        },
        {
            "type": "choropleth",
            "locations": entity[polygon],
            "locationmode": "ISO-3",
            "z": z[polygon],
            "zmin": low,
            "zmax": high,
            "customdata": entity[polygon].reshape(-1, 1),
            "hovertext": hover[polygon],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": border,
            "name": "published value",
            "colorscale": SEQUENTIAL,
            "colorbar": {
                "title": {"text": colour_title, "side": "right"},
                "thickness": 14,
                "len": 0.75,
                **ticks,
            },
        },
        {
            "type": "scattergeo",
            "lon": lon[circle],
            "lat": lat[circle],
            "mode": "markers",
            "marker": {
                "size": 8,
                "color": z[circle],
                "cmin": low,
                "cmax": high,
                "colorscale": SEQUENTIAL,
                "line": {"color": "#333", "width": 0.8},
            },
            "customdata": entity[circle].reshape(-1, 1),
            "hovertext": hover[circle],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "name": "small state (circle)",
            "showlegend": False,
        },
    ]
    for name, symbol in (
        ("grey: no published value", "square"),
        ("circle: small state, same colours", "circle"),
    ):
        traces.append(
            {
                "type": "scattergeo",
                "lon": [None],
                "lat": [None],
                "mode": "markers",
                "name": name,
                "marker": {
                    "symbol": symbol,
                    "size": 11,
                    "color": NO_DATA if symbol == "square" else "#8a8a8a",
                    "line": {"color": "#555", "width": 1},
                },
                "hoverinfo": "skip",
                "showlegend": True,
            }
        )
    geo = {
        "scope": "world",
        "resolution": 110,
        "projection": {"type": "natural earth"},
        "showcountries": True,
        "countrycolor": BORDER,
        "showland": True,
        "landcolor": NO_DATA,
        "showocean": True,
        "oceancolor": OCEAN,
        "showlakes": False,
        "showframe": False,
        "showcoastlines": False,
    }
    figure = go.Figure(data=traces, layout={"geo": geo, "dragmode": False})
    base_layout(figure, title, source, height=500)
    # The map's own margins, and its legend at the bottom left (keeping base_layout's font).
    figure.layout.margin = {"l": 10, "r": 10, "t": 44, "b": 84}
    figure.layout.legend = {**figure.layout.legend.to_plotly_json(), **MAP_LEGEND}
    return figure
