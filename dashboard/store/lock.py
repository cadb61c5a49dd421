"""One writer at a time per store folder, across processes and servers sharing the folder.

A publication, withdrawal, rollback or build takes the lock; a second one waits (the command
line) or is told at once who holds it and since when (the browser)."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

LOCK = "write.lock"


class Busy(RuntimeError):
    """Another change is being made: the message says which and since when."""


@contextmanager
def writer(store: Path, who: str, what: str, wait: float = 0.0) -> Iterator[None]:
    store.mkdir(parents=True, exist_ok=True)
    path = store / LOCK
    with path.open("a+", encoding="utf-8") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(busy_message(path)) from None
                time.sleep(0.2)
        try:
            handle.seek(0)
            handle.truncate()
            since = datetime.now(UTC).isoformat(timespec="seconds")
            handle.write(json.dumps({"who": who, "what": what, "since": since, "pid": os.getpid()}))
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def busy_message(path: Path) -> str:
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, json.JSONDecodeError):
        holder = {}
    if not holder:
        return "another change is being made to this store; try again in a moment"
    return (
        f"another change is being made ({holder.get('what', 'a change')} by "
        f"{holder.get('who', 'someone')}, since {holder.get('since', '?')}); try again when it "
        "has finished"
    )
