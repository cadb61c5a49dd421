"""What a file given to `ocse ingest`, `ocse validate` or an upload form is, judged before any
reader opens it: a regular file (not missing, a folder, a link or a device), not over the upload
limit, and by its content, not its name, a PDF, an Excel workbook or text.

Anything else is refused with a problem saying what it looks like. The name a person gave a
file is never used as a path: a stored upload is written as `table.<extension_for(kind)>`.
"""

from __future__ import annotations

import codecs
import os
import stat
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from dashboard import settings
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.workbook_limits import check_workbook

MB = 1_000_000
CHUNK = 1 << 20
SAMPLE = 64 * 1024  # characters looked at for control characters
CONTROL = {chr(c) for c in range(32)} - set("\t\n\r\f\v\x1a")  # \x1a: a DOS end-of-file mark
# What some common non-table files start with, to say what a refused file looks like.
SIGNATURES = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Excel 97-2003 workbook (.xls) or another old Office file: save it as .xlsx",
    ),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"MZ", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"PAR1", "a Parquet file"),
)


class Kind(StrEnum):
    """What a file holds, as far as the readers care; the value is the extension it deserves."""

    PDF = "pdf"
    XLSX = "xlsx"
    TEXT = "csv"


def extension_for(kind: Kind) -> str:
    """The extension a stored copy of a file of this kind gets: 'pdf', 'xlsx' or 'csv'."""
    return kind.value


@dataclass
class Checked:
    """The outcome of `check_upload`: the file's kind, or the problems that refuse it."""

    path: Path
    kind: Kind | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.kind is not None and not self.problems


def upload_limit_bytes() -> int:
    return int(settings.get("upload_limit_mb") * MB)


def check_path(path: Path, follow_links: bool = False) -> list[Problem]:
    """A regular file: not missing, not a folder, not a symbolic link, not a device or a pipe.

    Looked at with lstat, so a link is reported as a link, with where it points; a file a
    source.yaml names may be a link (`follow_links`), as long as it stays inside data/.
    """
    file = str(path)
    try:
        info = path.stat() if follow_links else path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return [Problem(file, None, "", Reason.MISSING_FILE, f"no file at {file!r}")]
    except OSError as exc:
        return [Problem(file, None, "", Reason.UNREADABLE, f"cannot look at the file: {exc}")]
    if stat.S_ISLNK(info.st_mode):
        target = os.readlink(path)
        broken = "" if path.exists() else " (which does not exist)"
        message = (
            f"{file!r} is a symbolic link to {target!r}{broken}; links are not followed: "
            "give the file it points to"
        )
        return [Problem(file, None, "", Reason.SYMBOLIC_LINK, message)]
    if stat.S_ISDIR(info.st_mode):
        message = f"{file!r} is a folder, not a file: give a table file inside it"
        return [Problem(file, None, "", Reason.DIRECTORY, message)]
    if not stat.S_ISREG(info.st_mode):
        what = (
            "a named pipe"
            if stat.S_ISFIFO(info.st_mode)
            else "a socket"
            if stat.S_ISSOCK(info.st_mode)
            else "a device"
        )
        message = f"{file!r} is {what}, not a file"
        return [Problem(file, None, "", Reason.UNSUPPORTED_TYPE, message)]
    if info.st_size == 0:
        return [Problem(file, None, "", Reason.EMPTY_FILE, "the file is empty (0 bytes)")]
    return []


def check_size(path: Path, limit: int | None = None) -> list[Problem]:
    """Over the upload limit (OCSE_UPLOAD_LIMIT_MB) is refused before a byte is read."""
    limit = upload_limit_bytes() if limit is None else limit
    size = path.stat().st_size
    if size <= limit:
        return []
    message = (
        f"the file is {size / MB:,.1f} MB; the upload limit is {limit / MB:,.1f} MB "
        "(OCSE_UPLOAD_LIMIT_MB): it was not read"
    )
    return [Problem(str(path), None, "", Reason.TOO_LARGE, message)]


