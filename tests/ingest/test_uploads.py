"""A file is judged before any reader opens it: a regular file, under the upload limit, and by
its content (never its name) a PDF, an Excel workbook or text."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from dashboard.ingest.problems import Reason
from dashboard.ingest.uploads import (
    Kind,
    check_upload,
    extension_for,
    file_kind,
    outside_data,
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def workbook_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["Country", "Year", "Reports"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def reasons(path: Path) -> list[Reason]:
    return [p.reason for p in check_upload(path).problems]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("report.pdf", b"Country,Year,Reports\nGhana,2023,5\n", Kind.TEXT),  # a CSV named .pdf
        ("table.csv", b"%PDF-1.4\n%%EOF\n", Kind.PDF),
        ("table.txt", "Côte d'Ivoire,1\n".encode("cp1252"), Kind.TEXT),
        ("table.csv", "Country\nTürkiye\n".encode("utf-16"), Kind.TEXT),
        ("table.csv", "\ufeffCountry\nTürkiye\n".encode(), Kind.TEXT),
        ("data.bin", workbook_bytes(), Kind.XLSX),
    ],
)
def test_the_kind_is_read_from_the_content_not_the_name(tmp_path, name, data, kind) -> None:
    path = write(tmp_path, name, data)
    checked = check_upload(path)
    assert (checked.kind, checked.problems) == (kind, [])
    assert extension_for(kind) == {"pdf": "pdf", "xlsx": "xlsx", "csv": "csv"}[kind.value]


@pytest.mark.parametrize(
    ("data", "looks_like"),
    [
        (bytes(range(256)) * 8, "binary data"),
        (b"Country,Year\x00,Reports\nGhana,2023,5\n", "binary data"),  # one NUL byte is enough
        (b"a,b\n\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\n", "binary data"),  # control characters
        (zip_bytes({"notes.txt": b"hello"}), "a zip archive that is not an Excel workbook"),
        (zip_bytes({"[Content_Types].xml": b"", "word/document.xml": b""}), "a Word document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an old Excel 97-2003 workbook"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "a PNG image"),
        (b"PK\x03\x04 cut short", "a damaged zip archive"),
    ],
)
def test_anything_else_is_refused_saying_what_it_looks_like(tmp_path, data, looks_like) -> None:
    path = write(tmp_path, "table.csv", data)
    [problem] = check_upload(path).problems
    assert problem.reason is Reason.UNSUPPORTED_TYPE
    assert problem.message.startswith("not a table this product reads")
    assert looks_like in problem.message


def test_each_kind_of_missing_input_has_its_own_reason(tmp_path) -> None:
    empty = write(tmp_path, "empty.csv", b"")
    folder = tmp_path / "folder"
    folder.mkdir()
    link = tmp_path / "link.csv"
    link.symlink_to(write(tmp_path, "real.csv", b"a,b\n1,2\n"))
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)

    assert reasons(empty) == [Reason.EMPTY_FILE]
    assert reasons(folder) == [Reason.DIRECTORY]
    assert reasons(tmp_path / "absent.csv") == [Reason.MISSING_FILE]
    assert reasons(tmp_path / "real.csv" / "below") == [Reason.MISSING_FILE]
    assert reasons(link) == [Reason.SYMBOLIC_LINK]
    assert str(tmp_path / "real.csv") in check_upload(link).problems[0].message  # where it points
    assert reasons(fifo) == [Reason.UNSUPPORTED_TYPE]  # never opened: reading would block
    assert "named pipe" in check_upload(fifo).problems[0].message
    assert check_upload(link, follow_links=True).kind is Kind.TEXT


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OCSE_UPLOAD_LIMIT_MB", "0.001")  # 1,000 bytes
    path = write(tmp_path, "table.csv", b"a,b\n" + b"1,2\n" * 300)  # 1,204 bytes
    opened: list[Path] = []

    def kind_read(path: Path, follow_links: bool = False) -> tuple[Kind, str]:
        opened.append(path)
        return Kind.TEXT, "text"

    monkeypatch.setattr("dashboard.ingest.uploads.file_kind", kind_read)

    [problem] = check_upload(path).problems

    assert problem.reason is Reason.TOO_LARGE
    assert opened == []  # not a byte was read
    assert check_upload(path, limit=2_000).kind is Kind.TEXT  # under a larger limit it is
    assert opened == [path]


def test_the_limit_message_names_both_sizes(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("OCSE_UPLOAD_LIMIT_MB", "1")
    path = write(tmp_path, "table.csv", b"a,b\n" + b"1,2\n" * 500_000)  # 2,000,004 bytes
    [problem] = check_upload(path).problems
    assert problem.message == (
        "the file is 2.0 MB; the upload limit is 1.0 MB (OCSE_UPLOAD_LIMIT_MB): it was not read"
    )


def test_file_kind_says_pdf_from_the_first_bytes(tmp_path) -> None:
    assert file_kind(write(tmp_path, "x", b"%PDF-1.7\n")) == (Kind.PDF, "a PDF")


def test_a_path_out_of_data_is_named_with_where_it_leads(tmp_path) -> None:
    data = tmp_path / "data"
    (data / "sources" / "x").mkdir(parents=True)
    outside = write(tmp_path, "secret.csv", b"a\n")
    inside = write(data / "sources" / "x", "table.csv", b"a\n")
    link_in = data / "sources" / "x" / "alias.csv"
    link_in.symlink_to(inside)
    link_out = data / "sources" / "x" / "out.csv"
    link_out.symlink_to(outside)

    assert outside_data(inside, data) is None
    assert outside_data(link_in, data) is None  # a link inside data/ is fine
    problem = outside_data(link_out, data)
    assert problem is not None and problem.reason is Reason.OUTSIDE_DATA
    assert "a symbolic link to" in problem.message and str(outside) in problem.message
    dotted = outside_data(data / "sources" / "x" / ".." / ".." / ".." / "secret.csv", data)
    assert dotted is not None and dotted.reason is Reason.OUTSIDE_DATA
