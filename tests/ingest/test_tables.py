"""The declarative long, wide and Excel readers, on small files written here by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Reason
from dashboard.ingest.raw import RAW_COLUMNS
from dashboard.ingest.tables import excel_cell_text, read_excel, read_long, read_wide

LONG_CSV = """\
Country,Year,Reports,unit
Philippines,2022,"2,576,182",reports
Namibia,2022,NA,reports
India,2022,"5,675,324*",reports
Kenya,2022,12.5%,reports
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def long_layout(file: str = "reports.csv", **kwargs: object) -> TableLayout:
    fields: dict = {
        "file": file,
        "layout": "long",
        "columns": {"entity_as_published": "Country", "period": "Year", "value": "Reports"},
        "defaults": {"indicator": "ncmec_reports", "source_url": "https://example.org/r.pdf"},
    }
    fields.update(kwargs)
    return TableLayout(**fields)


def test_long_rows_keep_cells_as_printed_with_file_line_numbers(tmp_path: Path) -> None:
    table = read_long(write(tmp_path, "reports.csv", LONG_CSV), long_layout())

    assert table.problems == []
    assert list(table.frame.columns) == RAW_COLUMNS
    frame = table.frame.set_index("entity_as_published")
    assert frame.loc["Philippines", "row"] == 2
    assert frame.loc["Philippines", "value"] == "2,576,182"  # thousands separators kept
    assert frame.loc["India", "value"] == "5,675,324*"  # footnote asterisk kept
    assert frame.loc["Kenya", "value"] == "12.5%"
    assert frame.loc["Namibia", "row"] == 3


def test_long_na_is_the_text_na_not_missing(tmp_path: Path) -> None:
    text = "Country,Code,Year,Reports\nNamibia,NA,2022,NA\n"
    layout = long_layout(
        columns={
            "entity_as_published": "Country",
            "period": "Year",
            "value": "Reports",
            "note": "Code",
        }
    )
    frame = read_long(write(tmp_path, "na.csv", text), layout).frame

    assert frame.loc[0, "note"] == "NA"
    assert frame.loc[0, "value"] == "NA"
    assert frame["value"].isna().sum() == 0


def test_long_same_name_header_and_defaults_fill_unmapped_columns(tmp_path: Path) -> None:
    table = read_long(write(tmp_path, "reports.csv", LONG_CSV), long_layout())
    first = table.frame.iloc[0]

    assert first["indicator"] == "ncmec_reports"  # from defaults
    assert first["source_url"] == "https://example.org/r.pdf"  # from defaults
    assert first["unit"] == "reports"  # not mapped, but a header is named "unit"
    assert first["flags"] == ""  # neither mapped, present nor defaulted, and optional
    assert first["period"] == "2022"


def test_long_header_with_raw_name_is_used_without_mapping(tmp_path: Path) -> None:
    text = 'entity_as_published,indicator,period,value\nBrazil,ncmec_reports,2021,"1,234"\n'
    layout = TableLayout(file="plain.csv", layout="long")
    frame = read_long(write(tmp_path, "plain.csv", text), layout).frame

    assert (frame.loc[0, "entity_as_published"], frame.loc[0, "value"]) == ("Brazil", "1,234")


def test_missing_required_column_names_it_and_the_headers_found(tmp_path: Path) -> None:
    text = "Country,Reports\nPhilippines,100\n"
    table = read_long(write(tmp_path, "noyear.csv", text), long_layout())

    assert table.frame.empty
    [problem] = table.problems
    assert problem.reason is Reason.MISSING_COLUMN
    assert problem.column == "Year"
    assert problem.row == 1
    assert "'Country', 'Reports'" in problem.message


def test_unmapped_required_column_without_default(tmp_path: Path) -> None:
    text = "Country,Year,Reports\nPhilippines,2022,100\n"
    layout = long_layout(defaults={})
    [problem] = read_long(write(tmp_path, "r.csv", text), layout).problems

    assert (problem.reason, problem.column) == (Reason.MISSING_COLUMN, "indicator")


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    text = 'Country,Year,Reports\nCôte d\'Ivoire,2022,"14,015"\n'
    table = read_long(write(tmp_path, "latin1.csv", text, "latin-1"), long_layout())

    assert table.problems == []
    assert table.frame.loc[0, "entity_as_published"] == "Côte d'Ivoire"
    assert table.frame.loc[0, "value"] == "14,015"


