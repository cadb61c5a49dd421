"""The Publish preview's chart: the new values (large hollow markers) against the series already
published for the same countries (lines), so an editor sees a misread figure at a glance."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import OKABE_ITO, base_layout
from dashboard.language import N_, _

# the two kinds of point for a country: what is published, what the editor adds
SHOWN_AS = {"published": N_("{country} published"), "new": N_("{country} new")}


def preview_figure(
    series: pd.DataFrame, new: pd.DataFrame, title: str, source_line: str
) -> go.Figure:
    """`series`: entity, year, value already published; `new`: entity, year, value to add."""
    figure = go.Figure()
    for n, entity in enumerate(sorted(set(series["entity"]) | set(new["entity"]))):
        colour = OKABE_ITO[n % len(OKABE_ITO)]
        old = series[series["entity"] == entity].sort_values("year")
        line = {"mode": "lines+markers", "line": {"color": colour}}
        marker = {"color": colour, "size": 13, "symbol": "circle-open", "line": {"width": 3}}
        shown = [(old, "published", line)] if len(old) else []
        shown.append((new[new["entity"] == entity], "new", {"mode": "markers", "marker": marker}))
        for rows, what, style in shown:
            figure.add_trace(
                go.Scatter(
                    x=rows["year"],
                    y=rows["value"],
                    name=_(SHOWN_AS[what]).format(country=entity),
                    legendgroup=entity,
                    **style,
                )
            )
    figure.update_xaxes(dtick=1, tickformat="d", showgrid=False)
    figure.update_yaxes(rangemode="tozero", gridcolor="#eee", tickformat=",")
    return base_layout(figure, title, source_line, height=420)
