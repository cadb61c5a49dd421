"""Closing the chart browser never hangs: a browser stuck on an image that never came does not
take kaleido's end-of-work signal, and the CLI (which closes it at exit) once waited for ever in
the test run. It is waited for a bounded time, then left to end with the process, and logged."""

from __future__ import annotations

import threading
import time

from kaleido._sync_server import GlobalKaleidoServer

from dashboard.exports import images


def test_a_browser_that_never_closes_is_left_after_the_wait(monkeypatch, caplog):
    server = GlobalKaleidoServer()
    stuck = threading.Event()
    monkeypatch.setattr(server, "_initialized", True)  # as if a browser were open
    monkeypatch.setattr(server, "close", lambda **_kw: stuck.wait(60))  # and never closing
    monkeypatch.setattr(images, "STOP_TIMEOUT", 0.5)
    done = threading.Event()
    caller = threading.Thread(target=lambda: (images.stop(), done.set()), daemon=True)
    started = time.monotonic()
    caller.start()
    caller.join(10)
    stuck.set()  # lets the abandoned close end
    assert done.is_set(), "stop() was still waiting after 10 s"
    assert 0.4 < time.monotonic() - started < 5
    assert "did not close within 0.5 s" in caplog.text


def test_a_browser_that_closes_is_waited_for(monkeypatch, caplog):
    server = GlobalKaleidoServer()
    closed = []
    monkeypatch.setattr(server, "_initialized", True)
    monkeypatch.setattr(server, "close", lambda **kw: closed.append(kw))
    images.stop()
    assert closed == [{"silence_warnings": True}]
    assert "did not close" not in caplog.text