def test_utf8_bom_does_not_spoil_the_first_header(tmp_path: Path) -> None:
    text = 'Country,Year,Reports\nTürkiye,2022,"118,000"\n'
    table = read_long(write(tmp_path, "bom.csv", text, "utf-8-sig"), long_layout())

    assert table.problems == []
    assert table.frame.loc[0, "entity_as_published"] == "Türkiye"


@pytest.mark.parametrize("content", ["", "  \n\n \t\n"])
def test_empty_file_is_one_problem(tmp_path: Path, content: str) -> None:
    table = read_long(write(tmp_path, "empty.csv", content), long_layout())

    assert table.frame.empty
    assert [p.reason for p in table.problems] == [Reason.EMPTY_FILE]


def test_missing_file_is_unreadable_not_raised(tmp_path: Path) -> None:
    table = read_long(tmp_path / "absent.csv", long_layout())

    assert [p.reason for p in table.problems] == [Reason.UNREADABLE]


def test_ragged_row_is_malformed_and_the_others_are_kept(tmp_path: Path) -> None:
    text = 'Country,Year,Reports\nPhilippines,2022,2,576,182\nIndia,2022,"5,675,324"\n'
    table = read_long(write(tmp_path, "ragged.csv", text), long_layout())

    [problem] = table.problems
    assert problem.reason is Reason.MALFORMED
    assert problem.row == 2
    assert problem.message == "line 2 has 5 fields, the header has 3"
    assert table.frame["entity_as_published"].tolist() == ["India"]
    assert table.frame.loc[0, "row"] == 3


def test_unclosed_quote_is_malformed_not_swallowed(tmp_path: Path) -> None:
    text = 'Country,Year,Reports\nPhilippines,2022,"2,576,182\nIndia,2022,"5,675,324"\n'
    [problem] = read_long(write(tmp_path, "quote.csv", text), long_layout()).problems

    assert (problem.reason, problem.row) == (Reason.MALFORMED, 2)
    assert "line 2" in problem.message


def test_long_entity_code_column_is_carried(tmp_path: Path) -> None:
    text = "Country,ISO3,Year,Reports\nNamibia,NAM,2022,12\n"
    layout = long_layout(
        columns={
            "entity_as_published": "Country",
            "entity": "ISO3",
            "period": "Year",
            "value": "Reports",
        }
    )
    frame = read_long(write(tmp_path, "iso.csv", text), layout).frame

    assert frame[["entity_as_published", "entity"]].values.tolist() == [["Namibia", "NAM"]]


def test_trailing_empty_fields_and_blank_lines(tmp_path: Path) -> None:
    text = "Country,Year,Reports,\nPhilippines,2022,100,,\n\nIndia,2022,200\n,,,\n"
    table = read_long(write(tmp_path, "trailing.csv", text), long_layout())

    assert table.problems == []
    assert table.frame[["row", "entity_as_published"]].values.tolist() == [
        [2, "Philippines"],
        [4, "India"],  # the blank line 3 still counts
    ]


def test_quoted_newline_keeps_line_numbers_of_the_file(tmp_path: Path) -> None:
    text = 'Country,Year,Reports\n"Korea,\nRepublic of",2022,10\nJapan,2022,20\n'
    frame = read_long(write(tmp_path, "nl.csv", text), long_layout()).frame

    assert frame["row"].tolist() == [2, 4]
    assert frame.loc[0, "entity_as_published"] == "Korea,\nRepublic of"


def test_semicolon_delimited_file(tmp_path: Path) -> None:
    text = "Country;Year;Reports\nFrance;2022;1.234,5\n"
    frame = read_long(write(tmp_path, "eu.csv", text), long_layout()).frame

    assert frame.loc[0, "value"] == "1.234,5"


def test_unclosed_quote_keeps_the_rows_before_it(tmp_path: Path) -> None:
    text = 'Country,Year,Reports\nGhana,2022,1\nKenya,2022,"2\nIndia,2022,3\n'
    table = read_long(write(tmp_path, "quote.csv", text), long_layout())

    assert table.frame[["row", "entity_as_published"]].values.tolist() == [[2, "Ghana"]]
    assert [(p.row, p.message) for p in table.problems] == [(3, "line 3: unexpected end of data")]


def test_row_of_blank_cells_is_dropped_but_still_counts_as_a_line(tmp_path: Path) -> None:
    text = "Country,Year,Reports\n\u00a0, ,\nKenya,2022,6\n"  # a no-break space is blank too
    table = read_long(write(tmp_path, "blank.csv", text), long_layout())

    assert table.problems == []
    assert table.frame[["row", "entity_as_published"]].values.tolist() == [[3, "Kenya"]]


