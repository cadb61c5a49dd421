"""A filterable, sortable table of a frame, as the sources and publish pages show them; the
column headers in the reader's language (the pages mark their column names with `N_`)."""

from __future__ import annotations

import pandas as pd
from dash import dash_table

from dashboard.app.components.cards import records
from dashboard.language import _


def data_table(frame: pd.DataFrame, table_id: str, markdown: tuple[str, ...] = (), **kw) -> object:
    """A filterable, sortable table; the `markdown` columns render their links."""
    return dash_table.DataTable(
        id=table_id,
        data=records(frame),
        columns=[
            {"name": _(c), "id": c, **({"presentation": "markdown"} if c in markdown else {})}
            for c in frame.columns
        ],
        filter_action="native",
        filter_options={"case": "insensitive"},  # its tiny toggle is hidden (style.css)
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
