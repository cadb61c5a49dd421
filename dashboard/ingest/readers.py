"""One entry point for every layout: pick the reader a TableLayout names, or sniff a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dashboard.ingest import formats, gpcep, pdf_process, tables
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.raw import RawTable, empty_raw_frame
from dashboard.ingest.uploads import Kind, file_kind

READERS: dict[str, Callable[[Path, TableLayout], RawTable]] = {
    "long": tables.read_long,
    "wide": tables.read_wide,
    "excel": tables.read_excel,
    "wdi_csv": formats.read_wdi_csv,
    "owid_csv": formats.read_owid_csv,
    gpcep.LAYOUT: gpcep.read_gpcep_json,
    # PDFs are parsed in a child process with time and memory limits
    "ncmec_by_country_pdf": pdf_process.read_limited,
    "ncmec_by_esp_pdf": pdf_process.read_limited,
}
# the kind of content each layout reads; any other is refused before its reader runs
LAYOUT_KINDS: dict[str, Kind] = {
    "excel": Kind.XLSX,
    "ncmec_by_country_pdf": Kind.PDF,
    "ncmec_by_esp_pdf": Kind.PDF,
}
KIND_NAMES = {Kind.PDF: "a PDF", Kind.XLSX: "an Excel workbook", Kind.TEXT: "text (CSV)"}


def read(path: Path, layout: TableLayout) -> RawTable:
    if not path.exists():
        problem = Problem(str(path), None, "", Reason.MISSING_FILE, "file not found")
        return RawTable(str(path), empty_raw_frame(), [problem])
    return READERS[layout.layout](path, layout)


def layout_mismatch(path: Path, layout: TableLayout, kind: Kind) -> Problem | None:
    """A problem when the file's content is not what its declared layout reads."""
    expected = LAYOUT_KINDS.get(layout.layout, Kind.TEXT)
    if kind is expected:
        return None
    message = (
        f"the layout {layout.layout!r} reads {KIND_NAMES[expected]}, but by its content this "
        f"file is {KIND_NAMES[kind]}"
    )
    return Problem(str(path), None, "layout", Reason.UNREADABLE, message)


def guess_layout(path: Path, kind: Kind | None = None) -> TableLayout | None:
    """For `ocse ingest FILE` without metadata: formats that say what they are, judged by the
    content (`kind`, from `uploads.file_kind` if not given), never by the file's name."""
    if kind is None:
        kind, _ = file_kind(path)
    if kind is Kind.PDF:
        return TableLayout(file=path.name, layout="ncmec_by_country_pdf")
    if kind is Kind.TEXT:
        if gpcep.announces_gpcep(formats.head_text(path, whole_lines=False)):
            return TableLayout(file=path.name, layout=gpcep.LAYOUT)
        sniffed = formats.sniff_layout(path)
        if sniffed is not None:
            return TableLayout(file=path.name, layout=sniffed)
    return None
