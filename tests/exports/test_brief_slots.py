"""Brief slots: a request waits in line for one, is refused once its wait is over, and gets one
as soon as it is free; a slot held by a process that dies is free."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest

from dashboard.exports.brief_slots import BriefsBusy, brief_slot


@contextmanager
def held(folder):
    """A slot held by another thread while the block runs."""
    entered, release = threading.Event(), threading.Event()

    def hold() -> None:
        with brief_slot(folder):
            entered.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert entered.wait(10)
    try:
        yield
    finally:
        release.set()
        holder.join()


def test_a_request_waits_for_a_slot_then_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("OCSE_BRIEF_SLOTS", "1")
    monkeypatch.setenv("OCSE_BRIEF_WAIT_S", "0.5")
    with held(tmp_path):
        started = time.monotonic()
        with pytest.raises(BriefsBusy), brief_slot(tmp_path):
            pass
        assert 0.5 <= time.monotonic() - started < 3
    with brief_slot(tmp_path):  # free again
        pass


def test_two_slots_let_two_in(tmp_path, monkeypatch):
    monkeypatch.setenv("OCSE_BRIEF_SLOTS", "2")
    monkeypatch.setenv("OCSE_BRIEF_WAIT_S", "0")
    with held(tmp_path), brief_slot(tmp_path):
        with pytest.raises(BriefsBusy), brief_slot(tmp_path):
            pass


def test_a_dead_workers_slot_is_free(tmp_path, monkeypatch):
    monkeypatch.setenv("OCSE_BRIEF_SLOTS", "1")
    monkeypatch.setenv("OCSE_BRIEF_WAIT_S", "0")
    script = (
        "import fcntl, os, sys; h = open(sys.argv[1], 'a'); fcntl.flock(h, fcntl.LOCK_EX); "
        "print('held', flush=True); os._exit(0) if sys.stdin.read() == '' else None"
    )
    worker = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "brief-slot-0.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert worker.stdout.readline().strip() == "held"
    with pytest.raises(BriefsBusy), brief_slot(tmp_path):
        pass
    worker.kill()
    worker.wait()
    with brief_slot(tmp_path):
        pass
