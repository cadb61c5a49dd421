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
from dashboard.app.components import wrap_line
from dashboard.app.figures import NO_DATA, SEQUENTIAL, base_layout, flags_text
from dashboard.app.pages.map_geo import centroids, shape_ids

OCEAN = "#eef3f8"
BORDER = "#ffffff"


def map_values(
    store, indicator: pd.Series, year: int, how: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Country rows of one indicator-year (entity, name, value normalised, raw_value, flags,
    source_id, denominator_note, flags_text, has_shape, lon, lat), and the rows of entities
    that are not countries (world, regions, "No country listed"), said beside the map."""
    kinds = store.entities.set_index("code")
    everything = indicator_series(store.observations, indicator.name)
    series = everything[everything["entity"].map(kinds["kind"]) == "country"]
    if how != "index":
        series = series[series["year"] == year]
    base = int(series["year"].min()) if len(series) else None
    world = None
    if how == "share_of_world":
        world = world_total(store.observations, indicator.name, bool(indicator["summable"]))
    frame = normalise_series(
        series, store.observations, how, indicator["unit"], indicator["breaks"], base, world
    )
    frame = finite(frame[frame["year"] == year].reset_index(drop=True))
    frame["name"] = frame["entity"].map(kinds["name"])
    frame["flags_text"] = [
        flags_text(f, n) for f, n in zip(frame["flags"], frame["denominator_note"], strict=True)
    ]
    shapes, points = shape_ids(), centroids()
    frame["has_shape"] = frame["entity"].isin(shapes)
    frame["lon"] = frame["entity"].map(lambda c: points.get(c, (np.nan, np.nan))[0])
    frame["lat"] = frame["entity"].map(lambda c: points.get(c, (np.nan, np.nan))[1])
    others = everything[(everything["year"] == year) & ~everything.index.isin(series.index)]
    others = others.assign(name=others["entity"].map(kinds["name"]).fillna(others["entity"]))
    return frame, others


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
    lines = []
    for row in frame.itertuples():
        source = titles.get(row.source_id, row.source_id)
        value = (
            shown_value(row.value, row.raw_value, row.flags, unit, how)
            if pd.notna(row.value)
            else f"no value ({row.denominator_note or 'not published'})"
        )
        parts = [f"<b>{row.name}</b> ({row.year})", value]
        if row.flags_text:
            parts.append(row.flags_text)
        parts += [wrap_line(f"Source: {source}", 70, 2), "<i>click to open the country profile</i>"]
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
    """Choropleth + no-data layer + small-state circles; the source and key inside the image."""
    shown = frame[frame["value"].notna()]
    z, low, high, ticks = colour_values(shown["value"], log)
    figure = go.Figure()
    grey = no_data[no_data["entity"].isin(shape_ids())]
    figure.add_trace(
        go.Choropleth(
            locations=grey["entity"],
            locationmode="ISO-3",
            z=[0] * len(grey),
            colorscale=[[0, NO_DATA], [1, NO_DATA]],
            showscale=False,
            customdata=grey[["entity"]].values,
            hovertext=grey["hover"],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"line": {"color": BORDER, "width": 0.5}},
            name="no published value",
        )
    )
    polygons = shown[shown["has_shape"]]
    scale = {
        "colorscale": SEQUENTIAL,
        "colorbar": {
            "title": {"text": colour_title, "side": "right"},
            "thickness": 14,
            "len": 0.75,
            **ticks,
        },
    }
    figure.add_trace(
        go.Choropleth(
            locations=polygons["entity"],
            locationmode="ISO-3",
            z=z[polygons.index],
            zmin=low,
            zmax=high,
            customdata=polygons[["entity"]].values,
            hovertext=polygons["hover"],
            hovertemplate="%{hovertext}<extra></extra>",
            marker={"line": {"color": BORDER, "width": 0.5}},
            name="published value",
            **scale,
        )
    )
    circles = shown[~shown["has_shape"] & shown["lon"].notna()]
    figure.add_trace(
        go.Scattergeo(
            lon=circles["lon"],
            lat=circles["lat"],
            mode="markers",
            marker={
                "size": 8,
                "color": z[circles.index],
                "cmin": low,
                "cmax": high,
                "colorscale": SEQUENTIAL,
                "line": {"color": "#333", "width": 0.8},
            },
            customdata=circles[["entity"]].values,
            hovertext=circles["hover"],
            hovertemplate="%{hovertext}<extra></extra>",
            name="small state (circle)",
            showlegend=False,
        )
    )
    figure.update_geos(
        scope="world",
        resolution=110,
        projection_type="natural earth",
        showcountries=True,
        countrycolor=BORDER,
        showland=True,
        landcolor=NO_DATA,
        showocean=True,
        oceancolor=OCEAN,
        showlakes=False,
        showframe=False,
        showcoastlines=False,
    )
    base_layout(figure, title, source, height=500)
    figure.update_layout(
        margin={"l": 10, "r": 10, "t": 44, "b": 84},
        dragmode=False,
        legend={
            "x": 0.0,
            "y": 0.0,
            "yanchor": "bottom",
            "orientation": "v",
            "bgcolor": "rgba(255,255,255,0.85)",
            "itemclick": False,
            "itemdoubleclick": False,
        },
    )
    for name, symbol in (
        ("grey: no published value", "square"),
        ("circle: small state, same colours", "circle"),
    ):
        figure.add_trace(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="markers",
                name=name,
                marker={
                    "symbol": symbol,
                    "size": 11,
                    "color": NO_DATA if symbol == "square" else "#8a8a8a",
                    "line": {"color": "#555", "width": 1},
                },
                hoverinfo="skip",
                showlegend=True,
            )
        )
    return figure
