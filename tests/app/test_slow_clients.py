"""Slow clients cannot starve the service: sixteen connections that send their headers a byte
at a time for ten seconds, against `ocse serve --workers 2`, while a normal reader is still
answered within 3 s."""

from __future__ import annotations

import socket
import threading
import time
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

pytestmark = pytest.mark.browser  # needs the served app
SLOW = 16
SECONDS = 10.0


def trickle(host: str, port: int, stop: threading.Event) -> None:
    """Open a connection and send a request's headers one byte a second, never finishing."""
    with socket.create_connection((host, port), timeout=30) as connection:
        for byte in b"GET /_dash-layout HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100:
            if stop.wait(1.0):
                return
            try:
                connection.send(bytes([byte]))
            except OSError:
                return  # the server let it go: fine


def test_sixteen_slow_connections_do_not_starve_a_reader(server):
    address = urlparse(server)
    stop = threading.Event()
    slow = [
        threading.Thread(target=trickle, args=(address.hostname, address.port, stop))
        for _ in range(SLOW)
    ]
    for thread in slow:
        thread.start()
    time.sleep(2.0)  # every slow connection is open and holding whatever it holds
    waits = []
    try:
        deadline = time.monotonic() + SECONDS
        while time.monotonic() < deadline:
            started = time.monotonic()
            with urlopen(server + "/_dash-layout", timeout=30) as answer:
                assert answer.status == 200
            waits.append(time.monotonic() - started)
            time.sleep(0.5)
    finally:
        stop.set()
        for thread in slow:
            thread.join()
    assert max(waits) < 3.0, waits
