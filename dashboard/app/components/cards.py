"""The chart card: a chart, a table of exactly the data shown, the source and caveats, and
PNG / SVG / CSV / XLSX downloads.

A download is what is on screen, derived on the server: the card's dcc.Store holds only a key
(the view's validated state as a URL query) and the file name PNG / SVG exports use. The CSV
and XLSX callbacks read the key, validate it through the page's state as any URL, and run the
page's view again (`register_card_file`); rows, citation lines and file name never come from
the browser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import dash_mantine_components as dmc
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import (
    MATCH,
    Dash,
    Input,
    Output,
    State,
    clientside_callback,
    ctx,
    dash_table,
    dcc,
    get_asset_url,
    html,
)
from pydantic import BaseModel

from dashboard.app.components.chart_notes import chart_notes
from dashboard.app.components.sentences import COPY_SCRIPT
from dashboard.app.components.share import register_share_callbacks, share_buttons
from dashboard.app.components.table_format import readable
from dashboard.app.errors import ClientError
from dashboard.app.urlstate import parse_query, to_query
from dashboard.exports.csv import csv_with_citation
from dashboard.exports.xlsx import xlsx_with_citation
from dashboard.language import N_, _, current

# No cloud sharing: the "Share chart..." button would upload the chart to an outside service.
GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud", "editInChartStudio"],
}


def graph_config(**more: object) -> dict[str, object]:
    """A chart's settings: the toolbar's words and the date axes in the reader's language (the
    bundle registers plotly.js's de, fr and es locales)."""
    return {**GRAPH_CONFIG, "locale": current(), **more}


def topojson_url() -> str:
    """The map geometry's folder: plotly.js appends the file name (world_110m.json)."""
    return get_asset_url("geo/")


def safe_filename(*parts: object) -> str:
    """Letters, digits, '_', '-' and single dots, never at either end: no path, no header."""
    text = "_".join(str(p) for p in parts if p not in (None, ""))
    text = re.sub(r"\.{2,}", ".", re.sub(r"[^A-Za-z0-9_.-]+", "-", text))
    return text.strip("-._")[:120].strip("-._") or "chart"


DOWNLOAD_BUTTONS = [
    ("png", "PNG", N_("Download chart as PNG")),
    ("svg", "SVG", N_("Download chart as SVG")),
    ("xlsx", "XLSX", N_("Download the data shown as XLSX (an Excel workbook)")),
    ("csv", "CSV", N_("Download the data shown as CSV")),
]


def chart_card(card: str, title: str = "") -> html.Section:
    """An empty card; a page callback fills `<card>-graph`, `<card>-table`, `<card>-footer` and
    the card's data store {"records", "columns", "header", "filename"}."""
    return html.Section(
        [
            dmc.Group(
                [
                    dmc.Title(title, order=4) if title else html.Span(),
                    dmc.Group(
                        [
                            html.Button(
                                label,
                                id={"type": f"{kind}-btn", "card": card},
                                className="dl-btn",
                                **{"aria-label": _(aria)},
                            )
                            for kind, label, aria in DOWNLOAD_BUTTONS
                        ]
                        + share_buttons(card),
                        gap=4,
                    ),
                ],
                justify="space-between",
            ),
            # the chart's title as text that wraps, shown instead of Plotly's on a phone
            # (assets/chart_titles.js fills it, style.css shows it)
            html.P(className="chart-title-text", id=f"{card}-title-text"),
            dmc.Tabs(
                [
                    dmc.TabsList(
                        [
                            dmc.TabsTab(_("Chart"), value="chart"),
                            dmc.TabsTab(_("Table"), value="table"),
                        ]
                    ),
                    dmc.TabsPanel(
                        dcc.Loading(dcc.Graph(id=f"{card}-graph", config=graph_config())),
                        value="chart",
                    ),
                    dmc.TabsPanel(
                        html.Div(id=f"{card}-table", className="card-table"), value="table"
                    ),
                ],
                value="chart",
                id=f"{card}-tabs",
            ),
            html.Div(id=f"{card}-footer", className="chart-footer"),
            dcc.Store(id={"type": "card-data", "card": card}),
            dcc.Download(id={"type": "csv-download", "card": card}),
            dcc.Download(id={"type": "xlsx-download", "card": card}),
        ],
        className="chart-card",
        id=f"{card}-card",
    )


