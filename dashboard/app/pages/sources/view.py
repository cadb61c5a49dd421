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
from dashboard.app.components.cards import graph_config
from dashboard.app.components.controls import select
from dashboard.app.components.tables import data_table
from dashboard.app.lookups import indicator_options, indicators_by_id
from dashboard.app.pages.sources.history import history_content
from dashboard.app.pages.sources.state import SourcesState
from dashboard.language import N_, _, current
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
                    _("Indicator"),
                    indicator_options(),
                    state.indicator,
                    520,
                    searchable=True,
                ),
                dcc.Graph(
                    id="coverage-graph",
                    figure=coverage_figure(state.indicator),
                    config=graph_config(),
                ),
                dmc.Title(_("All indicators: years and entities covered"), order=4, mt="lg"),
                data_table(coverage_summary(), "coverage-summary", page_size=20),
            ]
        )
    if state.tab == "downloads":
        return dmc.Stack(
            [
                dmc.Text(
                    _("Tidy rows: one published figure a row, with its source, URL and flags.")
                ),
                dmc.Group(
                    [
                        dmc.Button(_("All observations (CSV)"), id="download-observations-btn"),
                        dmc.Button(
                            _("Sources catalogue (CSV)"),
                            id="download-sources-btn",
                            variant="outline",
                        ),
                        dmc.Button(
                            _("Indicator definitions (CSV)"),
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
                _(
                    "Where two publications give the same figure, one is used by a stated rule "
                    "(lower priority number, then fewer qualifiers, then source id). Every case:"
                ),
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


def sources_table() -> pd.DataFrame:
    return language_sources_table(current())


@context.per_store
def language_sources_table(language: str) -> pd.DataFrame:
    """The publications as the Sources tab lists them, once per store and language. Column
    names stay as they are; N_ puts them in the catalogue for the table's headers."""
    store = context.store()
    counts = store.observations.groupby("source_id").size().rename("observations")
    frame = store.sources.merge(counts, left_on="id", right_index=True, how="left")
    return pd.DataFrame(
        {
            N_("publisher"): frame["publisher"],
            N_("publication"): frame["title"],
            N_("reliability"): frame["reliability"].str.replace("_", " "),
            N_("observations"): frame["observations"].fillna(0).astype(int),
            N_("link"): frame["url"].map(markdown_link),
            N_("licence or terms"): frame["licence"],
            N_("caveats"): frame["caveats"].map(" ".join),
            N_("status"): frame["id"]
            .map(withdrawn_reasons())
            .astype(object)
            .fillna(_("published")),
            N_("source id"): frame["id"],
        }
    ).sort_values(["publisher", "publication"])


def withdrawn_reasons() -> dict[str, str]:
    corrections = context.store().corrections
    withdrawn = corrections[corrections["kind"] == "withdrawn"]
    return {
        row["source"]: _("withdrawn {date}: {reason}").format(
            date=row["date"], reason=row["reason"]
        )
        for row in withdrawn.to_dict("records")
    }


def indicators_table() -> pd.DataFrame:
    return language_indicators_table(current())


@context.per_store
def language_indicators_table(language: str) -> pd.DataFrame:
    """The indicator catalogue as the Indicators tab lists it, once per store and language."""
    frame = context.store().indicators
    return pd.DataFrame(
        {
            N_("theme"): frame["theme"],
            N_("indicator"): frame["name"],
            N_("definition"): frame["definition"],
            N_("unit"): frame["unit"],
            N_("measures"): frame["measures"].str.replace("_", " "),
            N_("caveats"): frame["caveats"].map(lambda items: " ".join(caveats.texts(items))),
            N_("series breaks"): frame["breaks"].map(lambda b: ", ".join(map(str, b))),
            N_("may be summed"): frame["summable"].map({True: _("yes"), False: _("no")}),
            N_("id"): frame["id"],
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
    words = {True: _("published"), False: _("missing")}
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
        "customdata": [[words[bool(v)] for v in row] for row in matrix.values],
    }
    layout = {
        "title": _("Coverage: {indicator} — {count} entities with data").format(
            indicator=meta["name"], count=len(matrix)
        ),
        "height": max(320, 18 * len(matrix) + 140),
        "margin": {"l": 260, "r": 20, "t": 60, "b": 80},
        "yaxis": {"autorange": "reversed", "tickfont": {"size": 10}},
        "xaxis": {"type": "category"},
        "plot_bgcolor": "white",
    }
    figure = go.Figure(data=[heatmap], layout=layout)  # validated once, in one call
    figure.add_annotation(
        text=_(
            "Blue: a value is published; grey: missing. Source: {publisher}; "
            "see the Sources tab for each publication."
        ).format(publisher=meta["publisher"]),
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        yanchor="top",
        showarrow=False,
        font={"size": 11, "color": "#555"},
    )
    return figure
