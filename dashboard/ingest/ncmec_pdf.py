"""NCMEC's yearly CyberTipline PDFs ("Reports by Country", "Reports by ESP") as a RawTable.

NCMEC publishes these tables only as designed PDFs, so the reader works from word positions
(pdfplumber `extract_words`), not text lines: the 2019 by-country table prints two Country/Reports
column pairs side by side, and long names wrap over two lines, sometimes with the number beside
the first line, sometimes centred between the two. A report count is a word right-aligned under
a "Reports" header; any other text in the column is a name or a piece of one, and belongs to the
nearest count above or below it. Wrapped pieces join with a space only where the PDF's own text
has one: it does in every wrapped country name, and in few of the ESP names that break at a "/".

Which table a file holds is read from its column header ("Country" / "Country / Territory" versus
"ESP"), never from the running header: the 2019 by-country pages are headed "2019 Reports by ESP".
The rows must add up to the Total printed under the table; if they do not, a row was misread.

Cells printed as "-" (three in 2020 by country) are emitted with value "-" and not counted in the
sum: the reproduction stays exact, and the common normaliser decides whether "-" is a skip or a
problem. Footnote asterisks are removed from names and mentioned in `note`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a PDF is read: a server never loads it (10 MB)
    import pdfplumber

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.ncmec_publication import INDICATORS, Kind, source_for
from dashboard.ingest.problems import Problem, Reason, Severity
from dashboard.ingest.raw import RawTable, empty_raw_frame, raw_frame

Word = dict[str, Any]

NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})*$")
NOT_PRINTED = "-"
TOTAL_LABEL = re.compile(r"^totals?:?$", re.IGNORECASE)
TABLE_END = re.compile(r"^(\*|Copyright|(MissingKids|NCMEC)\.org/)", re.IGNORECASE)
HEADER_KINDS: dict[str, Kind] = {"Country": "country", "ESP": "esp"}
LAYOUTS: dict[str, Kind] = {"ncmec_by_country_pdf": "country", "ncmec_by_esp_pdf": "esp"}
OVERRIDABLE = ("indicator", "unit", "flags")  # what source.yaml `defaults` may set
SAME_LINE = 2.5  # points: words on one printed line (2021-23 titles set "(ESP)" 2 points high)
HEADER_SPAN = 10.0  # points: "Reports" may sit a line below "Country" (2019 prints "Total Reports")
COLUMN_GAP = 60.0  # points: a header word this far from the text before it starts a column
VALUE_ALIGN = 3.0  # points: counts are right-aligned with their "Reports" header
WRAP_REACH = 1.6  # line heights: how far a wrapped piece of a name may sit from its count


@dataclass(frozen=True)
class NcmecRow:
    page: int
    name: str  # as printed; wrapped lines joined as the PDF text joins them; no footnote "*"
    value: str  # as printed: "2,491,368" or "-"
    footnote: bool


@dataclass
class NcmecTable:
    """What the PDF says, before it becomes a RawTable; the script and tests use the Total."""

    kind: Kind | None = None
    year: int | None = None
    title: str = ""
    copyright_year: int | None = None
    rows: list[NcmecRow] = field(default_factory=list)
    printed_total: int | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def rows_sum(self) -> int:
        return sum(int(r.value.replace(",", "")) for r in self.rows if NUMBER.match(r.value))


@dataclass(frozen=True)
class _Column:
    kind: Kind
    name_x0: float
    value_x1: float


def read_ncmec_pdf(path: Path, layout: TableLayout | None = None) -> RawTable:
    """One NCMEC table as printed. `layout.defaults` may override indicator, unit or flags."""
    return table_rows(parse_ncmec_pdf(path), path, layout)


def table_rows(table: NcmecTable, path: Path, layout: TableLayout | None = None) -> RawTable:
    """A parsed table as RAW rows (parsed here or in a child process, see pdf_process)."""
    file = str(path)
    problems = list(table.problems)
    if table.kind is None or table.year is None:
        return RawTable(file, empty_raw_frame(), problems)
    if layout is not None and LAYOUTS.get(layout.layout, table.kind) != table.kind:
        # The column header is decisive (a guessed layout may be wrong); the mismatch is listed.
        message = f"the layout says {layout.layout}, but the PDF's table is by {table.kind}"
        problems.append(
            Problem(file, None, "layout", Reason.BAD_METADATA, message, Severity.NOTICE)
        )
    source = source_for(table)
    constants = {
        "indicator": INDICATORS[table.kind],
        "period": str(table.year),
        "unit": "reports",
        "flags": "",
        "source_url": source.url,
        "entity": "",  # names are mapped to codes by the normaliser
    }
    if layout is not None:
        constants |= {k: v for k, v in layout.defaults.items() if k in OVERRIDABLE}
    rows = []
    for number, row in enumerate(table.rows, start=1):
        notes = [f"PDF page {row.page}"]
        if row.footnote:
            notes.append("footnote * in the PDF")
        if row.value == NOT_PRINTED:
            notes.append("printed as '-' (no figure)")
        entity, category = (row.name, "") if table.kind == "country" else ("World", row.name)
        rows.append(
            {
                "row": number,
                "entity_as_published": entity,
                "category": category,
                "value": row.value,
                "note": "; ".join(notes),
                **constants,
            }
        )
    frame = raw_frame(rows) if rows else empty_raw_frame()
    return RawTable(file, frame, problems, source=source)


TITLE = re.compile(
    r"(?:19|20)\d\d CyberTipline Reports\s*by\s*(?:Country|Electronic Service Providers)"
)


def parse_ncmec_pdf(path: Path) -> NcmecTable:
    """Read the table, its title, year and printed Total, collecting problems instead of raising."""
    table = NcmecTable()
    pages = _page_words(path, table.problems)
    if pages is None:
        return table  # the problem is recorded
    file = str(path)
    if not any(pages):
        message = "no text could be read from this PDF (damaged, or a scanned image?)"
        table.problems.append(Problem(file, None, "", Reason.UNREADABLE, message))
        return table
    page_lines = [_lines(words) for words in pages]
    text = "\n".join(_line_text(line) for lines in page_lines for line in lines)
    if "CyberTipline" not in text and "Missing & Exploited Children" not in text:
        message = "this PDF is not an NCMEC CyberTipline table (expected the word 'CyberTipline')"
        table.problems.append(Problem(file, None, "", Reason.NOT_A_TABLE, message))
        return table
    first_page = " ".join(_line_text(line) for line in page_lines[0][:4]) if page_lines else ""
    if not TITLE.search(first_page):
        message = (
            "this PDF is not an NCMEC 'CyberTipline Reports by Country' or 'by Electronic Service"
            " Providers (ESP)' table: its first page has no such title"
        )
        table.problems.append(Problem(file, None, "", Reason.NOT_A_TABLE, message))
        return table
    year = re.search(r"\b((?:19|20)\d\d) CyberTipline Reports", text) or re.search(
        r"\b((?:19|20)\d\d) Reports by", text
    )
    copyright_year = re.search(r"Copyright ©\s*((?:19|20)\d\d)", text)
    table.year = int(year.group(1)) if year else None
    table.copyright_year = int(copyright_year.group(1)) if copyright_year else None
    table.title = _title(pages[0]) if pages else ""
    for page_no, lines in enumerate(page_lines, start=1):
        _read_page(file, page_no, lines, table)
    if table.kind is None:
        message = (
            "no table found: expected a column headed 'Country' (or 'Country / Territory') or"
            " 'ESP' with a 'Reports' column beside it, as in NCMEC's CyberTipline PDFs"
        )
        table.problems.append(Problem(file, None, "", Reason.NOT_A_TABLE, message))
        return table
    if table.year is None:
        message = "the title gives no year; expected e.g. '2023 CyberTipline Reports by Country'"
        table.problems.append(Problem(file, None, "period", Reason.BAD_YEAR, message))
    running = re.search(r"\b\d{4} Reports by (ESP|Country)\b", text)
    if running and HEADER_KINDS[running.group(1)] != table.kind:
        message = (
            f"the page header says '{running.group(0)}' but the table is headed"
            f" '{'Country' if table.kind == 'country' else 'ESP'}'; read as by-{table.kind}"
        )
        table.problems.append(
            Problem(file, None, "", Reason.MALFORMED, message, severity=Severity.NOTICE)
        )
    _check_total(file, table)
    return table


def _page_words(path: Path, problems: list[Problem]) -> list[list[Word]] | None:
    """Each page's words, or None with a problem saying why the file cannot be read."""
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(file, None, "", Reason.UNREADABLE, f"cannot open the file: {exc}"))
        return None
    if not data.strip():
        problems.append(Problem(file, None, "", Reason.EMPTY_FILE, "the file is empty"))
        return None
    if not data.startswith(b"%PDF-"):
        message = "this is not a PDF (a PDF file starts with '%PDF-'); expected an NCMEC PDF"
        problems.append(Problem(file, None, "", Reason.UNREADABLE, message))
        return None
    if b"%%EOF" not in data[-2048:]:
        message = "the PDF is cut short (no end-of-file marker); download the file again"
        problems.append(Problem(file, None, "", Reason.TRUNCATED, message))
        return None
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return [_marked_words(page) for page in pdf.pages]
    except MemoryError:
        raise  # out of the memory allowed (pdf_process): not a damaged file
    except Exception as exc:  # pdfminer raises many unrelated types on a damaged file
        message = f"the PDF is damaged and cannot be read ({type(exc).__name__}: {exc})"
        problems.append(Problem(file, None, "", Reason.UNREADABLE, message))
        return None


