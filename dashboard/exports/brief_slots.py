"""At most `brief_slots` briefs are made at once by the site, across all its workers: each needs
a browser (about 100 MB a process, ten processes) and a core. A request waits in line up to
`brief_wait_s` for a slot, then is told the site is busy. A slot is a lock file in the store's
state folder held with flock, so a worker that dies frees its slot with it.

When the last brief of a process is done, its chart browser is closed: no chromium lingers.
"""

from __future__ import annotations

import fcntl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard import settings
from dashboard.exports import images
from dashboard.store import state_dir

POLL = 0.25  # seconds between looks for a free slot
_active = 0  # briefs being made in this process
_counting = threading.Lock()


class BriefsBusy(RuntimeError):
    """Every slot stayed taken for the whole wait."""

    def __init__(self, wait: float):
        super().__init__(f"every brief slot stayed taken for {wait:g} s")
        self.retry_after = 30  # seconds a reader is asked to wait before trying again


@contextmanager
def brief_slot(folder: Path | None = None) -> Iterator[None]:
    """Hold one of the site's brief slots while the block runs (see the module's text)."""
    folder = folder or state_dir()
    slots, wait = max(1, settings.get("brief_slots")), settings.get("brief_wait_s")
    deadline = time.monotonic() + wait
    while True:
        for number in range(slots):
            handle = (folder / f"brief-slot-{number}.lock").open("a")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            try:
                with _counted():
                    yield
                return
            finally:
                handle.close()  # releases the lock
        if time.monotonic() >= deadline:
            raise BriefsBusy(wait)
        time.sleep(POLL)


@contextmanager
def _counted() -> Iterator[None]:
    global _active
    with _counting:
        _active += 1
    try:
        yield
    finally:
        with _counting:
            _active -= 1
            last = _active == 0
        if last:
            images.stop()  # the chart browser and its processes go with the last brief
