"""How a chart card's table shows numbers and sources to a reader: counts whole, rates and
shares to one decimal (more only where one decimal would show 0.0), publications by title,
separators and column headers in the reader's language (each view marks its column names with
`N_`). Only the display changes: the rows the table holds, and the CSV / XLSX downloads, keep
every digit, the source ids and the column names."""

from __future__ import annotations

import math

import pandas as pd
from babel.numbers import get_decimal_symbol, get_group_symbol
from dash.dash_table.Format import Format, Group, Scheme

from dashboard.app.lookups import short_citations
from dashboard.language import _, current

SOURCE_COLUMNS = ("source", "source_id")
NOT_QUANTITIES = ("year", "period", "rank")  # numbers that are names: no separators


def decimals(values: pd.Series) -> int:
    """0 when every value is whole; else 1, or the few more that keep the smallest non-zero
    value from showing as 0.0 (at most 4)."""
    finite = values.dropna().astype(float)
    if finite.empty or (finite == finite.round()).all():
        return 0
    smallest = finite[finite != 0].abs().min()
    if pd.isna(smallest) or smallest >= 0.05:
        return 1
    return min(4, max(1, math.ceil(-math.log10(smallest)) + 1))


def number_format(name: str, values: pd.Series) -> dict:
    """The DataTable column's type and format for a numeric column."""
    if name.lower() in NOT_QUANTITIES:
        return {"type": "numeric"}
    places = decimals(values)
    shape = Format(precision=places, scheme=Scheme.fixed, group=Group.yes)
    group, point = get_group_symbol(current()), get_decimal_symbol(current())
    if (group, point) != (",", "."):  # the table's own default, left unsaid
        shape = shape.group_delimiter(group).decimal_delimiter(point)
    return {"type": "numeric", "format": shape.to_plotly_json()}


def source_titles(values: pd.Series) -> pd.Series:
    """'NCMEC, 2019 CyberTipline Reports by Country' for a source id; other text unchanged."""
    known = short_citations()
    return values.map(lambda s: known.get(s, s))


def readable(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """The frame with source ids as titles, and its DataTable columns with number formats."""
    shown = frame.copy()
    columns = []
    for name in frame.columns:
        column = {"name": _(name), "id": name}
        if name in SOURCE_COLUMNS and frame[name].dtype == "str":
            shown[name] = source_titles(frame[name])
            column["name"] = _("source")
        elif pd.api.types.is_numeric_dtype(frame[name]) and not pd.api.types.is_bool_dtype(
            frame[name]
        ):
            column |= number_format(name, frame[name])
        columns.append(column)
    return shown, columns
