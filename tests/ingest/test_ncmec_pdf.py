"""The NCMEC PDF reader reproduces the published transcription and every printed Total.

The PDFs and ncmec_observations.csv live beside the project in ../shared/data; tests that need
them are skipped when that folder is absent. Files that are not NCMEC tables are made here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pdfminer.fontmetrics import FONT_METRICS

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.ncmec_pdf import parse_ncmec_pdf, read_ncmec_pdf
from dashboard.ingest.problems import Reason, Severity, errors


def _shared_data() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "data"
        if (candidate / "raw" / "ncmec").is_dir():
            return candidate
    return None


SHARED = _shared_data()
needs_pdfs = pytest.mark.skipif(SHARED is None, reason="../shared/data/raw/ncmec not found")
YEARS = [2019, 2020, 2021, 2022, 2023]
# The Total row printed under each table, as a person reads it on the last page.
COUNTRY_TOTALS = {
    2019: 16_987_361,
    2020: 21_751_085,
    2021: 29_397_681,
    2022: 32_059_029,
    2023: 36_210_368,
}
ESP_TOTALS = {
    2019: 16_836_694,
    2020: 21_447_786,
    2021: 29_157_083,
    2022: 31_802_525,
    2023: 35_944_826,
}


def pdf(kind: str, year: int) -> Path:
    assert SHARED is not None
    return SHARED / "raw" / "ncmec" / f"ncmec-by-{kind}-{year}.pdf"


def published_rows(year: int) -> list[tuple[str, int]]:
    """NCMEC-BYCOUNTRY-YYYY rows of ncmec_observations.csv, in file order."""
    assert SHARED is not None
    with open(SHARED / "published" / "ncmec_observations.csv", encoding="utf-8") as file:
        return [
            (row["country_as_published"], int(row["value"]))
            for row in csv.DictReader(file)
            if row["source_id"] == f"NCMEC-BYCOUNTRY-{year}"
        ]


def as_int(printed: str) -> int:
    return int(printed.replace(",", ""))


@needs_pdfs
@pytest.mark.parametrize("year", YEARS)
def test_by_country_reproduces_the_published_rows(year: int) -> None:
    table = read_ncmec_pdf(pdf("country", year))
    frame = table.frame
    assert errors(table.problems) == []
    assert list(frame["row"]) == list(range(1, len(frame) + 1))
    printed = frame[frame["value"] != "-"]
    parsed = list(zip(printed["entity_as_published"], printed["value"].map(as_int), strict=True))
    assert parsed == published_rows(year)
    assert sum(value for _, value in parsed) == COUNTRY_TOTALS[year]
    assert parse_ncmec_pdf(pdf("country", year)).printed_total == COUNTRY_TOTALS[year]
    assert set(frame["indicator"]) == {"cybertipline_reports"}
    assert set(frame["period"]) == {str(year)}
    assert set(frame["unit"]) == {"reports"}
    assert frame["note"].str.startswith("PDF page ").all()


@needs_pdfs
def test_dash_cells_are_kept_for_the_caller() -> None:
    frame = read_ncmec_pdf(pdf("country", 2020)).frame
    dashes = frame[frame["value"] == "-"]
    assert list(dashes["entity_as_published"]) == [
        "Norfolk Island",
        "Saint Helena, Ascension and Tristan da Cunha",
        "Svalbard",
    ]


@needs_pdfs
def test_2019_two_columns_wrapped_names_and_mislabelled_header() -> None:
    table = read_ncmec_pdf(pdf("country", 2019))
    rows = dict(zip(table.frame["entity_as_published"], table.frame["value"], strict=True))
    assert rows["Congo, The Democratic Republic of the"] == "3,856"
    assert rows["Saint Vincent and the Grenadines"] == "253"
    assert rows["Saint Helena, Ascension and Tristan da Cunha"] == "2"
    assert rows["Timor-Leste"] == "1,309"
    last = table.frame.iloc[-1]
    assert (last["entity_as_published"], last["value"]) == ("No Country Listed", "1,668,157")
    assert "footnote * in the PDF" in last["note"]
    notices = [p for p in table.problems if p.severity is Severity.NOTICE]
    assert len(notices) == 1 and "2019 Reports by ESP" in notices[0].message


@needs_pdfs
def test_source_describes_the_publication() -> None:
    source = read_ncmec_pdf(pdf("country", 2023)).source
    assert source is not None
    assert source.id == "ncmec-bycountry-2023"
    assert source.title == "2023 CyberTipline Reports by Country"
    assert source.year_published == 2024
    assert source.url == "https://www.missingkids.org/cybertiplinedata"
    assert source.reliability == "primary"
    old = read_ncmec_pdf(pdf("country", 2019)).source
    assert old is not None and old.url.endswith("/2019-cybertipline-reports-by-country.pdf")
    esp = read_ncmec_pdf(pdf("esp", 2023)).source
    assert esp is not None and esp.id == "ncmec-byesp-2023"
    assert esp.title == "2023 CyberTipline Reports by Electronic Service Providers (ESP)"


@needs_pdfs
@pytest.mark.parametrize("year", YEARS)
def test_by_esp_adds_up_to_the_printed_total(year: int) -> None:
    table = read_ncmec_pdf(pdf("esp", year))
    assert errors(table.problems) == []
    assert table.frame["value"].map(as_int).sum() == ESP_TOTALS[year]
    assert parse_ncmec_pdf(pdf("esp", year)).printed_total == ESP_TOTALS[year]
    assert set(table.frame["entity_as_published"]) == {"World"}
    assert set(table.frame["indicator"]) == {"cybertipline_reports_by_esp"}
    assert table.frame["category"].is_unique


@needs_pdfs
@pytest.mark.parametrize(
    ("year", "esp", "value"),
    [
        (2023, "Discord Inc.", "339,412"),
        (2023, "X Corp", "273,416"),
        (2023, "Box , Inc. / Box.com", "1,002"),
        (2023, "Aylo Freesites Ltd (dba Pornhub)", "16"),
        (2023, "Facebook", "17,838,422"),
        (2019, "Facebook", "15,884,511"),  # printed "Facebook*"
        (2019, "Hosting Services Inc/Midphase/WestHost/Autica/VPS", "46"),  # wrapped after "/"
        (2019, "Deluxe Corporation/ColoCrossing /HudsonValleyHost", "22"),
        (2021, "Web.com/Network Solutions/Register/NameBargain", "3"),  # wrapped, centred count
    ],
)
def test_by_esp_rows_a_person_can_check(year: int, esp: str, value: str) -> None:
    frame = read_ncmec_pdf(pdf("esp", year)).frame
    assert frame.loc[frame["category"] == esp, "value"].tolist() == [value]


@needs_pdfs
def test_the_column_header_wins_over_a_layout_that_disagrees() -> None:
    layout = TableLayout(file="x.pdf", layout="ncmec_by_country_pdf")  # as guessed for any PDF
    table = read_ncmec_pdf(pdf("esp", 2022), layout)
    assert errors(table.problems) == []
    assert [p.reason for p in table.problems] == [Reason.BAD_METADATA]
    assert set(table.frame["indicator"]) == {"cybertipline_reports_by_esp"}


# Files that are not NCMEC tables ---------------------------------------------------------------


def minimal_pdf(texts: list[tuple[float, float, float, str]]) -> bytes:
    """A one-page PDF in Helvetica; each text is (x, y, size, text), y from the page bottom."""
    shown = " ".join(
        f"BT /F1 {size} Tf {x:.2f} {y} Td ({text}) Tj ET" for x, y, size, text in texts
    )
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(shown)} >>\nstream\n{shown}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    return out + f"startxref\n{xref}\n%%EOF\n".encode()


def right_aligned(right: float, y: float, text: str, size: float = 11) -> tuple:
    widths = FONT_METRICS["Helvetica"][1]
    return (right - sum(widths[c] for c in text) * size / 1000, y, size, text)


def ncmec_like_pdf(rows: list[tuple[str, str]], total: str) -> bytes:
    """A by-country table drawn like NCMEC's, counts right-aligned under "Reports" at x=490."""
    texts = [(122, 700, 18, "2023 CyberTipline Reports by Country"), (122, 660, 12, "Country")]
    texts.append(right_aligned(490, 660, "Reports", 12))
    y = 640.0
    for name, value in [*rows, ("Total", total)]:
        texts += [(122, y, 11, name), right_aligned(490, y, value)]
        y -= 16.3
    return minimal_pdf(texts)


