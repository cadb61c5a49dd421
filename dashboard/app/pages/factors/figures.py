"""The Factors page's figures: countries against a context factor with the log-log fit, and
one country's growth against the factor's growth."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.factors import BREAK_NOTE, FACTORS, FactorFrame, LogLogFit
from dashboard.app import context
from dashboard.charts.lines import break_marker
from dashboard.charts.style import OKABE_ITO, base_layout, figure_of
from dashboard.charts.ticks import spanning_log_ticks
from dashboard.language import N_, _, decimal
from dashboard.wording.text import wrap_line

FACTOR_SHORT = {
    "internet_users_pct": N_("internet use"),
    "gdp_per_capita_ppp": N_("GDP per capita (PPP)"),
    "gdp_per_capita_const_usd": N_("GDP per capita (constant US$)"),
    "population_0_14": N_("child population"),
    "mobile_cellular_per_100": N_("mobile subscriptions"),
    "fixed_broadband_per_100": N_("fixed broadband subscriptions"),
}


def scatter_figure(
    frame: FactorFrame,
    fit: LogLogFit,
    names: dict[str, str],
    y_label: str,
    factor: str,
    log: bool,
    title: str,
    source: str,
) -> go.Figure:
    """Countries as points, the log-log fit and its 95% confidence band; focus countries named.

    `frame.rows` carries `flags_text` (see `with_flag_texts`)."""
    rows = frame.rows.assign(
        name=lambda f: f["entity"].map(names).fillna(f["entity"]),
        qualifiers=lambda f: [text or _("none") for text in f["flags_text"].tolist()],
    )
    traces = []
    if not fit.refused and len(fit.grid):
        band = fit.grid
        traces += [
            {
                "type": "scatter",
                "x": band["x"],
                "y": band["high"],
                "mode": "lines",
                "line": {"width": 0},
                "hoverinfo": "skip",
                "showlegend": False,
            },
            {
                "type": "scatter",
                "x": band["x"],
                "y": band["low"],
                "mode": "lines",
                "line": {"width": 0},
                "fill": "tonexty",
                "fillcolor": "rgba(0,114,178,0.15)",
                "name": _("95% confidence band of the fit"),
                "hoverinfo": "skip",
            },
            {
                "type": "scatter",
                "x": band["x"],
                "y": band["fit"],
                "mode": "lines",
                "line": {"color": OKABE_ITO[0], "width": 2},
                "name": _("log-log fit (slope {slope})").format(slope=decimal(fit.slope, "0.00")),
                "hoverinfo": "skip",
            },
        ]
    hover = (
        "<b>%{customdata[0]}</b> %{customdata[1]}<br>"
        + f"{_(FACTORS[factor])}: "
        + "%{x:,.4~g}<br>"
        + f"{y_label}: "
        + "%{y:,.4~g}<br>"
        + _("qualifiers: {qualifiers}").format(qualifiers="%{customdata[2]}")
        + "<br>"
        + _("source: {source}").format(source="%{customdata[3]}")
        + "<extra></extra>"
    )
    # Columns as arrays: the two point layers are slices of them.
    x, y = rows["factor"].to_numpy(), rows["value"].to_numpy()
    customdata = rows[["name", "year", "qualifiers", "source_id"]].to_numpy()
    focus = rows["entity"].isin(context.store().focus()).to_numpy()
    for part, label, colour, named in [
        (~focus, _("countries"), "#56B4E9", False),
        (focus, _("focus countries"), OKABE_ITO[5], True),
    ]:
        if not part.any():
            continue
        traces.append(
            {
                "type": "scatter",
                "x": x[part],
                "y": y[part],
                "mode": "markers+text" if named else "markers",
                "text": latest_label(rows[part]) if named else None,
                "textposition": "top center",
                "textfont": {"size": 11, "color": "#333"},
                "name": label,
                "marker": {
                    "size": 8,
                    "color": colour,
                    "opacity": 0.85,
                    "line": {"width": 0.5, "color": "#333"},
                },
                "customdata": customdata[part],
                "hovertemplate": hover,
            }
        )
    axis = "log" if log else "linear"
    xaxis = {"type": axis, "title": _(FACTORS[factor]), "gridcolor": "#eee", "zeroline": False}
    yaxis = {"type": axis, "title": y_label, "gridcolor": "#eee", "zeroline": False}
    if log and len(rows):
        xaxis.update(tickvals=spanning_log_ticks(rows["factor"]), tickformat=",~g")
        yaxis.update(tickvals=spanning_log_ticks(rows["value"]), tickformat=",~g")
    figure = figure_of(traces, {"xaxis": xaxis, "yaxis": yaxis})
    titled(figure, title, source, 540)
    return figure


def latest_label(rows: pd.DataFrame) -> list[str]:
    """Name each country once, at its latest year, so pooled years do not repeat labels."""
    latest = rows.groupby("entity")["year"].transform("max")
    return [
        n if y == last else ""
        for n, y, last in zip(
            rows["name"].tolist(), rows["year"].tolist(), latest.tolist(), strict=True
        )
    ]


def growth_figure(
    growth: pd.DataFrame, indicator_name: str, factor: str, country: str, source: str
) -> go.Figure:
    """Year-on-year growth of the indicator and of the factor, two lines, zero marked.

    Traces and layout are dicts made into a figure in one call (`figure_of`)."""
    traces = [
        {
            "type": "scatter",
            "x": growth["year"],
            "y": growth[column],
            "mode": "lines+markers",
            "name": _("{series}: growth on the year before").format(series=label),
            "line": {"color": colour, "width": 2},
            "marker": {"size": 7},
            "customdata": [[_(note) if note else note] for note in growth["note"]],
            "hovertemplate": "%{x}: %{y:+.1f}%<br>%{customdata[0]}<extra></extra>",
        }
        for column, label, colour in [
            ("value_growth_pct", indicator_name, OKABE_ITO[5]),
            ("factor_growth_pct", _(FACTORS[factor]), OKABE_ITO[0]),
        ]
    ]
    shapes, annotations = [], []
    crossed = growth["note"].eq(_(BREAK_NOTE))  # written in the same language
    for year in growth.loc[crossed, "year"]:
        shape, annotation = break_marker(
            year, _("series break {year}: no growth computed across it").format(year=year)
        )
        shapes.append(shape)
        annotations.append(annotation)
    zero = {
        "type": "line",
        "x0": 0,
        "x1": 1,
        "xref": "x domain",
        "y0": 0,
        "y1": 0,
        "yref": "y",
        "line": {"color": "#999", "width": 1},
    }
    layout = {
        "shapes": [*shapes, zero],
        "annotations": annotations,
        "xaxis": {"dtick": 1, "tickformat": "d", "showgrid": False},
        "yaxis": {
            "title": _("change on the year before (%)"),
            "gridcolor": "#eee",
            "ticksuffix": "%",
        },
    }
    figure = figure_of(traces, layout)
    title = _("{country}: growth on the year before, {indicator} vs {factor}").format(
        country=country, indicator=indicator_name, factor=_(FACTOR_SHORT[factor])
    )
    titled(figure, title, source, 420)
    return figure


def titled(figure: go.Figure, title: str, source: str, height: int) -> go.Figure:
    """base_layout with a long title wrapped onto two lines that stay inside the image."""
    wrapped = wrap_line(title, 88, 2)
    base_layout(figure, wrapped, wrap_line(source.replace("<br>", " "), 120, 3), height=height)
    if "<br>" in wrapped:
        figure.layout.title.y = 1 - 26 / height
    return figure
