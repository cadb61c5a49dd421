"""Files the product writes are whole or absent: each is written under a temporary name beside
its target and renamed into place only once every byte is on disk. A full disk, a kill or an
error leaves the old file (or none), never a partial one, and says why in one line.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EFBIG: "the disk is full (the file size limit was reached)",
    errno.EDQUOT: "the disk quota is used up",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EROFS: "the file system is read-only",
    errno.EISDIR: "it is a folder",
    errno.ENOENT: "its folder does not exist",
}


class WriteFailed(Exception):
    """A file could not be written: `message` names it and says why; nothing partial is left."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def why(exc: BaseException) -> str:
    """Why a write failed, in a few words."""
    if isinstance(exc, OSError) and exc.errno in REASONS:
        return REASONS[exc.errno]
    text = str(exc).strip()
    return disk_reason(text) or (text.splitlines()[0] if text else type(exc).__name__)


def disk_reason(text: str) -> str | None:
    """The reason an error's text names (pyarrow's, DuckDB's and lxml's errors carry no errno:
    'File too large', 'IO_ENOSPC'), if it names one."""
    for code in (errno.EFBIG, errno.ENOSPC, errno.EDQUOT, errno.EACCES, errno.EROFS):
        if os.strerror(code) in text or f"IO_{errno.errorcode[code]}" in text:
            return REASONS[code]
    return None


def check_target(path: Path) -> None:
    """Refuse, before any work, a target that is a folder or in a folder that is not there."""
    if path.is_dir():
        raise WriteFailed(f"cannot write {path}: it is a folder; give a file name")
    if not path.parent.is_dir():
        raise WriteFailed(f"cannot write {path}: the folder {path.parent} does not exist")


def temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


@contextmanager
def written_whole(*paths: Path) -> Iterator[list[Path]]:
    """Temporary paths to write `paths` to; all are renamed into place when the block ends
    without error (so several files are replaced together), all removed otherwise."""
    for path in paths:
        check_target(path)
    temporaries = [temporary_name(path) for path in paths]
    try:
        yield temporaries
        for temporary in temporaries:
            with temporary.open("rb+") as handle:
                os.fsync(handle.fileno())
    except BaseException as exc:
        _remove(temporaries)
        # openpyxl writes a workbook's sheets through lxml, whose errors name the errno
        if not isinstance(exc, OSError) and disk_reason(str(exc)) is None:
            raise
        named = ", ".join(map(str, paths))
        raise WriteFailed(f"cannot write {named}: {why(exc)}; nothing was written") from exc
    for temporary, path in zip(temporaries, paths, strict=True):
        os.replace(temporary, path)


def write_bytes(path: Path, data: bytes) -> None:
    with written_whole(path) as (temporary,):
        temporary.write_bytes(data)


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
