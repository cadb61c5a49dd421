"""The within-country part of the Factors page: growth of the indicator vs growth of the factor."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.factors import FACTORS
from dashboard.app.pages.factors_view import FACTOR_SHORT, titled
from dashboard.charts.lines import break_marker
from dashboard.charts.style import OKABE_ITO
from dashboard.wording.flags import flags_text


def growth_figure(
    growth: pd.DataFrame, indicator_name: str, factor: str, country: str, source: str
) -> go.Figure:
    """Year-on-year growth of the indicator and of the factor, two lines, zero marked.

    Traces and layout go to go.Figure as dicts in one call, validated once."""
    traces = [
        {
            "type": "scatter",
            "x": growth["year"],
            "y": growth[column],
            "mode": "lines+markers",
            "name": f"{label}: growth on the year before",
            "line": {"color": colour, "width": 2},
            "marker": {"size": 7},
            "customdata": growth[["note"]].values,
            "hovertemplate": "%{x}: %{y:+.1f}%<br>%{customdata[0]}<extra></extra>",
        }
        for column, label, colour in [
            ("value_growth_pct", indicator_name, OKABE_ITO[5]),
            ("factor_growth_pct", FACTORS[factor], OKABE_ITO[0]),
        ]
    ]
    shapes, annotations = [], []
    for year in growth.loc[growth["note"].str.startswith("series break"), "year"]:
        shape, annotation = break_marker(year, f"series break {year}: no growth computed across it")
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
            "title": "change on the year before (%)",
            "gridcolor": "#eee",
            "ticksuffix": "%",
        },
    }
    figure = go.Figure(data=traces, layout=layout)
    title = f"{country}: growth on the year before, {indicator_name} vs {FACTOR_SHORT[factor]}"
    titled(figure, title, source, 420)
    return figure


def growth_table(growth: pd.DataFrame, factor: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": growth["year"],
            "indicator value": growth["value"],
            "indicator growth %": growth["value_growth_pct"].round(2),
            FACTORS[factor]: growth["factor"].round(3),
            "factor growth %": growth["factor_growth_pct"].round(2),
            "note": growth["note"],
            "qualifiers": [flags_text(f) for f in growth["flags"]],
            "source": growth["source_id"],
        }
    )
