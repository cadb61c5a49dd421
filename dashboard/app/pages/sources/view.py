"""What each tab of the sources page shows: the publications, the indicator definitions, the
coverage matrix of one indicator with every indicator's span, the downloads, and the notices
of the build."""

from __future__ import annotations

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashboard.analysis.coverage import coverage_by_indicator, coverage_matrix
from dashboard.app import context
from dashboard.app.components.cards import GRAPH_CONFIG
from dashboard.app.components.controls import select
from dashboard.app.components.tables import data_table
from dashboard.app.lookups import indicator_options, indicators_by_id
from dashboard.app.pages.sources.history import history_content
from dashboard.app.pages.sources.state import SourcesState
from dashboard.wording import caveats
from dashboard.wording.links import source_href


def tab_content(state: SourcesState) -> object:
    if state.tab == "history":
        return history_content()
    if state.tab == "sources":
        return data_table(sources_table(), "sources-table", markdown=("link",))
    if state.tab == "indicators":
        return data_table(indicators_table(), "indicators-table")
    if state.tab == "coverage":
        return html.Div(
            [
                select(
                    "coverage-indicator",
                    "Indicator",
                    indicator_options(),
                    state.indicator,
                    520,
                    searchable=True,
                ),
                dcc.Graph(
                    id="coverage-graph",
                    figure=coverage_figure(state.indicator),
                    config=GRAPH_CONFIG,
                ),
                dmc.Title("All indicators: years and entities covered", order=4, mt="lg"),
                data_table(coverage_summary(), "coverage-summary", page_size=20),
            ]
        )
    if state.tab == "downloads":
        return dmc.Stack(
            [
                dmc.Text("Tidy rows: one published figure a row, with its source, URL and flags."),
                dmc.Group(
                    [
                        dmc.Button("All observations (CSV)", id="download-observations-btn"),
                        dmc.Button(
                            "Sources catalogue (CSV)", id="download-sources-btn", variant="outline"
                        ),
                        dmc.Button(
                            "Indicator definitions (CSV)",
                            id="download-indicators-btn",
                            variant="outline",
                        ),
                    ]
                ),
                dcc.Download(id="download-observations"),
                dcc.Download(id="download-sources"),
                dcc.Download(id="download-indicators"),
            ]
        )
    return html.Div(
        [
            dmc.Text(
                "Where two publications give the same figure, one is used by a stated rule "
                "(lower priority number, then fewer qualifiers, then source id). Every case:",
                mb="sm",
            ),
            data_table(
                context.store().notices[["file", "row", "reason", "message"]], "notices-table"
            ),
        ]
    )


def markdown_link(url: str) -> str:
    """Markdown link; a stored `github:owner/repo/path` shows as the repository and path."""
    label = url.removeprefix("github:") if url.startswith("github:") else url
    return f"[{label}]({source_href(url)})"


@context.per_store
def sources_table() -> pd.DataFrame:
    store = context.store()
    counts = store.observations.groupby("source_id").size().rename("observations")
    frame = store.sources.merge(counts, left_on="id", right_index=True, how="left")
    return pd.DataFrame(
        {
            "publisher": frame["publisher"],
            "publication": frame["title"],
            "reliability": frame["reliability"].str.replace("_", " "),
            "observations": frame["observations"].fillna(0).astype(int),
            "link": frame["url"].map(markdown_link),
            "licence or terms": frame["licence"],
            "caveats": frame["caveats"].map(" ".join),
            "status": frame["id"].map(withdrawn_reasons()).astype(object).fillna("published"),
            "source id": frame["id"],
        }
    ).sort_values(["publisher", "publication"])


def withdrawn_reasons() -> dict[str, str]:
    corrections = context.store().corrections
    withdrawn = corrections[corrections["kind"] == "withdrawn"]
    return {
        row["source"]: f"withdrawn {row['date']}: {row['reason']}"
        for row in withdrawn.to_dict("records")
    }


@context.per_store
def indicators_table() -> pd.DataFrame:
    frame = context.store().indicators
    return pd.DataFrame(
        {
            "theme": frame["theme"],
            "indicator": frame["name"],
            "definition": frame["definition"],
            "unit": frame["unit"],
            "measures": frame["measures"].str.replace("_", " "),
            "caveats": frame["caveats"].map(lambda items: " ".join(caveats.texts(items))),
            "series breaks": frame["breaks"].map(lambda b: ", ".join(map(str, b))),
            "may be summed": frame["summable"].map({True: "yes", False: "no"}),
            "id": frame["id"],
        }
    ).sort_values(["theme", "indicator"])


@context.per_store
def coverage_table(indicator: str) -> pd.DataFrame:
    """Entity x year, 1 where a value is published (read-only)."""
    store = context.store()
    return coverage_matrix(store.observations, indicator, store.entities)


@context.per_store
def coverage_summary() -> pd.DataFrame:
    store = context.store()
    return coverage_by_indicator(store.observations, store.indicators)


def coverage_figure(indicator: str) -> go.Figure:
    matrix = coverage_table(indicator)
    meta = indicators_by_id().loc[indicator]
    heatmap = {
        "type": "heatmap",
        "z": matrix.values,
        "x": [str(y) for y in matrix.columns],
        "y": list(matrix.index),
        "colorscale": [[0, "#f0f0f0"], [0.5, "#f0f0f0"], [0.5, "#0072B2"], [1, "#0072B2"]],
        "zmin": 0,
        "zmax": 1,
        "showscale": False,
        "xgap": 1,
        "ygap": 1,
        "hovertemplate": "%{y}, %{x}: %{customdata}<extra></extra>",
        "customdata": [["published" if v else "missing" for v in row] for row in matrix.values],
    }
    layout = {
        "title": f"Coverage: {meta['name']} — {len(matrix)} entities with data",
        "height": max(320, 18 * len(matrix) + 140),
        "margin": {"l": 260, "r": 20, "t": 60, "b": 80},
        "yaxis": {"autorange": "reversed", "tickfont": {"size": 10}},
        "xaxis": {"type": "category"},
        "plot_bgcolor": "white",
    }
    figure = go.Figure(data=[heatmap], layout=layout)  # validated once, in one call
    figure.add_annotation(
        text=f"Blue: a value is published; grey: missing. Source: {meta['publisher']}; "
        "see the Sources tab for each publication.",
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        yanchor="top",
        showarrow=False,
        font={"size": 11, "color": "#555"},
    )
    return figure