def _marked_words(page: pdfplumber.page.Page) -> list[Word]:
    """Words, each marked `space_after` when the PDF's text has a space right after it.

    Where a name wraps, that space is the only sign of whether the two lines join with a space:
    "Congo, The Democratic" / "Republic of the" does, "Hosting Services Inc/Midphase/" /
    "WestHost/Autica/VPS" does not.
    """
    spaces: dict[int, list[float]] = {}
    for char in page.chars:
        if char["text"] == " ":
            spaces.setdefault(round(char["top"]), []).append(char["x0"])
    words = page.extract_words(extra_attrs=["size"])
    for word in words:
        line = round(word["top"])
        near = [x for top in range(line - 2, line + 3) for x in spaces.get(top, [])]
        word["space_after"] = any(-1 < x - word["x1"] < 4 for x in near)
    return words


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom, each line left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and word["top"] - lines[-1][0]["top"] < SAME_LINE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _line_text(line: list[Word]) -> str:
    return " ".join(w["text"] for w in line)


def _title(words: list[Word]) -> str:
    """The first page's largest type: '2023 CyberTipline Reports by Country'."""
    if not words:
        return ""
    largest = max(w["size"] for w in words)
    title = [w for w in words if w["size"] > largest - 1]
    return " ".join(_line_text(line) for line in _lines(title))


