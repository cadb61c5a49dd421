"""The served app reads a request's whole body on the event loop before its WSGI threads see
it: a body in pieces arrives whole, one that trickles past its time is answered 408, and one
larger than any route accepts is 413 (chunked) or left to Flask (declared)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard.app import asgi


def call(pieces: list[bytes], delay: float = 0.0, headers=()) -> tuple[list, list]:
    """Run `WholeBody` over a request sent as `pieces` (`delay` s apart); what the inner app
    read, and what was sent back."""
    seen, sent = [], []

    async def inner(scope, receive, send):
        seen.append(await receive())
        await send({"type": "http.response.start", "status": 200, "headers": []})

    async def receive():
        if not pieces:
            await asyncio.sleep(3600)  # a client that never finishes
        await asyncio.sleep(delay)
        body = pieces.pop(0)
        return {"type": "http.request", "body": body, "more_body": bool(pieces)}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "headers": list(headers)}
    # a loop of its own, in a thread: the browser tests' synchronous Playwright keeps one
    # running in this thread
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, asgi.WholeBody(inner)(scope, receive, send)).result()
    return seen, sent


def test_a_body_in_pieces_reaches_the_app_whole():
    seen, sent = call([b'{"a":', b" 1", b"}"])
    assert seen == [{"type": "http.request", "body": b'{"a": 1}', "more_body": False}]
    assert sent[0]["status"] == 200


def test_a_trickled_body_is_408_once_its_time_is_up(monkeypatch):
    monkeypatch.setattr(asgi, "GRACE", 0.3)
    seen, sent = call([b"x"] * 100, delay=0.05, headers=[(b"content-length", b"100")])
    assert seen == [] and sent[0]["status"] == 408
    assert sent[1]["body"] == b"The request body came too slowly.\n"


def test_a_chunked_body_over_the_limit_is_413(monkeypatch):
    monkeypatch.setattr(asgi, "upload_limit_bytes", lambda: 10)
    monkeypatch.setattr(asgi, "FORM_ALLOWANCE", 0)
    seen, sent = call([b"x" * 8, b"x" * 8])
    assert seen == [] and sent[0]["status"] == 413


@pytest.mark.parametrize("declared", [b"17", b"99999999999"])
def test_a_body_declared_too_large_is_left_to_flask_unread(monkeypatch, declared):
    monkeypatch.setattr(asgi, "upload_limit_bytes", lambda: 10)
    monkeypatch.setattr(asgi, "FORM_ALLOWANCE", 0)
    seen, _ = call([b"x" * 17], headers=[(b"content-length", declared)])
    assert seen[0]["body"] == b"x" * 17  # the app's own receive: Flask refuses by the length
