"""The look every chart shares: colour-blind-safe palettes, fonts, title, legend, and the source
line inside the figure so that a saved image still cites its sources."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.language import current

# Okabe & Ito (2008) categorical palette; black last so it is used only when needed.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SEQUENTIAL = "Cividis"
NO_DATA = "#d9d9d9"
BREAK_COLOUR = "#b00020"  # series breaks, on every chart
SOURCE_NOTE = "source"  # the name of the annotation that carries the source line
FONT = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
# Plotly's decimal point and thousands separator, so its own hover and axis numbers are written
# as the reader's language writes them (French groups thousands with a narrow no-break space)
SEPARATORS = {"en": ".,", "de": ",.", "fr": ",\u202f", "es": ",."}


def separators() -> str:
    """Plotly's `layout.separators` for the language in use."""
    return SEPARATORS.get(current(), SEPARATORS["en"])


def figure_of(data: list[dict], layout: dict) -> go.Figure:
    """A figure of traces and a layout this code wrote as dicts, its traces not validated again
    on every request: plotly checks each property of each trace, which took 5 of the 10 ms
    that making /emerging's twelve panels cost. The layout is validated, so that later updates
    find shorthand such as an axis title given as text already expanded. Every chart built this
    way is validated whole in the tests (tests/charts/test_figures_valid.py)."""
    figure = go.Figure(data=data, _validate=False)
    figure._validate = True  # from here on, as any figure: the layout and every update checked
    figure.layout = layout
    return figure


def base_layout(figure: go.Figure, title: str, source_line: str, height: int = 460) -> go.Figure:
    """Title and legend on top, the source line inside the figure so a saved image cites it."""
    set_layout(
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
        separators=separators(),
        height=height,
        margin={"l": 60, "r": 20, "t": 120, "b": 80},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0, "font": {"size": 11}},
    )
    figure.add_annotation(
        name=SOURCE_NOTE,
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


def set_layout(figure: go.Figure, **values) -> go.Figure:
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
