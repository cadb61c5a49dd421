"""The column-wise reader for large plain files reads exactly what the careful reader reads.

`read_long` tries `read_columns` (pyarrow) first and falls back to the csv-module reader for
anything that is not plain; both must give the same rows, line numbers and problems.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Reason
from dashboard.ingest.tables import long_rows, read_columns, read_delimited, read_long

LAYOUT = TableLayout(
    file="t.csv",
    layout="long",
    columns={"entity_as_published": "Country", "period": "Year", "value": "Reports"},
    defaults={"indicator": "cybertipline_reports"},
)

PLAIN = {
    "quoted thousands": 'Country,Year,Reports\nGhana,2023,"1,234"\nKenya,2023,5\n',
    "crlf": 'Country,Year,Reports\r\nGhana,2023,"1,234"\r\nKenya,2023,5\r\n',
    "no final newline": "Country,Year,Reports\nGhana,2023,5",
    "comma inside quotes": 'Country,Year,Reports\n"Korea, Rep.",2023,5\n',
    "semicolons": "Country;Year;Reports\nFrance;2023;1.234,5\n",
    "utf-8 bom": "\ufeffCountry,Year,Reports\nTürkiye,2023,5\n",
    "empty cells": "Country,Year,Reports\nGhana,2023,\n,,\n",
    "NA stays text": "Country,Year,Reports\nNamibia,2023,NA\n",
    "header only": "Country,Year,Reports\n",
    "doubled quotes": 'Country,Year,Reports\n"Ghana ""GH""",2023,5\n"""",2023,"1,2"\n',
}
NOT_PLAIN = {
    "blank line": "Country,Year,Reports\nGhana,2023,5\n\nKenya,2023,6\n",
    "quoted newline": 'Country,Year,Reports\n"Korea,\nRep.",2023,5\nJapan,2023,6\n',
    "quoted crlf": 'Country,Year,Reports\r\n"Korea,\r\nRep.",2023,5\r\nJapan,2023,6\r\n',
    "quoted carriage return": 'Country,Year,Reports\n"Korea\rRep.",2023,5\n',
    "a newline as a whole cell": 'Country,Year,Reports\n"\n",2023,5\nJapan,2023,6\n',
    "space after delimiter": "Country, Year, Reports\nGhana, 2023, 5\n",
    "text after closing quote": 'Country,Year,Reports\n"Ghana"x,2023,5\n',
    "unclosed quote": 'Country,Year,Reports\nGhana,2023,"12\n',
    "ragged row": "Country,Year,Reports\nGhana,2023,12,99,1\n",
    "short row": "Country,Year,Reports\nGhana,2023\n",
    "trailing comma in header": "Country,Year,Reports,\nGhana,2023,5,\n",
    "quote inside a cell": 'Country,Year,Reports\nGha"na,2023,5\n',
    "lone carriage return": "Country,Year,Reports\rGhana,2023,5\r",
}


def careful(path: Path):
    return long_rows(read_delimited(path), LAYOUT)


def assert_same(path: Path) -> None:
    fast, slow = read_long(path, LAYOUT), careful(path)
    pd.testing.assert_frame_equal(fast.frame, slow.frame, check_exact=True)
    assert fast.problems == slow.problems


@pytest.mark.parametrize("case", PLAIN)
def test_plain_files_are_read_column_wise_with_the_same_result(tmp_path: Path, case: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(PLAIN[case], encoding="utf-8", newline="")

    assert read_columns(path) is not None
    assert_same(path)


@pytest.mark.parametrize("case", NOT_PLAIN)
def test_other_files_go_to_the_careful_reader(tmp_path: Path, case: str) -> None:
    path = tmp_path / "t.csv"
    path.write_text(NOT_PLAIN[case], encoding="utf-8", newline="")

    assert read_columns(path) is None
    assert_same(path)


def test_latin1_file_is_decoded_then_read_column_wise(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes("Country,Year,Reports\nCôte d'Ivoire,2023,5\n".encode("latin-1"))

    columns = read_columns(path)
    assert columns is not None
    assert columns.cells[0].to_pylist() == ["Côte d'Ivoire"]
    assert_same(path)


def test_row_of_blank_cells_is_dropped_but_still_counts_as_a_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"  # a no-break space is blank to str.strip(), as the careful reader
    path.write_text("Country,Year,Reports\n\u00a0,,\nKenya,2023,6\n", encoding="utf-8")

    table = read_long(path, LAYOUT)
    assert read_columns(path) is not None
    assert table.frame[["row", "entity_as_published"]].values.tolist() == [[3, "Kenya"]]
    assert_same(path)


def test_cell_longer_than_the_csv_field_limit_goes_to_the_careful_reader(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"Country,Year,Reports\nGhana,2023,{'9' * 131_073}\n", encoding="utf-8")

    assert read_columns(path) is None
    problems = read_long(path, LAYOUT).problems
    assert [(p.row, p.reason) for p in problems] == [(2, Reason.MALFORMED)]
    assert "field larger than field limit" in problems[0].message


def test_large_plain_file_read_in_many_blocks_matches_the_careful_reader(tmp_path: Path) -> None:
    """SYNTHETIC rows, generated here: about 3 MB, so pyarrow returns many chunks and the byte
    checks run over many blocks, with quoted cells, blank rows and a no-break space among them."""
    path = tmp_path / "t.csv"
    rows = []
    for i in range(60_000):
        value = f'"{i * 7919:,}"' if i % 3 else str(i)
        name = '"Korea, Rep."' if i % 5 == 0 else ("Côte d'Ivoire" if i % 7 == 0 else "Ghana")
        rows.append(f"{name},{1990 + i % 35},{value}" if i % 997 else ",,")
    rows[30_001] = "\u00a0,,"
    path.write_text("Country,Year,Reports\n" + "\n".join(rows) + "\n", encoding="utf-8")

    columns = read_columns(path)
    assert columns is not None and columns.cells[0].num_chunks > 1
    fast = read_long(path, LAYOUT)
    assert fast.frame["row"].iloc[-1] == 60_001  # the header is line 1
    assert fast.frame["value"].iloc[-1] == f"{59_999 * 7919:,}"
    assert len(fast.frame) == 60_000 - 61 - 1  # 61 rows of blank cells (every 997th), the nbsp
    assert_same(path)
