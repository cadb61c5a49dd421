"""The record of every change to what is published: who, when, what, and the store's hash
before and after. One JSON object a line, appended, never rewritten."""

from __future__ import annotations

import fcntl
import json
import os
from datetime import UTC, datetime
from pathlib import Path

AUDIT = "audit.jsonl"


def record(store: Path, entry: dict) -> dict:
    """Append `entry` (with the time added) and return it as written."""
    written = {"at": datetime.now(UTC).isoformat(timespec="seconds"), **entry}
    store.mkdir(parents=True, exist_ok=True)
    with (store / AUDIT).open("a", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.write(json.dumps(written, ensure_ascii=False, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return written


def history(store: Path) -> list[dict]:
    """Every record, newest first; a line cut off by a crash is skipped. A single store file
    (not a folder of versions) keeps none."""
    try:
        lines = (store / AUDIT).read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, NotADirectoryError):
        return []
    entries = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return entries[::-1]
