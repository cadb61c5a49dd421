"""Building blocks every page uses: indicator picker, chart card, source footer, notices.

A chart card holds a chart, a table of exactly the data shown, the source and caveats, and
PNG / SVG / CSV downloads. Its data lives in a dcc.Store so the CSV is what is on screen.
"""

from __future__ import annotations

import re

import dash_mantine_components as dmc
import numpy as np
import pandas as pd
from dash import MATCH, Dash, Input, Output, State, clientside_callback, dash_table, dcc, html

from dashboard.analysis.rates import NORMALISATIONS, normalisable, world_total
from dashboard.app import context
from dashboard.exports.csv import csv_with_citation
from dashboard.exports.xlsx import xlsx_with_citation

# No cloud sharing: the "Share chart..." button would upload the chart to an outside service.
GRAPH_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "modeBarButtonsToRemove": ["sendChartToCloud", "sendDataToCloud", "editInChartStudio"],
}


def topojson_url() -> str:
    return "/assets/geo/"


def indicator_options(
    only: set[str] | None = None, exclude_themes: tuple[str, ...] = ()
) -> list[dict]:
    """Indicators grouped by theme, each labelled with its publisher, for dmc.Select."""
    return _indicator_options(None if only is None else frozenset(only), tuple(exclude_themes))


@context.per_store
def _indicator_options(only: frozenset[str] | None, exclude_themes: tuple[str, ...]) -> list[dict]:
    frame = context.store().indicators.sort_values(["theme", "publisher", "name"])
    if only is not None:
        frame = frame[frame["id"].isin(only)]
    frame = frame[~frame["theme"].isin(exclude_themes)]
    return [
        {
            "group": theme,
            "items": [
                {"value": r["id"], "label": f"{r['publisher']}: {r['name']}"}
                for r in rows.to_dict("records")
            ],
        }
        for theme, rows in frame.groupby("theme", sort=True)
    ]


def indicator_picker(component_id: str, value: str, options: list[dict], label="Indicator"):
    """A searchable grouped Select plus 'About this indicator', one click away."""
    return html.Div(
        [
            dmc.Select(
                id=component_id,
                label=label,
                data=options,
                value=value,
                searchable=True,
                allowDeselect=False,
                w=460,
                maxDropdownHeight=420,
                comboboxProps={"zIndex": 400},
            ),
            html.Details(
                [
                    html.Summary("About this indicator", className="about-summary"),
                    html.Div(indicator_about(value), id=f"{component_id}-about"),
                ],
                className="about",
            ),
        ]
    )


@context.per_store
def countries() -> pd.DataFrame:
    """The store's countries (not regions), by name."""
    entities = context.store().entities
    return entities[entities["kind"] == "country"].sort_values("name")


@context.per_store
def country_codes() -> frozenset[str]:
    return frozenset(countries()["code"])


@context.per_store
def entity_names() -> dict[str, str]:
    """Code -> name for every country and region in the store."""
    return context.store().entities.set_index("code")["name"].to_dict()


@context.per_store
def indicators_by_id() -> pd.DataFrame:
    """The indicator catalogue indexed by id (read-only)."""
    return context.store().indicators.set_index("id")


@context.per_store
def sources_by_id() -> pd.DataFrame:
    """The publications indexed by id (read-only)."""
    return context.store().sources.set_index("id")


@context.per_store
def world_totals(indicator_id: str) -> pd.DataFrame:
    """The world figure per year of one indicator, for its share of the world (read-only)."""
    store = context.store()
    summable = bool(indicators_by_id().loc[indicator_id, "summable"])
    return world_total(store.observations, indicator_id, summable)


def indicator_about(indicator_id: str) -> list:
    row = indicators_by_id().loc[indicator_id]
    items = [
        dmc.Text(row["name"], fw=600),
        dmc.Text(row["definition"], size="sm"),
        dmc.Text(
            f"Unit: {row['unit']}. Measures: {row['measures'].replace('_', ' ')}. "
            f"Publisher: {row['publisher']}.",
            size="sm",
            c="dimmed",
        ),
    ]
    items += [dmc.Text(f"Caveat: {c}", size="sm", className="caveat") for c in row["caveats"]]
    if row["breaks"]:
        items.append(
            dmc.Text(
                f"Series breaks: {', '.join(map(str, row['breaks']))}",
                size="sm",
                className="caveat",
            )
        )
    return items