def test_spaces_at_the_start_of_a_cell_are_skipped(tmp_path: Path) -> None:
    text = "Country, Year, Reports\n  Ghana, 2022,  5\n"
    frame = read_long(write(tmp_path, "spaces.csv", text), long_layout()).frame

    assert frame[["entity_as_published", "period", "value"]].values.tolist() == [
        ["Ghana", "2022", "5"]
    ]


def test_cell_longer_than_the_csv_field_limit_is_malformed(tmp_path: Path) -> None:
    text = f"Country,Year,Reports\nGhana,2022,{'9' * 131_073}\n"
    [problem] = read_long(write(tmp_path, "long.csv", text), long_layout()).problems

    assert (problem.row, problem.reason) == (2, Reason.MALFORMED)
    assert problem.message == "line 2: field larger than field limit (131072)"


def test_utf16_file_with_a_bom_is_decoded(tmp_path: Path) -> None:
    text = 'Country,Year,Reports\r\nTürkiye,2022,"118,000"\r\n'
    frame = read_long(write(tmp_path, "utf16.csv", text, "utf-16"), long_layout()).frame

    assert frame[["row", "entity_as_published", "value"]].values.tolist() == [
        [2, "Türkiye", "118,000"]
    ]


def test_header_row_skips_a_title_and_keeps_file_lines(tmp_path: Path) -> None:
    text = "Table 2. Reports by country\n\n\nCountry,Year,Reports\nGhana,2022,5\n"
    table = read_long(write(tmp_path, "titled.csv", text), long_layout(header_row=2))

    assert table.problems == []
    assert table.frame[["row", "entity_as_published"]].values.tolist() == [[5, "Ghana"]]


def test_tsv_file_is_tab_delimited_whatever_its_header_holds(tmp_path: Path) -> None:
    text = "Country\tYear\tReports\nKorea, Rep.\t2022\t1,234\n"
    frame = read_long(write(tmp_path, "t.tsv", text), long_layout()).frame

    assert frame[["entity_as_published", "value"]].values.tolist() == [["Korea, Rep.", "1,234"]]


WIDE_CSV = """\
Country,2020,2021,2022
Philippines,"1,339,597","3,188,793","2,576,182"
India,"2,725,518",,"5,675,324*"
Namibia,-,..,NA
"""


def wide_layout(**kwargs: object) -> TableLayout:
    fields: dict = {
        "file": "wide.csv",
        "layout": "wide",
        "entity_column": "Country",
        "defaults": {"indicator": "ncmec_reports"},
    }
    fields.update(kwargs)
    return TableLayout(**fields)


def test_wide_by_period_blank_is_no_row_but_dash_is_kept(tmp_path: Path) -> None:
    table = read_wide(write(tmp_path, "wide.csv", WIDE_CSV), wide_layout())

    assert table.problems == []
    assert len(table.frame) == 8  # 9 cells, India 2021 blank
    india = table.frame[table.frame["entity_as_published"] == "India"]
    assert india["period"].tolist() == ["2020", "2022"]
    assert india["value"].tolist() == ["2,725,518", "5,675,324*"]
    assert india["row"].tolist() == [3, 3]
    namibia = table.frame[table.frame["entity_as_published"] == "Namibia"]
    assert namibia["value"].tolist() == ["-", "..", "NA"]
    assert set(table.frame["indicator"]) == {"ncmec_reports"}


def test_wide_by_indicator_takes_period_from_defaults(tmp_path: Path) -> None:
    text = 'Country,ncmec_reports,iwf_urls\nNetherlands,"57,012","1,234"\n'
    layout = wide_layout(wide_by="indicator", defaults={"period": "2023"})
    frame = read_wide(write(tmp_path, "wi.csv", text), layout).frame

    assert frame[["indicator", "period", "value"]].values.tolist() == [
        ["ncmec_reports", "2023", "57,012"],
        ["iwf_urls", "2023", "1,234"],
    ]


def test_wide_mapped_columns_are_not_periods(tmp_path: Path) -> None:
    text = 'Country,Notes,2022\nIndia,revised,"5,675,324"\n'
    layout = wide_layout(columns={"note": "Notes"})
    frame = read_wide(write(tmp_path, "wn.csv", text), layout).frame

    assert frame[["period", "value", "note"]].values.tolist() == [["2022", "5,675,324", "revised"]]


