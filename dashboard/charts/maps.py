"""The choropleth: countries with a value coloured (cividis), countries without one in NO_DATA
grey with a hover that says so, and small states with no shape at 110m drawn as circles in the
same colours."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.geometry import centroids, shape_ids
from dashboard.charts.style import NO_DATA, SEQUENTIAL, base_layout, figure_of
from dashboard.charts.ticks import log_ticks, short_number
from dashboard.language import _

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


def with_positions(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (one row per `entity`) with where the map draws it: `has_shape` (a polygon at
    110m), else `lon` and `lat` for a circle (NaN when the map has no position either)."""
    entities = frame["entity"].tolist()
    frame["has_shape"] = np.array([c in shape_ids() for c in entities], dtype=bool)
    points = [centroids().get(c, (np.nan, np.nan)) for c in entities]
    frame["lon"] = np.array([p[0] for p in points], dtype=float)
    frame["lat"] = np.array([p[1] for p in points], dtype=float)
    return frame


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

    Traces and geography are dicts made into a figure in one call (`figure_of`)."""
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
            "name": _("no published value"),
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
            "name": _("published value"),
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
            "name": _("small state (circle)"),
            "showlegend": False,
        },
    ]
    for name, symbol in (
        (_("grey: no published value"), "square"),
        (_("circle: small state, same colours"), "circle"),
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
    figure = figure_of(traces, {"geo": geo, "dragmode": False})
    base_layout(figure, title, source, height=500)
    # The map's own margins, and its legend at the bottom left (keeping base_layout's font).
    figure.layout.margin = {"l": 10, "r": 10, "t": 44, "b": 84}
    figure.layout.legend = {**figure.layout.legend.to_plotly_json(), **MAP_LEGEND}
    return figure
