"""Generated files through the readers, checked against a row-by-row reading written here.

Each property is one a person can check on a single example: a CSV line's cells come back with
that line's number, or a `malformed` problem names the line; each row becomes an observation
or is named by a problem; a PDF cut short is refused with one `truncated` problem.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.ncmec_pdf import read_ncmec_pdf
from dashboard.ingest.normalise import normalise
from dashboard.ingest.problems import Reason, Severity
from dashboard.ingest.reference import load_reference
from dashboard.ingest.tables import read_long
from dashboard.models import Source
from tests.conftest import DATA, SHARED

SOURCE = Source(
    id="fuzz",
    publisher="p",
    title="t",
    url="https://example.org",
    licence="l",
    reliability="primary",
)
LAYOUT = TableLayout(
    file="f.csv",
    layout="long",
    defaults={"indicator": "cybertipline_reports"},
    columns={"entity_as_published": "Country", "period": "Year", "value": "Reports"},
)
HEADER = "Country,Year,Reports"
REFERENCE, _ = load_reference(DATA)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# Cells without the characters that make CSV quoting or line breaks: each line is one record.
plain_cells = st.one_of(
    st.sampled_from(["Ghana", "Côte d'Ivoire", "Türkiye", "", " ", "NA", "-", "12%", "7*"]),
    st.text(
        alphabet=st.characters(
            blacklist_characters=',"\r\n\x00', blacklist_categories=("Cs",), max_codepoint=0x2FF
        ),
        max_size=8,
    ),
)
plain_lines = st.lists(st.lists(plain_cells, min_size=1, max_size=5), max_size=10)


def expected_reading(body: list[list[str]]) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """What the reader must return, worked out line by line: (line, 3 cells) for each kept row,
    and the message of each `malformed` one. Spaces at the start of a cell are skipped (the csv
    module's skipinitialspace); a line of blank cells is no row but still counts."""
    rows, malformed = [], []
    for line, cells in enumerate(body, start=2):
        cells = [cell.lstrip(" ") for cell in cells]
        if not "".join(cells).strip():
            continue
        filled = [i for i, cell in enumerate(cells) if cell.strip()]
        if filled[-1] >= 3:
            malformed.append(f"line {line} has {filled[-1] + 1} fields, the header has 3")
            continue
        rows.append((line, (cells + ["", "", ""])[:3]))
    return rows, malformed


@FUZZ
@given(body=plain_lines, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_each_line_is_a_row_with_its_line_number_or_a_malformed_problem(
    tmp_path: Path, body: list[list[str]], encoding: str
) -> None:
    path = tmp_path / "f.csv"
    path.write_bytes("\n".join([HEADER, *(",".join(cells) for cells in body)]).encode(encoding))
    table = read_long(path, LAYOUT)

    rows, malformed = expected_reading(body)
    frame = table.frame
    assert frame["row"].tolist() == [line for line, _ in rows]
    assert frame[["entity_as_published", "period", "value"]].values.tolist() == [
        cells for _, cells in rows
    ]
    assert [p.message for p in table.problems] == malformed
    assert {p.reason for p in table.problems} <= {Reason.MALFORMED}


# Cells whose meaning is known: (cell, what it reads as) for names, years and values.
NAMES = {"Ghana": "GHA", "Philippines": "PHL", "Côte d'Ivoire": "CIV", "Atlantis": None}
YEARS = {"2021": 2021, "2023": 2023, "2022-23": 2023, "2999": None, "19x": None}
VALUES = {"1,234": 1234.0, "5,675,324*": 5675324.0, "12%": 12.0, "0": 0.0, "-": None, "x": None}
VALUES |= {"-5": -5.0}
WHY = {"Atlantis": Reason.UNKNOWN_COUNTRY, "2999": Reason.FUTURE_YEAR, "19x": Reason.BAD_YEAR}
WHY |= {"-": Reason.MISSING_VALUE, "x": Reason.BAD_NUMBER, "-5": Reason.NEGATIVE_COUNT}
known_rows = st.lists(
    st.tuples(
        st.sampled_from(list(NAMES)), st.sampled_from(list(YEARS)), st.sampled_from(list(VALUES))
    ),
    max_size=12,
)


@FUZZ
@given(body=known_rows)
def test_each_row_is_an_observation_or_is_named_by_its_problems(
    tmp_path: Path, body: list[tuple[str, str, str]]
) -> None:
    path = tmp_path / "f.csv"
    lines = [",".join(f'"{cell}"' for cell in row) for row in body]
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    observations, problems = normalise(read_long(path, LAYOUT), SOURCE, REFERENCE, 2025)

    expected: list[tuple[int, Reason]] = []
    kept: dict[tuple[str, str], float] = {}  # (entity, period as printed) -> its first value
    rows = []
    for line, (name, period, value) in enumerate(body, start=2):
        found = [WHY[cell] for cell in (name, period, value) if cell in WHY]
        expected += [(line, reason) for reason in found]
        if found:
            continue
        entity, year, number = NAMES[name], YEARS[period], VALUES[value]
        if (entity, period) in kept:
            same = kept[entity, period] == number
            expected.append((line, Reason.DUPLICATE_ROW if same else Reason.CONFLICTING_VALUE))
        else:
            kept[entity, period] = number
        rows.append([line, entity, period, year, number])

    assert sorted((p.row, p.reason) for p in problems) == sorted(expected)
    assert observations[["row", "entity", "period", "year", "value"]].values.tolist() == rows
    notices = {p.row for p in problems if p.severity is Severity.NOTICE}
    assert notices == {line for line, reason in expected if reason is Reason.MISSING_VALUE}


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=2000).filter(lambda data: b"%%EOF" not in data))
def test_a_pdf_without_its_end_marker_is_refused_as_truncated(tmp_path_factory, data) -> None:
    path = tmp_path_factory.mktemp("pdf") / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n" + data)
    raw = read_ncmec_pdf(path)

    assert [(p.reason, p.message) for p in raw.problems] == [
        (
            Reason.TRUNCATED,
            "the PDF is cut short (no end-of-file marker); download the file again",
        )
    ]
    assert raw.frame.empty


def test_every_prefix_of_a_real_pdf_is_refused_as_truncated(tmp_path: Path) -> None:
    pdf = SHARED / "data" / "raw" / "ncmec" / "ncmec-by-esp-2021.pdf"
    data = pdf.read_bytes()
    for fraction in (0.1, 0.5, 0.9):
        path = tmp_path / f"cut{fraction}.pdf"
        path.write_bytes(data[: int(len(data) * fraction)])
        raw = read_ncmec_pdf(path)
        assert [p.reason for p in raw.problems] == [Reason.TRUNCATED], fraction
        assert raw.frame.empty
