"""Data & sources: every publication, every indicator's definition, coverage, and downloads."""

from __future__ import annotations

from typing import Literal

import dash_mantine_components as dmc
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, State, dash_table, dcc, html
from pydantic import BaseModel

from dashboard.analysis.coverage import coverage_by_indicator, coverage_matrix
from dashboard.app import context
from dashboard.app.components.cards import GRAPH_CONFIG, records
from dashboard.app.lookups import indicators_by_id
from dashboard.app.pages import Page
from dashboard.app.urlstate import parse_state, to_query
from dashboard.exports.csv import csv_with_citation
from dashboard.exports.tidy import tidy_rows
from dashboard.wording.links import source_href

PATH = "/sources"
TABS = ("sources", "indicators", "coverage", "downloads", "notices")


class SourcesState(BaseModel):
    tab: Literal["sources", "indicators", "coverage", "downloads", "notices"] = "sources"
    indicator: str = "cybertipline_reports"


def _link(url: str) -> str:
    """Markdown link; a stored `github:owner/repo/path` shows as the repository and path."""
    label = url.removeprefix("github:") if url.startswith("github:") else url
    return f"[{label}]({source_href(url)})"


def _table(frame: pd.DataFrame, table_id: str, markdown: tuple[str, ...] = (), **kw) -> object:
    return dash_table.DataTable(
        id=table_id,
        data=records(frame),
        columns=[
            {"name": c, "id": c, **({"presentation": "markdown"} if c in markdown else {})}
            for c in frame.columns
        ],
        filter_action="native",
        sort_action="native",
        page_size=kw.pop("page_size", 15),
        style_cell={
            "textAlign": "left",
            "whiteSpace": "normal",
            "height": "auto",
            "fontFamily": "inherit",
            "fontSize": 13,
            "maxWidth": 420,
        },
        style_header={"fontWeight": 600},
        markdown_options={"link_target": "_blank"},
        **kw,
    )


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
            "link": frame["url"].map(_link),
            "licence or terms": frame["licence"],
            "caveats": frame["caveats"].map(" ".join),
            "source id": frame["id"],
        }
    ).sort_values(["publisher", "publication"])


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
            "caveats": frame["caveats"].map(" ".join),
            "series breaks": frame["breaks"].map(lambda b: ", ".join(map(str, b))),
            "may be summed": frame["summable"].map({True: "yes", False: "no"}),
            "id": frame["id"],
        }
    ).sort_values(["theme", "indicator"])


@context.per_store
def indicator_options() -> list[dict]:
    """Indicators grouped by theme, for a Select."""
    frame = context.store().indicators.sort_values(["theme", "name"])
    return [
        {
            "group": theme,
            "items": [
                {"value": r["id"], "label": f"{r['name']} ({r['publisher']})"}
                for r in rows.to_dict("records")
            ],
        }
        for theme, rows in frame.groupby("theme", sort=True)
    ]


@context.per_store
def coverage_table(indicator: str) -> pd.DataFrame:
    """Entity x year, 1 where a value is published (read-only)."""
    store = context.store()
    return coverage_matrix(store.observations, indicator, store.entities)


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


@context.per_store
def coverage_summary() -> pd.DataFrame:
    store = context.store()
    return coverage_by_indicator(store.observations, store.indicators)


@context.per_store
def store_summary() -> str:
    """The line under the title: what the store holds."""
    store = context.store()
    observations = store.observations
    return (
        f"{len(store.sources)} publications, {len(store.indicators)} indicators, "
        f"{len(observations):,} published figures for {observations['entity'].nunique()} "
        f"countries and regions, {observations['year'].min()}–{observations['year'].max()}. "
        f"Store content hash {store.content_hash[:12]}."
    )