def _header(
    lines: list[list[Word]], first_line_only: bool = False
) -> tuple[Kind, list[_Column], float] | None:
    """The column header: 'Country'/'ESP' first on its line, a 'Reports' to its right.

    Returns the table kind, its column pairs (two side by side in 2019) and where the header ends.
    """
    words = [w for line in lines for w in line]
    for line in lines[:1] if first_line_only else lines:
        columns: list[_Column] = []
        bottom = line[0]["bottom"]
        for position, word in enumerate(line):
            follows_text = position > 0 and word["x0"] - line[position - 1]["x1"] < COLUMN_GAP
            if word["text"] not in HEADER_KINDS or follows_text:
                continue
            reports = [
                r
                for r in words
                if r["text"] == "Reports"
                and abs(r["top"] - word["top"]) <= HEADER_SPAN
                and r["x0"] > word["x1"]
            ]
            if reports:
                value = min(reports, key=lambda r: r["x0"])
                columns.append(_Column(HEADER_KINDS[word["text"]], word["x0"], value["x1"]))
                bottom = max(bottom, value["bottom"])
        if columns:
            return columns[0].kind, columns, bottom
    return None


def _read_page(file: str, page_no: int, lines: list[list[Word]], table: NcmecTable) -> None:
    """Rows of one page, column by column, and the Total if this page prints it."""
    header = _header(lines)
    if header is None:
        return
    kind, columns, header_bottom = header
    if table.kind is None:
        table.kind = kind
    elif kind != table.kind:
        message = f"page {page_no} holds a by-{kind} table, the pages before a by-{table.kind} one"
        table.problems.append(Problem(file, None, "", Reason.NOT_A_TABLE, message))
        return
    body: list[list[Word]] = []
    for index, line in enumerate(lines):
        if line[0]["top"] <= header_bottom:
            continue
        first = line[0]["text"]
        repeated_header = _header(lines[index : index + 2], first_line_only=True)
        if TOTAL_LABEL.match(first) or TABLE_END.match(first) or repeated_header:
            _read_total(file, page_no, lines[index:], table)
            break
        body.append(line)
    starts = [c.name_x0 - 5 for c in columns] + [float("inf")]
    for i, column in enumerate(columns):
        words = [w for line in body for w in line if starts[i] <= w["x0"] < starts[i + 1]]
        _read_column(file, page_no, _lines(words), column, table)