def records(frame: pd.DataFrame) -> list[dict]:
    """`frame.to_dict("records")`, several times faster for plain number and text columns
    (one list per column, then rows); any other column type takes pandas' own path."""
    plain = all(
        dtype == "str" or (isinstance(dtype, np.dtype) and dtype.kind in "biuf")
        for dtype in frame.dtypes
    )
    if not plain or frame.columns.empty or not frame.columns.is_unique:
        return frame.to_dict("records")
    names = list(frame.columns)
    columns = [frame[name].tolist() for name in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def card_table(frame: pd.DataFrame, table_id: str) -> dash_table.DataTable:
    """The rows shown, as a reader reads them (`table_format.readable`): sortable by value."""
    shown, columns = readable(frame)
    return dash_table.DataTable(
        id=table_id,
        data=records(shown),
        columns=columns,
        sort_action="native",
        page_size=12,
        style_cell={"textAlign": "left", "fontSize": 13, "whiteSpace": "normal", "height": "auto"},
        style_header={"fontWeight": 600},
    )


def card_outputs(card: str) -> list[Output]:
    """The four parts of a card a page callback fills, in the order `*_view` functions return
    them: figure, table, footer, data."""
    return [
        Output(f"{card}-graph", "figure"),
        Output(f"{card}-table", "children"),
        Output(f"{card}-footer", "children"),
        Output({"type": "card-data", "card": card}, "data"),
    ]


def card_footer(lines: list[str], left_out: list[str] | None = None) -> list:
    """The notes under a chart, grouped (`chart_notes`); `left_out` names what the chart
    leaves out, and why."""
    return chart_notes(lines, left_out or [])


@dataclass(frozen=True)
class CardFile:
    """A card's CSV / XLSX download, derived on the server: the rows shown, the citation lines,
    the file name (`safe_filename` of validated parts), and `key`, the view's validated state
    as a URL query, from which the server derives the same file again."""

    frame: pd.DataFrame
    header: list[str]
    name: str
    key: str = ""

    def to_plotly_json(self) -> dict:
        """What the browser's card store holds (Dash serialises components the same way)."""
        return {"key": self.key, "filename": self.name}


def card_file(
    frame: pd.DataFrame, header: list[str], name: str, state: object = None, **extra: object
) -> CardFile:
    """The card's file; `state` (a page's pydantic state) and `extra` make its key."""
    key = to_query({**extra, **(state.model_dump() if isinstance(state, BaseModel) else {})})
    return CardFile(frame, header, safe_filename(name), key)


MAX_KEY = 2_000
Rebuild = Callable[[dict[str, str]], CardFile]  # URL parameters -> the card's file
CARD_FILES: dict[str, Rebuild] = {}
View = Callable[[dict[str, str]], tuple]  # URL parameters -> what the card's callback returns
CARD_VIEWS: dict[str, View] = {}


def register_card_file(card: str, rebuild: Rebuild) -> None:
    """How the server derives `card`'s file from its key: validate the parameters through the
    page's state (a forged one falls back as in a URL) and run the page's view."""
    CARD_FILES[card] = rebuild


def register_card_view(card: str, view: View) -> None:
    """How the server derives `card` from its key (URL parameters validated through the page's
    state): its file for downloads, and its chart for the embed view."""
    CARD_VIEWS[card] = view
    register_card_file(card, lambda query: file_in(view(query)))


def file_in(values: Iterable[object]) -> CardFile:
    """The card file among a view's outputs."""
    return next(v for v in values if isinstance(v, CardFile))


def figure_in(values: Iterable[object]) -> go.Figure | None:
    """The chart among a view's outputs."""
    return next((v for v in values if isinstance(v, go.Figure)), None)


def requested_file(data: object) -> CardFile | None:
    """The file of the card whose button was pressed, derived from its key; None before the
    card is filled."""
    output = ctx.outputs_list
    card = output["id"].get("card") if isinstance(output, dict) else None
    rebuild = CARD_FILES.get(card) if isinstance(card, str) else None
    if rebuild is None:
        raise ClientError("The download is not one of a card of this dashboard.")
    if data is None:
        return None
    key = data.get("key") if isinstance(data, dict) else None
    if not isinstance(key, str) or len(key) > MAX_KEY:
        raise ClientError("The card's data is not a download key.")
    return rebuild(parse_query(key))


def clicked_point(click: object) -> dict:
    """The first point of a chart's clickData, or {} for anything else."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points else None
    return point if isinstance(point, dict) else {}


def register_card_callbacks(app: Dash) -> None:
    """One set of callbacks serves every chart card (pattern-matching ids)."""
    register_share_callbacks(app)

    @app.callback(
        Output({"type": "csv-download", "card": MATCH}, "data"),
        Input({"type": "csv-btn", "card": MATCH}, "n_clicks"),
        State({"type": "card-data", "card": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def download_csv(_clicks, data):
        made = requested_file(data)
        if made is None:
            return None
        return {
            "content": csv_with_citation(made.frame, made.header),
            "filename": f"{made.name}.csv",
        }

    @app.callback(
        Output({"type": "xlsx-download", "card": MATCH}, "data"),
        Input({"type": "xlsx-btn", "card": MATCH}, "n_clicks"),
        State({"type": "card-data", "card": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def download_xlsx(_clicks, data):
        """The same rows as the CSV: a Data sheet and a Citation sheet."""
        made = requested_file(data)
        if made is None:
            return None
        return dcc.send_bytes(xlsx_with_citation(made.frame, made.header), f"{made.name}.xlsx")

    clientside_callback(
        COPY_SCRIPT,
        Output({"type": "copy-btn", "card": MATCH}, "children"),
        Input({"type": "copy-btn", "card": MATCH}, "n_clicks"),
        State({"type": "copy-text", "card": MATCH}, "children"),
        State({"type": "copy-btn", "card": MATCH}, "data-done"),
        prevent_initial_call=True,
    )
    for kind in ("png", "svg"):
        clientside_callback(
            f"""
            function(clicks, id, data) {{
                if (!clicks) {{ return window.dash_clientside.no_update; }}
                const holder = document.getElementById(id.card + "-graph");
                const plot = holder && holder.querySelector(".js-plotly-plot");
                if (plot && window.Plotly) {{
                    window.Plotly.downloadImage(plot, {{format: "{kind}", width: 1200,
                        height: 700, filename: (data && data.filename) || "chart"}});
                }}
                return window.dash_clientside.no_update;
            }}
            """,
            Output({"type": f"{kind}-btn", "card": MATCH}, "title"),
            Input({"type": f"{kind}-btn", "card": MATCH}, "n_clicks"),
            State({"type": f"{kind}-btn", "card": MATCH}, "id"),
            State({"type": "card-data", "card": MATCH}, "data"),
            prevent_initial_call=True,
        )
