"""Shared answers kept as files in the store's state folder, so that a chart readers share is
computed once for every worker of every server reading that folder, not once by each: with
two servers of two workers, a map was drawn four times over as readers arrived, just when the
machine was busiest.

- `answers/<edition>/<key digest>`: the edition names the store version, this code (its files'
  sizes and times, the libraries' versions) and the settings, so a server upgraded or set
  differently never hands out another's answers.
- A file lands whole or not at all (written beside, then renamed); one that cannot be read
  or written is only a miss, never an error.
- At most `OCSE_SHARED_ANSWER_FILES_MB` in the edition served (0 keeps none on disk); other
  editions are removed once nothing has been written to them for ten minutes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

from dashboard import settings

LEFT_FOR = 600.0  # seconds an edition no longer served is kept (servers switch within seconds)
COUNT_AGAIN = 60.0  # seconds between two sums of the edition's size (other workers write too)
LIBRARIES = ("dash", "plotly", "dash-mantine-components", "pandas", "babel", "flask-compress")


def code_stamp() -> str:
    """What this code answers with: its files' names, sizes and times (a file changed, or only
    touched, changes the stamp), the libraries' versions and the settings as set."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".mo", ".json", ".css", ".js"}:
            stat = path.stat()
            named = f"{path.relative_to(package)} {stat.st_size} {stat.st_mtime_ns}\n"
            digest.update(named.encode())
    for library in LIBRARIES:
        digest.update(f"{library} {version(library)}\n".encode())
    digest.update(settings.as_set().encode())
    return digest.hexdigest()


class AnswerFiles:
    """Answers on disk under `root`, by key, where the key's first item is the store's content
    hash."""

    def __init__(self, root: Path, limit: int, stamp: str) -> None:
        self.root = root
        self.limit = limit
        self.stamp = stamp
        self._edition = ""
        self._size = 0
        self._counted = 0.0
        self._lock = threading.Lock()

    def folder(self, key: tuple) -> Path:
        edition = hashlib.blake2b(f"{key[0]} {self.stamp}".encode(), digest_size=12).hexdigest()
        if edition != self._edition:
            with self._lock:
                if edition != self._edition:
                    self._edition, self._counted = edition, 0.0
                    self._remove_old(edition)
        return self.root / edition

    def path(self, key: tuple) -> Path:
        name = hashlib.blake2b(repr(key).encode(), digest_size=16).hexdigest()
        return self.folder(key) / name

    def get(self, key: tuple) -> tuple[bytes, str | None] | None:
        try:
            stored = self.path(key).read_bytes()
        except OSError:
            return None
        encoding, separator, body = stored.partition(b"\n")
        if not separator:
            return None
        return body, encoding.decode("ascii") or None

    def put(self, key: tuple, body: bytes, encoding: str | None = None) -> None:
        path = self.path(key)
        if not self.limit or self._used(path.parent) + len(body) > self.limit:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, written = tempfile.mkstemp(dir=path.parent, prefix=".")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write((encoding or "").encode("ascii") + b"\n" + body)
            os.replace(written, path)
        except OSError:
            Path(written).unlink(missing_ok=True)
            return
        with self._lock:
            self._size += len(body)

    def _used(self, folder: Path) -> int:
        """Bytes in the edition: summed at most once a minute, counted in between."""
        with self._lock:
            if time.monotonic() - self._counted > COUNT_AGAIN:
                self._size = sum(map(_size, _entries(folder)))
                self._counted = time.monotonic()
            return self._size

    def _remove_old(self, served: str) -> None:
        for entry in _entries(self.root):
            try:
                idle = time.time() - entry.stat().st_mtime
            except OSError:
                continue
            if entry.name != served and entry.is_dir() and idle > LEFT_FOR:
                shutil.rmtree(entry, ignore_errors=True)


def _size(entry: os.DirEntry) -> int:
    """A file's size; 0 for a folder, or a file another worker renamed or removed meanwhile."""
    try:
        return entry.stat().st_size if entry.is_file() else 0
    except OSError:
        return 0


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []
