"""Figure builders shared by the pages: colour-blind-safe, breaks drawn, source inside the image."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008) categorical palette; black last so it is used only when needed.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SEQUENTIAL = "Cividis"
NO_DATA = "#d9d9d9"
BREAK_COLOUR = "#b00020"  # series breaks, on every chart
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def base_layout(figure: go.Figure, title: str, source_line: str, height: int = 460) -> go.Figure:
    """Title and legend on top, the source line inside the figure so a saved image cites it."""
    _set_layout(
        figure,
        title={
            "text": title,
            "x": 0.01,
            "xanchor": "left",
            "y": 0.985,
            "yanchor": "top",
            "yref": "container",
            "font": {"size": 16},
        },
        font={"family": FONT, "size": 12},
        height=height,
        margin={"l": 60, "r": 20, "t": 120, "b": 80},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 11}},
    )
    figure.add_annotation(
        text=source_line,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.12,
        xanchor="left",
        yanchor="top",
        showarrow=False,
        font={"size": 10, "color": "#555"},
        align="left",
    )
    return figure


def _set_layout(figure: go.Figure, **values) -> go.Figure:
    """`figure.update_layout(**values)` for top-level properties, a few ms faster per call:
    update_layout replays every change through plotly's relayout bookkeeping. A property the
    figure has not set yet is assigned directly, which gives the same figure; one it has set
    is merged by update_layout, as before."""
    layout = figure.layout
    merged = {}
    for key, value in values.items():
        current = layout[key]
        compound = hasattr(current, "to_plotly_json")
        if current is None or current == () or (compound and not current.to_plotly_json()):
            layout[key] = value
        else:
            merged[key] = value
    if merged:
        figure.update_layout(**merged)
    return figure


def break_marker(year: int, text: str) -> tuple[dict, dict]:
    """A dashed line just before `year` and its label: the series is not comparable across it."""
    shape = {
        "type": "line",
        "x0": year - 0.5,
        "x1": year - 0.5,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "y domain",
        "line": {"dash": "dash", "color": BREAK_COLOUR, "width": 1},
    }
    annotation = {
        "x": year - 0.5,
        "y": 0.98,
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "font": {"size": 10, "color": BREAK_COLOUR},
        "xanchor": "left",
    }
    return shape, annotation


def line_chart(
    series: pd.DataFrame,
    names: dict[str, str],
    breaks: list[int],
    y_title: str,
    log: bool = False,
    break_note: str = "",
    order: list[str] | None = None,
) -> go.Figure:
    """One colour per entity (in `order`); a trace per stretch between breaks, never joined.

    Traces and layout go to go.Figure as dicts in one call, validated once: adding them one
    by one (add_trace, add_vline) costs plotly about a millisecond each."""
    present = list(series["entity"].unique())  # in order of first appearance
    entities = [e for e in (order or []) if e in present]
    entities += [e for e in present if e not in entities]
    # Columns as arrays, rows in year order: each trace is a slice, not a frame operation.
    ordered = series.sort_values("year", kind="stable")
    entity, segment = ordered["entity"].to_numpy(), ordered["segment"].to_numpy()
    years, values = ordered["year"].to_numpy(), ordered["value"].to_numpy()
    with_flags = "flags_text" in series
    custom = ordered[["flags_text", "source_id"]].to_numpy() if with_flags else None
    hovertemplate = (
        "%{fullData.name} %{x}: %{y:,.4~g}"
        + ("<br>%{customdata[0]}<br>source: %{customdata[1]}" if with_flags else "")
        + "<extra></extra>"
    )
    traces = []
    for index, name in enumerate(entities):
        mine = entity == name
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        for number, stretch in enumerate(np.unique(segment[mine])):
            rows = mine & (segment == stretch)
            traces.append(
                {
                    "type": "scatter",
                    "x": years[rows],
                    "y": values[rows],
                    "mode": "lines+markers",
                    "name": names.get(name, name),
                    "legendgroup": name,
                    "showlegend": number == 0,
                    "line": {"color": colour, "width": 2},
                    "marker": {"size": 7},
                    "customdata": custom[rows] if with_flags else None,
                    "hovertemplate": hovertemplate,
                }
            )
    shapes, annotations = [], []
    for year in breaks:
        if len(series) and series["year"].min() < year <= series["year"].max():
            text = f"series break {year}" + (f": {break_note}" if break_note else "")
            shape, annotation = break_marker(year, text)
            shapes.append(shape)
            annotations.append(annotation)
    layout = {
        "xaxis": {"dtick": 1, "tickformat": "d", "showgrid": False},
        "yaxis": {
            "title": y_title,
            "type": "log" if log else "linear",
            "gridcolor": "#eee",
            "rangemode": "tozero" if not log else None,
        },
        "shapes": shapes,
        "annotations": annotations,
    }
    figure = go.Figure(data=traces, layout=layout)
    return figure.update_xaxes(title=None)  # no axis title: the years say what it is


def flags_text(flags: str, denominator_note: str = "") -> str:
    parts = [f.replace("_", " ") for f in flags.split(";") if f]
    if denominator_note:
        parts.append(denominator_note)
    return "; ".join(parts)