def test_wide_ragged_row_is_malformed_and_blank_lines_count(tmp_path: Path) -> None:
    text = "Country,2020,2021\nGhana,1,2,3\n\nKenya,4\n"
    table = read_wide(write(tmp_path, "ragged.csv", text), wide_layout())

    assert [(p.row, p.message) for p in table.problems] == [
        (2, "line 2 has 4 fields, the header has 3")
    ]
    assert table.frame[["row", "entity_as_published", "period", "value"]].values.tolist() == [
        [4, "Kenya", "2020", "4"]
    ]


def test_wide_missing_entity_column_and_indicator(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.csv", WIDE_CSV)

    [problem] = read_wide(path, wide_layout(entity_column="Economy")).problems
    assert (problem.reason, problem.column) == (Reason.MISSING_COLUMN, "Economy")
    assert "'Country', '2020', '2021', '2022'" in problem.message

    [problem] = read_wide(path, wide_layout(defaults={})).problems
    assert (problem.reason, problem.column) == (Reason.MISSING_COLUMN, "indicator")


def make_workbook(tmp_path: Path) -> Path:
    """A sheet as agencies publish it: a title, a blank row, headers on row 3."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Cover"
    data = workbook.create_sheet("Table 2")
    data["A1"] = "Table 2. Reports by country, 2021-2022"
    data.append([])
    data.append(["Country", "Year", "Reports", "Share"])
    data.append(["Côte d'Ivoire", 2022, 14015, 0.125])
    data.append(["Namibia", 2022, "NA", None])
    data.append([])
    data.append(["India", 2021, "4,699,515*", 0.5])
    for row in (4, 7):
        data.cell(row=row, column=4).number_format = "0.0%"
    data.cell(row=4, column=3).number_format = "#,##0"
    path = tmp_path / "reports.xlsx"
    workbook.save(path)
    return path


def test_excel_long_with_headers_on_row_3(tmp_path: Path) -> None:
    layout = long_layout(
        file="reports.xlsx",
        layout="excel",
        sheet="Table 2",
        header_row=3,
        columns={
            "entity_as_published": "Country",
            "period": "Year",
            "value": "Reports",
            "note": "Share",
        },
    )
    table = read_excel(make_workbook(tmp_path), layout)

    assert table.problems == []
    assert table.frame[
        ["row", "entity_as_published", "period", "value", "note"]
    ].values.tolist() == [
        [4, "Côte d'Ivoire", "2022", "14015", "12.5%"],
        [5, "Namibia", "2022", "NA", ""],
        [7, "India", "2021", "4,699,515*", "50%"],
    ]


def test_excel_wide_by_indicator(tmp_path: Path) -> None:
    layout = wide_layout(
        file="reports.xlsx",
        layout="excel",
        sheet="Table 2",
        header_row=3,
        inner_layout="wide",
        wide_by="indicator",
        columns={"period": "Year"},
        defaults={},
    )
    frame = read_excel(make_workbook(tmp_path), layout).frame

    namibia = frame[frame["entity_as_published"] == "Namibia"]
    assert namibia[["row", "indicator", "value"]].values.tolist() == [[5, "Reports", "NA"]]
    assert frame[frame["indicator"] == "Share"]["value"].tolist() == ["12.5%", "50%"]


def test_excel_unknown_sheet_lists_the_sheets(tmp_path: Path) -> None:
    layout = long_layout(file="reports.xlsx", layout="excel", sheet="Data")
    [problem] = read_excel(make_workbook(tmp_path), layout).problems

    assert problem.reason is Reason.BAD_METADATA
    assert problem.message == "no sheet 'Data'; sheets found: Cover, Table 2"


def test_excel_ragged_row_and_unreadable_file(tmp_path: Path) -> None:
    workbook = Workbook()
    workbook.active.append(["Country", "Year", "Reports"])
    workbook.active.append(["Brazil", 2022, 10, "stray"])
    path = tmp_path / "ragged.xlsx"
    workbook.save(path)
    [problem] = read_excel(path, long_layout(file="ragged.xlsx", layout="excel")).problems
    assert (problem.reason, problem.row) == (Reason.MALFORMED, 2)
    assert problem.message == "row 2 has 4 fields, the header has 3"

    broken = write(tmp_path, "broken.xlsx", "not a zip")
    [problem] = read_excel(broken, long_layout(file="broken.xlsx", layout="excel")).problems
    assert problem.reason is Reason.UNREADABLE


@pytest.mark.parametrize(
    ("value", "number_format", "text"),
    [(1234.0, "#,##0", "1234"), (0.125, "0.0%", "12.5%"), (2.5, "General", "2.5"), (None, "", "")],
)
def test_excel_cell_text(value: object, number_format: str, text: str) -> None:
    assert excel_cell_text(value, number_format) == text
