"""Slow clients cannot starve the service: sixteen connections that send their headers, or the
body of a callback or publication, a byte at a time for ten seconds, against `ocse serve
--workers 2` (16 WSGI threads in all), while a normal reader is still answered within 3 s."""

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


SLOW_HEADERS = (b"", b"GET /_dash-layout HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100)
SLOW_BODIES = {
    "callback": b"POST /_dash-update-component HTTP/1.1\r\nContent-Type: application/json\r\n",
    "publication": b"POST /api/v1/publications HTTP/1.1\r\nContent-Type: text/csv\r\n",
}


def slow_body(path: bytes) -> tuple[bytes, bytes]:
    """A request whose headers arrive at once, announcing a 100 kB body that never comes."""
    return path + b"Host: x\r\nContent-Length: 100000\r\n\r\n", b"{" + b" " * 100


def trickle(host: str, port: int, stop: threading.Event, request: tuple[bytes, bytes]) -> None:
    """Open a connection, send `request`'s first part, then its second one byte a second."""
    start, slow = request
    with socket.create_connection((host, port), timeout=30) as connection:
        connection.sendall(start)
        for byte in slow:
            if stop.wait(1.0):
                return
            try:
                connection.send(bytes([byte]))
            except OSError:
                return  # the server let it go: fine


@pytest.mark.parametrize(
    "request_sent",
    [SLOW_HEADERS, slow_body(SLOW_BODIES["callback"]), slow_body(SLOW_BODIES["publication"])],
    ids=["headers", "callback body", "publication body"],
)
def test_sixteen_slow_connections_do_not_starve_a_reader(server, request_sent):
    address = urlparse(server)
    stop = threading.Event()
    slow = [
        threading.Thread(target=trickle, args=(address.hostname, address.port, stop, request_sent))
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
