"""Sources already read, remembered by content: a preview or a publish re-reads only the folders
it changes, not the whole of data/.

The key is everything reading a source depends on: its metadata, the bytes of each table file,
the bytes of data/'s reference files (indicators, units, regions, aliases, focus), the limits
reading works under and the code that reads (a new release reads everything again). Only a
clean read is remembered: a refusal (a PDF stopped on a busy machine) is tried again next time.
A result is kept in memory and, given a folder for it (the store's), on disk as a Parquet table
and its problems, so another process, or the server after a restart, finds what a build read.
It is handed back with its file paths moved to the folder asked about: a change is built in a
copy of data/, and finds what data/ itself was read to.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path

import pandas as pd

from dashboard import settings
from dashboard.ingest.metadata import SourceMeta
from dashboard.ingest.problems import Problem, Reason, Severity, errors

KEPT = 1024  # sources remembered, in memory and on disk (the shipped data has 129)
LIMITS = ["upload_limit_mb", "pdf_time_limit_s", "pdf_memory_limit_mb"]
Read = tuple[pd.DataFrame, list[Problem]]
_read: OrderedDict[str, tuple[pd.DataFrame, list[Problem], str]] = OrderedDict()


@cache
def _code_digest() -> str:
    """The reading code's own digest: the ingest package and the models it fills."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*package.joinpath("ingest").rglob("*.py"), package / "models.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def reference_digest(data_dir: Path) -> str:
    """The digest of the files under data/ that every source's reading depends on."""
    digest = hashlib.sha256()
    for path in sorted(data_dir.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _key(folder: Path, meta: SourceMeta, reference: str) -> str | None:
    limits = [settings.get(name) for name in LIMITS]
    about = f"{_code_digest()}\0{reference}\0{meta.model_dump_json()}\0{limits}"
    digest = hashlib.sha256(about.encode())
    for layout in meta.tables:
        path = folder / layout.file
        if not path.is_file():
            return None  # a missing file is reported by reading it, every time
        digest.update(b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _moved(frame: pd.DataFrame, problems: list[Problem], old: str, new: str) -> Read:
    if old == new:
        return frame.copy(), list(problems)
    frame = frame.copy()
    frame["file"] = frame["file"].str.replace(old, new, n=1, regex=False)
    return frame, [
        replace(p, file=new + p.file.removeprefix(old)) if p.file.startswith(old) else p
        for p in problems
    ]


def _load(memo: Path, key: str) -> tuple[pd.DataFrame, list[Problem], str] | None:
    try:
        about = json.loads((memo / f"{key}.json").read_text(encoding="utf-8"))
        frame = pd.read_parquet(memo / f"{key}.parquet")
    except (OSError, ValueError):  # not there, or cut off: read the source again
        return None
    problems = [
        Problem(**{**p, "reason": Reason(p["reason"]), "severity": Severity(p["severity"])})
        for p in about["problems"]
    ]
    os.utime(memo / f"{key}.json")  # recently used: kept longest
    return frame, problems, about["folder"]


def _save(memo: Path, key: str, frame: pd.DataFrame, problems: list[Problem], at: str) -> None:
    """The table first, then the file that says it is there; each written whole, then renamed."""
    try:
        memo.mkdir(parents=True, exist_ok=True)
        for name, write in [
            (f"{key}.parquet", lambda path: frame.to_parquet(path, index=False)),
            (
                f"{key}.json",
                lambda path: path.write_text(
                    json.dumps({"folder": at, "problems": [p.as_row() for p in problems]}),
                    encoding="utf-8",
                ),
            ),
        ]:
            temporary = memo / f".{name}.{os.getpid()}.tmp"
            write(temporary)
            os.replace(temporary, memo / name)
        _prune(memo)
    except OSError:  # a full disk or a read-only store: the memo is only a speed-up
        return


def _prune(memo: Path) -> None:
    kept = sorted(memo.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in kept[KEPT:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".parquet").unlink(missing_ok=True)
    for stale in memo.glob(".*.tmp"):
        stale.unlink(missing_ok=True)


def remembered(
    folder: Path, meta: SourceMeta, reference: str, read: Callable[[], Read], memo: Path | None
) -> Read:
    """`read()`'s result for this source, remembered when its content was read before."""
    key = _key(folder, meta, reference) if reference else None
    if key is None:
        return read()
    found = _read.get(key) or (_load(memo, key) if memo is not None else None)
    if found is None:
        frame, problems = read()
        if errors(problems):
            return frame, problems
        found = (frame.copy(), list(problems), str(folder))
        if memo is not None:
            _save(memo, key, *found)
    _read[key] = found
    _read.move_to_end(key)
    while len(_read) > KEPT:
        _read.popitem(last=False)
    return _moved(*found, str(folder))


def forget() -> None:
    _read.clear()