def _read_column(
    file: str, page_no: int, lines: list[list[Word]], column: _Column, table: NcmecTable
) -> None:
    """A count right-aligned under 'Reports' makes a row; name-only lines join the nearest row."""
    counts: list[tuple[float, str, list[tuple[float, list[Word]]]]] = []
    pieces: list[tuple[float, float, list[Word]]] = []
    for line in lines:
        value = [w for w in line if abs(w["x1"] - column.value_x1) <= VALUE_ALIGN]
        name = [w for w in line if w not in value]
        top = line[0]["top"]
        if value:
            counts.append((top, "".join(w["text"] for w in value), [(top, name)] if name else []))
        else:
            pieces.append((top, line[0]["bottom"] - top, name))
    gaps = sorted(b[0] - a[0] for a, b in pairwise(counts))
    pitch = gaps[len(gaps) // 2] if gaps else float("inf")  # the usual distance between rows
    for top, height, name in pieces:
        nearest = min(counts, key=lambda c: (abs(c[0] - top), c[0] > top), default=None)
        reach = min(WRAP_REACH * height, 0.9 * pitch)
        if nearest is None or abs(nearest[0] - top) > reach or NUMBER.match(name[-1]["text"]):
            message = f"page {page_no}: '{_line_text(name)}' has no count in the Reports column"
            table.problems.append(Problem(file, None, "value", Reason.BAD_NUMBER, message))
            continue
        nearest[2].append((top, name))
    for _, value, parts in counts:
        printed = _joined([words for _, words in sorted(parts, key=lambda p: p[0])])
        name = re.sub(r"\s+", " ", printed.replace("*", "")).strip()
        if not name or not (NUMBER.match(value) or value == NOT_PRINTED):
            expected = "a name" if not name else "a count such as 1,234 (or '-')"
            message = f"page {page_no}: row '{printed} {value}' should have {expected}"
            table.problems.append(Problem(file, None, "value", Reason.BAD_NUMBER, message))
            continue
        table.rows.append(NcmecRow(page_no, name, value, "*" in printed))


def _joined(pieces: list[list[Word]]) -> str:
    """A name printed over several lines, joined with a space only where the PDF's text has one."""
    text = _line_text(pieces[0]) if pieces else ""
    for before, words in pairwise(pieces):
        text += (" " if before[-1]["space_after"] else "") + _line_text(words)
    return text


def _read_total(file: str, page_no: int, lines: list[list[Word]], table: NcmecTable) -> None:
    for line in lines:
        if TOTAL_LABEL.match(line[0]["text"]) and len(line) > 1:
            printed = line[-1]["text"]
            if not NUMBER.match(printed):
                message = f"page {page_no}: the Total '{printed}' is not a number such as 1,234"
                table.problems.append(Problem(file, None, "value", Reason.BAD_NUMBER, message))
                return
            table.printed_total = int(printed.replace(",", ""))
            return


def _check_total(file: str, table: NcmecTable) -> None:
    if table.printed_total is None:
        message = "no Total row found under the table, so the rows could not be checked"
        table.problems.append(Problem(file, None, "value", Reason.TOTAL_MISMATCH, message))
    elif table.rows_sum != table.printed_total:
        message = (
            f"the {len(table.rows)} rows add up to {table.rows_sum:,} but the PDF prints a Total of"
            f" {table.printed_total:,}; a row was misread or missed"
        )
        table.problems.append(Problem(file, None, "value", Reason.TOTAL_MISMATCH, message))
