"""One entry point for every layout: pick the reader a TableLayout names, or sniff a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dashboard.ingest import formats, ncmec_pdf, tables
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.raw import RawTable, empty_raw_frame

READERS: dict[str, Callable[[Path, TableLayout], RawTable]] = {
    "long": tables.read_long,
    "wide": tables.read_wide,
    "excel": tables.read_excel,
    "wdi_csv": formats.read_wdi_csv,
    "owid_csv": formats.read_owid_csv,
    "ncmec_by_country_pdf": ncmec_pdf.read_ncmec_pdf,
    "ncmec_by_esp_pdf": ncmec_pdf.read_ncmec_pdf,
}


def read(path: Path, layout: TableLayout) -> RawTable:
    if not path.exists():
        problem = Problem(str(path), None, "", Reason.UNREADABLE, "file not found")
        return RawTable(str(path), empty_raw_frame(), [problem])
    return READERS[layout.layout](path, layout)


def guess_layout(path: Path) -> TableLayout | None:
    """For `ocse ingest FILE` without metadata: formats that say what they are."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return TableLayout(file=path.name, layout="ncmec_by_country_pdf")
    if suffix in {".csv", ".txt"}:
        sniffed = formats.sniff_layout(path)
        if sniffed is not None:
            return TableLayout(file=path.name, layout=sniffed)
    return None