def normalisation_control(component_id: str, value: str, allowed: list[str] | None = None):
    keys = allowed or list(NORMALISATIONS)
    return dmc.Select(
        id=component_id,
        label="Show as",
        value=value,
        allowDeselect=False,
        w=300,
        data=[{"value": k, "label": NORMALISATIONS[k]} for k in keys],
    )


def normalisation_fallback(norm: str, unit: str) -> tuple[str, list[str]]:
    """Rates and shares apply to counts only; anything else is shown as published."""
    if norm in ("raw", "index") or normalisable(unit):
        return norm, []
    return "raw", [
        f"'{NORMALISATIONS[norm]}' does not apply to {unit} values; showing them as published."
    ]


def scale_control(
    component_id: str,
    value: str,
    linear: str = "Linear",
    log: str = "Log scale",
    first: str = "linear",
    **kw,
) -> dmc.SegmentedControl:
    options = {
        "linear": {"value": "linear", "label": linear},
        "log": {"value": "log", "label": log},
    }
    second = "log" if first == "linear" else "linear"
    return dmc.SegmentedControl(
        id=component_id,
        value=value,
        mt=kw.pop("mt", 22),
        data=[options[first], options[second]],
        **kw,
    )


def source_href(url: str) -> str:
    """A clickable address for a stored source URL (`github:owner/repo/path` included)."""
    if url.startswith("github:"):
        parts = url.removeprefix("github:").split("/", 2)
        repo = "/".join(parts[:2])
        return (
            f"https://github.com/{repo}/blob/HEAD/{parts[2]}"
            if len(parts) > 2
            else (f"https://github.com/{repo}")
        )
    return url


def notices(messages: list[str]) -> list:
    return [dmc.Alert(m, color="yellow", className="url-notice", mb="xs") for m in messages]


def citation_lines(source_ids: list[str], indicator_id: str | None = None) -> list[str]:
    """Header lines for a CSV and the footer under a chart: sources, definition, caveats."""
    sources = sources_by_id()
    lines = []
    if indicator_id:
        row = indicators_by_id().loc[indicator_id]
        lines.append(f"Indicator: {row['name']} ({row['unit']}). {row['definition']}")
        lines += [f"Caveat: {c}" for c in row["caveats"]]
    for source_id in sorted(set(source_ids)):
        if source_id in sources.index:
            lines.append(f"Source: {sources.loc[source_id, 'citation']}")
    return lines


def source_line(source_ids: list[str]) -> str:
    """One short line for inside a figure: publishers and titles, compressed."""
    sources = sources_by_id()
    known = [s for s in sorted(set(source_ids)) if s in sources.index]
    publishers = sorted(set(sources.loc[known, "publisher"])) if known else []
    titles = sorted(set(sources.loc[known, "title"])) if known else []
    shown = "; ".join(titles[:2]) + (f"; +{len(titles) - 2} more" if len(titles) > 2 else "")
    text = f"Source: {', '.join(publishers)}. {shown}" if known else ""
    return wrap_line(text, 150, 3)


def wrap_line(text: str, width: int, lines: int) -> str:
    """Break a long figure annotation into a few <br>-separated lines, ending in '…'."""
    words, out, current = text.split(), [], ""
    for word in words:
        if len(current) + len(word) + 1 > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], out[lines - 1][: width - 1] + "…"]
    return "<br>".join(out)


def safe_filename(*parts: object) -> str:
    text = "_".join(str(p) for p in parts if p not in (None, ""))
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120] or "chart"


