"""Figure builders shared by the pages: colour-blind-safe, breaks drawn, source inside the image."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Okabe & Ito (2008) categorical palette; black last so it is used only when needed.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SEQUENTIAL = "Cividis"
NO_DATA = "#d9d9d9"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"


def base_layout(figure: go.Figure, title: str, source_line: str, height: int = 460) -> go.Figure:
    """Title and legend on top, the source line inside the figure so a saved image cites it."""
    figure.update_layout(
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


def line_chart(
    series: pd.DataFrame,
    names: dict[str, str],
    breaks: list[int],
    y_title: str,
    log: bool = False,
    break_note: str = "",
    order: list[str] | None = None,
) -> go.Figure:
    """One colour per entity (in `order`); a trace per stretch between breaks, never joined."""
    figure = go.Figure()
    present = set(series["entity"])
    entities = [e for e in (order or []) if e in present]
    entities += [e for e in dict.fromkeys(series["entity"]) if e not in entities]
    for index, entity in enumerate(entities):
        rows = series[series["entity"] == entity].sort_values("year")
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        for number, (_, part) in enumerate(rows.groupby("segment", sort=True)):
            figure.add_trace(
                go.Scatter(
                    x=part["year"],
                    y=part["value"],
                    mode="lines+markers",
                    name=names.get(entity, entity),
                    legendgroup=entity,
                    showlegend=number == 0,
                    line={"color": colour, "width": 2},
                    marker={"size": 7},
                    customdata=part[["flags_text", "source_id"]].values
                    if "flags_text" in part
                    else None,
                    hovertemplate="%{fullData.name} %{x}: %{y:,.4~g}"
                    + (
                        "<br>%{customdata[0]}<br>source: %{customdata[1]}"
                        if "flags_text" in part
                        else ""
                    )
                    + "<extra></extra>",
                )
            )
    for year in breaks:
        if len(series) and series["year"].min() < year <= series["year"].max():
            figure.add_vline(x=year - 0.5, line={"dash": "dash", "color": "#b00020", "width": 1})
            figure.add_annotation(
                x=year - 0.5,
                y=0.98,
                yref="paper",
                text=f"series break {year}" + (f": {break_note}" if break_note else ""),
                showarrow=False,
                font={"size": 10, "color": "#b00020"},
                xanchor="left",
            )
    figure.update_xaxes(dtick=1, tickformat="d", showgrid=False, title=None)
    figure.update_yaxes(
        title=y_title,
        type="log" if log else "linear",
        gridcolor="#eee",
        rangemode="tozero" if not log else None,
    )
    return figure


def flags_text(flags: str, denominator_note: str = "") -> str:
    parts = [f.replace("_", " ") for f in flags.split(";") if f]
    if denominator_note:
        parts.append(denominator_note)
    return "; ".join(parts)
