"""Line charts over years: one colour per entity, a trace per stretch between series breaks, so
a line never bridges a change of method, and the break drawn where it falls."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import BREAK_COLOUR, OKABE_ITO, figure_of, separators
from dashboard.language import N_, _

NOT_COMPARABLE = N_("not comparable with earlier years")


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
    break_note: str = NOT_COMPARABLE,
    order: list[str] | None = None,
) -> go.Figure:
    """One colour per entity (in `order`); a trace per stretch between breaks, never joined.

    Traces and layout are dicts made into a figure in one call (`figure_of`): adding them one
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
        _("{name} {year}: {value}").format(name="%{fullData.name}", year="%{x}", value="%{y:,.4~g}")
        + (
            "<br>%{customdata[0]}<br>" + _("source: {source}").format(source="%{customdata[1]}")
            if with_flags
            else ""
        )
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
            text = (
                _("series break {year}: {note}").format(year=year, note=_(break_note))
                if break_note
                else _("series break {year}").format(year=year)
            )
            shape, annotation = break_marker(year, text)
            shapes.append(shape)
            annotations.append(annotation)
    layout = {
        "separators": separators(),
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
    figure = figure_of(traces, layout)
    return figure.update_xaxes(title=None)  # no axis title: the years say what it is