DOWNLOAD_BUTTONS = [
    ("png", "PNG", "Download chart as PNG"),
    ("svg", "SVG", "Download chart as SVG"),
    ("xlsx", "XLSX", "Download the data shown as an Excel workbook"),
    ("csv", "CSV", "Download the data shown as CSV"),
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
                                **{"aria-label": aria},
                            )
                            for kind, label, aria in DOWNLOAD_BUTTONS
                        ],
                        gap=4,
                    ),
                ],
                justify="space-between",
            ),
            dmc.Tabs(
                [
                    dmc.TabsList(
                        [dmc.TabsTab("Chart", value="chart"), dmc.TabsTab("Table", value="table")]
                    ),
                    dmc.TabsPanel(
                        dcc.Loading(dcc.Graph(id=f"{card}-graph", config=GRAPH_CONFIG)),
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
    return dash_table.DataTable(
        id=table_id,
        data=records(frame),
        columns=[{"name": c, "id": c} for c in frame.columns],
        sort_action="native",
        page_size=12,
        style_cell={"textAlign": "left", "fontSize": 13, "whiteSpace": "normal", "height": "auto"},
        style_header={"fontWeight": 600},
    )


def card_footer(lines: list[str]) -> list:
    return [html.Div(line) for line in lines]


def card_data(frame: pd.DataFrame, header: list[str], filename: str) -> dict:
    return {
        "records": records(frame),
        "columns": list(frame.columns),
        "header": header,
        "filename": filename,
    }


# Copies a sentence block; works without a secure context (plain http on an intranet).
COPY_SCRIPT = """
function(clicks, text) {
    if (!clicks) { return window.dash_clientside.no_update; }
    const fallback = () => {
        const area = document.createElement("textarea");
        area.value = text; document.body.appendChild(area); area.select();
        document.execCommand("copy"); document.body.removeChild(area);
    };
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(fallback);
    } else { fallback(); }
    return "Copied";
}
"""


def copy_button(key: str, label: str) -> html.Button:
    """Copies the text of the element with id {"type": "copy-text", "card": key}."""
    return html.Button(
        "Copy", id={"type": "copy-btn", "card": key}, className="dl-btn", **{"aria-label": label}
    )


def register_card_callbacks(app: Dash) -> None:
    """One set of callbacks serves every chart card (pattern-matching ids)."""

    @app.callback(
        Output({"type": "csv-download", "card": MATCH}, "data"),
        Input({"type": "csv-btn", "card": MATCH}, "n_clicks"),
        State({"type": "card-data", "card": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def download_csv(_clicks, data):
        if not data:
            return None
        frame = pd.DataFrame(data["records"], columns=data["columns"])
        return {
            "content": csv_with_citation(frame, data["header"]),
            "filename": f"{data['filename']}.csv",
        }

    @app.callback(
        Output({"type": "xlsx-download", "card": MATCH}, "data"),
        Input({"type": "xlsx-btn", "card": MATCH}, "n_clicks"),
        State({"type": "card-data", "card": MATCH}, "data"),
        prevent_initial_call=True,
    )
    def download_xlsx(_clicks, data):
        """The same rows as the CSV: a Data sheet and a Citation sheet."""
        if not data:
            return None
        frame = pd.DataFrame(data["records"], columns=data["columns"])
        workbook = xlsx_with_citation(frame, data["header"])
        return dcc.send_bytes(workbook, f"{data['filename']}.xlsx")

    clientside_callback(
        COPY_SCRIPT,
        Output({"type": "copy-btn", "card": MATCH}, "children"),
        Input({"type": "copy-btn", "card": MATCH}, "n_clicks"),
        State({"type": "copy-text", "card": MATCH}, "children"),
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


def narrative_block(block_id: str, sentences: list) -> html.Section:
    """Paste-ready sentences with their citations, and a button that copies them all."""
    text = "\n".join(s.full() for s in sentences)
    return html.Section(
        [
            dmc.Group(
                [
                    dmc.Title("In words", order=4),
                    copy_button(block_id, "Copy these sentences with their citations"),
                ],
                justify="space-between",
            ),
            html.Div(
                [html.P(s.full(), className="narrative-sentence") for s in sentences]
                or [html.P("No published figures to describe.")]
            ),
            html.Div(text, id={"type": "copy-text", "card": block_id}, hidden=True),
        ],
        className="narrative",
        id=block_id,
    )
