"""XLSX downloads that cite themselves: a "Data" sheet of tidy rows, a "Citation" sheet.

Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets the same leading
apostrophe as in CSV downloads, and every text cell is stored as a string, never a formula.
"""

from __future__ import annotations

import gc
import io
import sys
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from dashboard.exports.csv import neutralise_formulas
from dashboard.language import _, date_text, ngettext
from dashboard.store.read import StoreData

if TYPE_CHECKING:
    from openpyxl import Workbook

MAX_WIDTH = 60


def _plain(value: object) -> object:
    """A value openpyxl can store: missing -> empty, numpy scalars -> Python ones."""
    if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return value


def _as_text(cell) -> None:
    """Keep text as text: a string cell is never stored as a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"


def xlsx_with_citation(frame: pd.DataFrame, citation_lines: list[str]) -> bytes:
    """Workbook bytes: "Data" (header row, frozen, filterable) and "Citation" (one line a row)."""
    from openpyxl import Workbook  # on the first download, not in every worker (11 MB)
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    safe = neutralise_formulas(frame)
    book = Workbook()
    data = book.active
    data.title = "Data"
    data.append([str(c) for c in safe.columns])
    for row in safe.itertuples(index=False):
        data.append([_plain(v) for v in row])
    for row in data.iter_rows():
        for cell in row:
            _as_text(cell)
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"
    if len(safe.columns):
        data.auto_filter.ref = f"A1:{get_column_letter(len(safe.columns))}{len(safe) + 1}"
    for index, column in enumerate(safe.columns, start=1):
        longest = max([len(str(column)), *(len(str(v)) for v in safe[column].head(500))])
        data.column_dimensions[get_column_letter(index)].width = min(longest + 2, MAX_WIDTH)
    citation = book.create_sheet("Citation")
    lines = neutralise_formulas(pd.DataFrame({"line": citation_lines}))["line"]
    for line in lines:
        citation.append([line])
    for row in citation.iter_rows():
        for cell in row:
            _as_text(cell)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    citation.column_dimensions["A"].width = 120
    if citation.max_row:
        citation["A1"].font = Font(bold=True)
    return _saved(book)


def _saved(book: Workbook) -> bytes:
    """The workbook's bytes. openpyxl writes each sheet through a temporary file: a full disk
    there is lxml's error (IO_ENOSPC); the sheet writer left behind repeats it when collected,
    which is silenced here so that the caller reports it once."""
    from lxml.etree import SerialisationError  # imported with openpyxl, on the first download

    buffer = io.BytesIO()
    try:
        book.save(buffer)
        return buffer.getvalue()
    except SerialisationError as exc:
        failure = str(exc)
    hook, sys.unraisablehook = sys.unraisablehook, lambda unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook
    raise RuntimeError(f"the workbook could not be written: {failure}")


def export_citation_lines(
    store: StoreData, rows: pd.DataFrame, filters: dict[str, object], today: date | None = None
) -> list[str]:
    """What the rows are, where they come from and how to cite them, for the Citation sheet."""
    chosen = ", ".join(f"{k}={v}" for k, v in filters.items() if v not in (None, ""))
    lines = [
        _("OCSE Statistics Dashboard: tidy export of published statistics"),
        ngettext(
            "Exported {date} from the data store with content hash {hash}; filters: {filters}; "
            "{count} row.",
            "Exported {date} from the data store with content hash {hash}; filters: {filters}; "
            "{count} rows.",
            len(rows),
        ).format(
            date=date_text(today or date.today()),
            hash=store.content_hash,
            filters=chosen or _("none"),
            count=len(rows),
        ),
        _("Each row carries its source, URL, flags and citation. {measures}").format(
            measures=store.measures_statement("reporting_volume")
        ),
        "",
        _("Sources:"),
    ]
    cited = rows[["source_id", "citation"]].drop_duplicates().sort_values("source_id")
    lines += [f"[{s}] {c}" for s, c in zip(cited["source_id"], cited["citation"], strict=True)]
    meta = store.indicators.set_index("id")
    shown = [i for i in dict.fromkeys(rows["indicator"]) if i in meta.index][:50]
    if shown:
        lines += ["", _("Indicators:")]
    for indicator in shown:
        row = meta.loc[indicator]
        lines.append(
            _("{name} ({indicator}, {unit}): {definition}").format(
                name=row["name"],
                indicator=indicator,
                unit=row["unit"],
                definition=row["definition"],
            )
        )
        lines += ["  " + _("Caveat: {caveat}").format(caveat=c["text"]) for c in row["caveats"]]
    return lines
