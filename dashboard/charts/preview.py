"""The Publish preview's chart: the new values (large hollow markers) against the series already
published for the same countries (lines), so an editor sees a misread figure at a glance."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import OKABE_ITO, base_layout


def preview_figure(
    series: pd.DataFrame, new: pd.DataFrame, title: str, source_line: str
) -> go.Figure:
    """`series`: entity, year, value already published; `new`: entity, year, value to add."""
    figure = go.Figure()
    for n, entity in enumerate(sorted(set(series["entity"]) | set(new["entity"]))):
        colour = OKABE_ITO[n % len(OKABE_ITO)]
        old = series[series["entity"] == entity].sort_values("year")
        if len(old):
            figure.add_trace(
                go.Scatter(
                    x=old["year"],
                    y=old["value"],
                    name=f"{entity} published",
                    mode="lines+markers",
                    line={"color": colour},
                    legendgroup=entity,
                )
            )
        added = new[new["entity"] == entity]
        figure.add_trace(
            go.Scatter(
                x=added["year"],
                y=added["value"],
                name=f"{entity} new",
                mode="markers",
                marker={"color": colour, "size": 13, "symbol": "circle-open", "line": {"width": 3}},
                legendgroup=entity,
            )
        )
    figure.update_xaxes(dtick=1, tickformat="d", showgrid=False)
    figure.update_yaxes(rangemode="tozero", gridcolor="#eee", tickformat=",")
    return base_layout(figure, title, source_line, height=420)