def _open(path: Path, follow_links: bool = False):
    """Open for reading; unless links are allowed, not through a link put in the file's place
    since it was checked."""
    flags = os.O_RDONLY | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    return os.fdopen(os.open(path, flags), "rb")


def _zip_kind(path: Path) -> tuple[Kind | None, str]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return None, f"a damaged zip archive ({exc})"
    if {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        return Kind.XLSX, "an Excel workbook"
    if "word/document.xml" in names:
        return None, "a Word document (.docx), not a workbook"
    if "ppt/presentation.xml" in names:
        return None, "a PowerPoint file (.pptx), not a workbook"
    if "mimetype" in names and "content.xml" in names:
        return None, "an OpenDocument file (.ods or .odt): save it as .xlsx"
    return None, "a zip archive that is not an Excel workbook"


def _text_codec(path: Path, head: bytes, follow_links: bool = False) -> str | None:
    """The codec the whole file decodes with, without NUL and with few control characters:
    UTF-16 if it starts with a byte order mark, else UTF-8, else Windows-1252."""
    bom = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    for codec in ("utf-16",) if bom else ("utf-8", "cp1252"):
        decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        sample = ""
        try:
            with _open(path, follow_links) as stream:
                while chunk := stream.read(CHUNK):
                    text = decoder.decode(chunk)
                    if "\x00" in text:
                        return None
                    if len(sample) < SAMPLE:
                        sample += text[: SAMPLE - len(sample)]
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in sample if c in CONTROL)
        return codec if controls * 100 <= len(sample) else None
    return None


def file_kind(path: Path, follow_links: bool = False) -> tuple[Kind | None, str]:
    """What the file holds, by its content: a Kind, or None and what it looks like instead."""
    with _open(path, follow_links) as stream:
        head = stream.read(64)
    if head.startswith(b"%PDF-"):
        return Kind.PDF, "a PDF"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path)
    for signature, what in SIGNATURES:
        if head.startswith(signature):
            return None, what
    if _text_codec(path, head, follow_links) is not None:
        return Kind.TEXT, "text"
    return None, "binary data, not text (UTF-8, UTF-16 or Windows-1252 without NUL bytes)"


def check_upload(path: Path, limit: int | None = None, follow_links: bool = False) -> Checked:
    """Everything that refuses a file before a reader opens it; for `ocse ingest`, `ocse validate
    FILE` and uploads. A workbook is also opened as a zip and measured (`check_workbook`)."""
    problems = check_path(path, follow_links)
    if problems:
        return Checked(path, None, problems)
    problems = check_size(path, limit)
    if problems:
        return Checked(path, None, problems)
    try:
        kind, what = file_kind(path, follow_links)
    except OSError as exc:
        problem = Problem(str(path), None, "", Reason.UNREADABLE, f"cannot read: {exc}")
        return Checked(path, None, [problem])
    if kind is None:
        message = f"not a table this product reads (a PDF, an .xlsx workbook or a CSV): {what}"
        return Checked(path, None, [Problem(str(path), None, "", Reason.UNSUPPORTED_TYPE, message)])
    if kind is Kind.XLSX:
        problems = check_workbook(path)
    return Checked(path, kind, problems)


def outside_data(path: Path, data_dir: Path) -> Problem | None:
    """A file a source.yaml names must be inside data/, links and '..' followed."""
    try:
        inside = path.resolve().is_relative_to(data_dir.resolve())
    except (OSError, RuntimeError) as exc:  # a loop of links
        return Problem(str(path), None, "file", Reason.UNREADABLE, f"cannot resolve: {exc}")
    if inside:
        return None
    how = f"a symbolic link to {os.readlink(path)!r}" if path.is_symlink() else "a path"
    message = (
        f"{how} that leads outside {str(data_dir)!r} (to {str(path.resolve())!r}); a build "
        "reads only files inside data/"
    )
    return Problem(str(path), None, "file", Reason.OUTSIDE_DATA, message)