def _tab_content(state: SourcesState) -> object:
    store = context.store()
    if state.tab == "sources":
        return _table(sources_table(), "sources-table", markdown=("link",))
    if state.tab == "indicators":
        return _table(indicators_table(), "indicators-table")
    if state.tab == "coverage":
        summary = coverage_summary()
        return html.Div(
            [
                dmc.Select(
                    id="coverage-indicator",
                    label="Indicator",
                    data=indicator_options(),
                    value=state.indicator,
                    searchable=True,
                    w=520,
                    allowDeselect=False,
                ),
                dcc.Graph(
                    id="coverage-graph",
                    figure=coverage_figure(state.indicator),
                    config=GRAPH_CONFIG,
                ),
                dmc.Title("All indicators: years and entities covered", order=4, mt="lg"),
                _table(summary, "coverage-summary", page_size=20),
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
    notices = store.notices
    return html.Div(
        [
            dmc.Text(
                "Where two publications give the same figure, one is used by a stated rule "
                "(lower priority number, then fewer qualifiers, then source id). Every case:",
                mb="sm",
            ),
            _table(notices[["file", "row", "reason", "message"]], "notices-table"),
        ]
    )


def checked_state(query: dict[str, str]) -> tuple[SourcesState, list[str]]:
    """The URL's state, with an indicator the catalogue does not have replaced by the default."""
    state, notices = parse_state(SourcesState, query)
    if state.indicator not in indicators_by_id().index:
        notices.append(f"Unknown indicator '{state.indicator}'; showing the default instead.")
        state = state.model_copy(update={"indicator": SourcesState().indicator})
    return state, notices


def layout(path: str, query: dict[str, str]) -> object:
    state, notices = checked_state(query)
    intro = dmc.Text(store_summary(), c="dimmed")
    return html.Div(
        [
            dmc.Title("Data & sources", order=2),
            intro,
            *[dmc.Alert(n, color="yellow", className="url-notice", mt="sm") for n in notices],
            dmc.Tabs(
                [dmc.TabsList([dmc.TabsTab(t.capitalize(), value=t) for t in TABS])],
                id="sources-tabs",
                value=state.tab,
                mt="md",
            ),
            html.Div(_tab_content(state), id="sources-tab-content", className="tab-body"),
        ]
    )


def register(app: Dash) -> None:
    @app.callback(
        Output("sources-tab-content", "children"),
        Output("url", "search", allow_duplicate=True),
        Input("sources-tabs", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    def switch_tab(tab: str, search: str | None):
        from dashboard.app.urlstate import parse_query

        state, _ = checked_state({**parse_query(search), "tab": tab})
        return _tab_content(state), to_query(state.model_dump(), SourcesState())

    @app.callback(
        Output("coverage-graph", "figure"),
        Output("url", "search", allow_duplicate=True),
        Input("coverage-indicator", "value"),
        prevent_initial_call=True,
    )
    def pick_indicator(indicator: str):
        state, _ = checked_state({"tab": "coverage", "indicator": indicator or ""})
        return coverage_figure(state.indicator), to_query(state.model_dump(), SourcesState())

    def download(button: str, target: str, make) -> None:
        @app.callback(Output(target, "data"), Input(button, "n_clicks"), prevent_initial_call=True)
        def _send(_clicks):
            name, frame, header = make()
            return {"content": csv_with_citation(frame, header), "filename": name}

    def observations_csv():
        store = context.store()
        header = [
            "OCSE Statistics Dashboard: all published figures in the store, one a row.",
            "Cite the publication in each row (citation, source_url). Report counts are "
            "reporting volume, not prevalence or victims.",
            f"Store content hash: {store.content_hash}",
        ]
        return "ocse-observations.csv", tidy_rows(store), header

    download("download-observations-btn", "download-observations", observations_csv)
    download(
        "download-sources-btn",
        "download-sources",
        lambda: (
            "ocse-sources.csv",
            context.store().sources,
            ["Publications behind every figure in the OCSE Statistics Dashboard."],
        ),
    )
    download(
        "download-indicators-btn",
        "download-indicators",
        lambda: (
            "ocse-indicators.csv",
            context.store().indicators,
            ["Indicator definitions and caveats, OCSE Statistics Dashboard."],
        ),
    )


PAGE = Page(PATH, "Data & sources", layout, register)
