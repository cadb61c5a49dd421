"""Emerging threats' drawings: the sparklines in the ranked list and the small multiples of the
top flagged series, each never joined across a series break."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.charts.style import BREAK_COLOUR, OKABE_ITO, figure_of
from dashboard.language import _
from dashboard.wording.flags import flags_text
from dashboard.wording.numbers import format_pct

LINE, HIGHLIGHT, BREAK = OKABE_ITO[0], OKABE_ITO[5], BREAK_COLOUR
SPARK_W, SPARK_H, PAD = 132, 34, 4
GRID_COLUMNS = 4


def by_entity(series: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Each entity's rows, split once rather than filtered out again for every row or panel."""
    return dict(tuple(series.groupby("entity", sort=False)))


def sparkline_svg(
    series: pd.DataFrame, years: tuple[int, int], breaks: list[int], year: int
) -> str:
    """A tiny line from zero, one polyline per stretch between breaks, the flagged year dotted;
    a data: URI so nothing is fetched."""
    first, last = years
    top = float(series["value"].max()) or 1.0

    def x(y: float) -> float:
        return PAD + (y - first) / max(last - first, 1) * (SPARK_W - 2 * PAD)

    def y_of(v: float) -> float:
        return SPARK_H - PAD - v / top * (SPARK_H - 2 * PAD)

    parts = [
        f'<line x1="{x(b - 0.5):.1f}" y1="0" x2="{x(b - 0.5):.1f}" y2="{SPARK_H}" '
        f'stroke="{BREAK}" stroke-dasharray="2,2" stroke-width="1"/>'
        for b in breaks
        if first < b <= last
    ]
    # plain lists: for a few points, frame operations cost more than the drawing
    points = list(
        zip(
            series["year"].tolist(),
            series["value"].tolist(),
            series["segment"].tolist(),
            strict=True,
        )
    )
    for stretch in sorted({segment for _year, _value, segment in points}):
        line = " ".join(f"{x(y):.1f},{y_of(v):.1f}" for y, v, s in points if s == stretch)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{LINE}" stroke-width="1.6"/>')
    for y, v, _segment in points:
        if y in (year - 1, year):
            colour = HIGHLIGHT if y == year else LINE
            parts.append(f'<circle cx="{x(y):.1f}" cy="{y_of(v):.1f}" r="2.6" fill="{colour}"/>')
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SPARK_W}" height="{SPARK_H}" '
        f'viewBox="0 0 {SPARK_W} {SPARK_H}">{"".join(parts)}</svg>'
    )
    return "data:image/svg+xml;utf8," + quote(svg)


@lru_cache(maxsize=8)
def grid_layout(rows: int) -> dict:
    """The layout make_subplots gives a grid of `rows` x GRID_COLUMNS panels, each with a
    title slot, without the template. make_subplots takes tens of milliseconds, so it runs
    once per number of rows; callers copy what they change."""
    figure = make_subplots(
        rows=rows,
        cols=GRID_COLUMNS,
        subplot_titles=["-"] * (rows * GRID_COLUMNS),
        horizontal_spacing=0.06,
        vertical_spacing=0.5 / rows,
    )
    return {k: v for k, v in figure.layout.to_plotly_json().items() if k != "template"}


def small_multiples(
    flagged: pd.DataFrame, lines: dict[str, pd.DataFrame], breaks: list[int], unit: str, count: int
) -> go.Figure:
    """The top flagged series, one panel each, never joined across a break; `lines` holds
    each country's series (`by_entity`).

    The panels' traces, break lines and titles are dicts made into a figure at once
    (`figure_of`): adding them one by one costs plotly milliseconds each."""
    top = flagged.head(count)
    if top.empty:
        figure = go.Figure()
        figure.add_annotation(
            text=_("No rise meets these thresholds."),
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
        )
        figure.update_xaxes(visible=False)
        figure.update_yaxes(visible=False)
        return figure
    grid = grid_layout(-(-len(top) // GRID_COLUMNS))
    x_style = {"dtick": 1, "tickformat": "d", "showgrid": False, "tickfont": {"size": 9}}
    y_style = {
        "rangemode": "tozero",
        "gridcolor": "#eee",
        "tickfont": {"size": 9},
        "tickformat": "~s",
    }
    # new dicts throughout: the cached grid itself is never changed
    layout = {
        key: {**axis, **(x_style if key.startswith("xaxis") else y_style)}
        for key, axis in grid.items()
        if key != "annotations"
    }
    panels = top.to_dict("records")
    layout["annotations"] = [
        {**title, "text": f"{r['rank']}. {r['name']} ({r['year']})", "font": {"size": 11}}
        for title, r in zip(grid["annotations"], panels, strict=False)
    ]
    traces, shapes = [], []
    for position, r in enumerate(panels):
        # panels are numbered row by row; the first one's axes are "x" and "y"
        axes = {"xaxis": f"x{position + 1 if position else ''}"}
        axes["yaxis"] = axes["xaxis"].replace("x", "y")
        line = lines[r["entity"]]
        years, values = line["year"].to_numpy(), line["value"].to_numpy()
        segments, flags = line["segment"].to_numpy(), [flags_text(f) for f in line["flags"]]
        for stretch in np.unique(segments):
            part = segments == stretch
            traces.append(
                {
                    "type": "scatter",
                    "x": years[part],
                    "y": values[part],
                    "mode": "lines+markers",
                    "line": {"color": LINE, "width": 2},
                    "marker": {"size": 5},
                    "showlegend": False,
                    "name": r["name"],
                    "customdata": [f for f, inside in zip(flags, part, strict=True) if inside],
                    "hovertemplate": f"{r['name']} %{{x}}: %{{y:,.0f}} {unit}"
                    "<br>%{customdata}<extra></extra>",
                    **axes,
                }
            )
        point = years == r["year"]
        traces.append(
            {
                "type": "scatter",
                "x": years[point],
                "y": values[point],
                "mode": "markers",
                "showlegend": False,
                "marker": {"color": HIGHLIGHT, "size": 10, "symbol": "diamond"},
                "hovertemplate": _("flagged: {growth}").format(growth=format_pct(r["growth_pct"]))
                + "<extra></extra>",
                **axes,
            }
        )
        for year in breaks:
            if len(years) and years.min() < year <= years.max():
                shapes.append(
                    {
                        "type": "line",
                        "x0": year - 0.5,
                        "x1": year - 0.5,
                        "xref": axes["xaxis"],
                        "y0": 0,
                        "y1": 1,
                        "yref": f"{axes['yaxis']} domain",
                        "line": {"dash": "dash", "color": BREAK, "width": 1},
                    }
                )
    if shapes:
        layout["shapes"] = shapes
    return figure_of(traces, layout)
