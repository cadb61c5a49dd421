"""PDFs are parsed in a child process: a parse that takes too long or too much memory becomes one
`pdf_limit` problem, never a hang or a traceback; a normal one gives what parsing in-process gives.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.ncmec_pdf import parse_ncmec_pdf, read_ncmec_pdf
from dashboard.ingest.pdf_process import PARSED, parse_limited, read_limited
from dashboard.ingest.problems import Reason, errors
from dashboard.ingest.readers import read
from tests.ingest.test_ncmec_pdf import SHARED, ncmec_like_pdf, needs_pdfs, pdf


@pytest.fixture
def small_table(tmp_path: Path) -> Path:
    path = tmp_path / "table.pdf"
    path.write_bytes(ncmec_like_pdf([("Alpha", "1,234"), ("Beta", "766")], "2,000"))
    return path


def test_the_child_gives_what_parsing_here_gives(small_table: Path) -> None:
    assert parse_limited(small_table) == parse_ncmec_pdf(small_table)
    limited, here = read_limited(small_table), read_ncmec_pdf(small_table)
    assert limited.frame.equals(here.frame)
    assert limited.source == here.source and limited.problems == here.problems == []


def test_a_parse_past_the_time_limit_is_one_problem(small_table: Path) -> None:
    started = time.perf_counter()
    table = parse_limited(small_table, seconds=0.1)  # the child cannot even start in 0.1 s
    assert time.perf_counter() - started < 5
    assert [(p.reason, p.message) for p in table.problems] == [
        (
            Reason.PDF_LIMIT,
            "the PDF could not be read within 0.1 s / 1,024 MB: it took too long",
        )
    ]
    assert table.rows == [] and table.kind is None


@needs_pdfs
def test_a_parse_past_the_memory_limit_is_one_problem() -> None:
    # The child has mapped about 400 MB once pandas and pdfminer are loaded; under a 100 MB limit
    # the parse of a 700 KB table cannot allocate.
    table = parse_limited(pdf("country", 2023), seconds=60, memory_mb=100)
    assert [(p.reason, p.message) for p in table.problems] == [
        (
            Reason.PDF_LIMIT,
            "the PDF could not be read within 60 s / 100 MB: it needed more memory",
        )
    ]


def test_the_limits_come_from_the_settings(small_table: Path, monkeypatch) -> None:
    monkeypatch.setenv("OCSE_PDF_TIME_LIMIT_S", "0.2")
    [problem] = read(small_table, TableLayout(file="t.pdf", layout="ncmec_by_country_pdf")).problems
    assert problem.reason is Reason.PDF_LIMIT and "within 0.2 s / 1,024 MB" in problem.message


def test_cheap_refusals_still_come_back(tmp_path: Path) -> None:
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(b"%PDF-1.4\nno end marker")
    assert [p.reason for p in parse_limited(cut).problems] == [Reason.TRUNCATED]


@needs_pdfs
def test_a_shipped_table_through_the_child_adds_up() -> None:
    assert SHARED is not None
    started = time.perf_counter()
    table = parse_limited(pdf("country", 2023))
    assert time.perf_counter() - started < 15  # about 3 s: start, imports, parse
    assert errors(table.problems) == []
    assert table.printed_total == table.rows_sum == 36_210_368


def test_a_clean_parse_is_kept_by_content_and_a_failed_one_is_not(
    small_table: Path, tmp_path
) -> None:
    first = parse_limited(small_table)
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(small_table.read_bytes())
    started = time.perf_counter()
    assert parse_limited(copy) is first  # the same bytes under another name: not parsed again
    assert time.perf_counter() - started < 0.5
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(small_table.read_bytes()[:-300])
    parse_limited(cut)
    assert len(PARSED) == 1