def test_a_hand_made_table_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "good.pdf"
    good.write_bytes(ncmec_like_pdf([("Alpha", "1,234"), ("Beta", "766")], "2,000"))
    table = read_ncmec_pdf(good)
    assert errors(table.problems) == []
    assert list(table.frame["entity_as_published"]) == ["Alpha", "Beta"]
    assert list(table.frame["value"]) == ["1,234", "766"]


def test_an_unreadable_count_and_a_wrong_total_are_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(ncmec_like_pdf([("Alpha", "1,234"), ("Beta", "7x6")], "2,000"))
    table = read_ncmec_pdf(bad)
    reasons = [p.reason for p in errors(table.problems)]
    assert reasons == [Reason.BAD_NUMBER, Reason.TOTAL_MISMATCH]
    assert "Beta" in table.problems[0].message
    assert "1,234" in table.problems[1].message and "2,000" in table.problems[1].message
    assert list(table.frame["entity_as_published"]) == ["Alpha"]


@needs_pdfs
def test_truncated_pdf(tmp_path: Path) -> None:
    data = pdf("country", 2023).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    table = read_ncmec_pdf(cut)
    assert [p.reason for p in table.problems] == [Reason.TRUNCATED]
    assert table.frame.empty and table.source is None


def test_pdf_that_is_not_an_ncmec_table(tmp_path: Path) -> None:
    other = tmp_path / "sales.pdf"
    other.write_bytes(minimal_pdf([(72, 720, 12, "Sales by region"), (72, 700, 12, "North 1,234")]))
    table = read_ncmec_pdf(other)
    assert [p.reason for p in table.problems] == [Reason.NOT_A_TABLE]
    assert table.frame.empty


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    table = read_ncmec_pdf(empty)
    assert [p.reason for p in table.problems] == [Reason.EMPTY_FILE]
    assert table.frame.empty


def test_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    text = tmp_path / "report.pdf"
    text.write_text("Country,Reports\nAlpha,1\n", encoding="utf-8")
    table = read_ncmec_pdf(text)
    assert [p.reason for p in table.problems] == [Reason.UNREADABLE]
    assert table.frame.empty
