"""The app behind an event loop, as `ocse serve --workers N` runs it: gunicorn starts N
processes of `Worker` (uvicorn), whose loop reads every connection, so a client that sends its
request slowly holds no thread. A request is handed to the WSGI app's threads (`THREADS` per
worker) once its headers and its whole body are in (`WholeBody`): a body that trickles in holds
a coroutine, not a thread, and one slower than `MIN_RATE` (after `GRACE` s) is answered 408.

X-Forwarded-* headers are not trusted here: the app trusts as many proxies as
OCSE_TRUSTED_PROXIES says (`dashboard.app.auth`), and no more.
"""

from __future__ import annotations

import asyncio

from a2wsgi import WSGIMiddleware
from uvicorn_worker import UvicornWorker

from dashboard.app.api.publications import FORM_ALLOWANCE
from dashboard.app.wsgi import server
from dashboard.ingest.uploads import upload_limit_bytes

THREADS = 8  # a page's parallel callbacks do not queue behind each other
KEEP_ALIVE = 15  # seconds an idle connection is kept open (see Worker)
GRACE = 10.0  # seconds any request body may take
MIN_RATE = 64 * 1024  # bytes a second a longer body must average beyond that


class TooLarge(Exception):
    pass


class WholeBody:
    """Reads a request's body on the event loop, within its time, before the WSGI app sees it.
    A body declared larger than any route accepts is passed on unread (Flask refuses it by its
    Content-Length, with the route's own message)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = upload_limit_bytes() + FORM_ALLOWANCE
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"").strip()
        size = int(declared) if declared.isdigit() else None
        if size is not None and size > limit:
            return await self.app(scope, receive, send)
        try:
            body = await asyncio.wait_for(read(receive, limit), GRACE + (size or 0) / MIN_RATE)
        except TimeoutError:
            return await answer(send, 408, "The request body came too slowly.")
        except TooLarge:
            return await answer(send, 413, "The request is too large and was not read.")
        except ConnectionError:
            return None
        given = False

        async def replay():
            nonlocal given
            if given:
                return await receive()  # what follows the body: a disconnect
            given = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await self.app(scope, replay, send)


async def read(receive, limit: int) -> bytes:
    parts, length = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ConnectionError("the client went away")
        chunk = message.get("body", b"")
        length += len(chunk)
        if length > limit:
            raise TooLarge
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


async def answer(send, status: int, text: str) -> None:
    body = (text + "\n").encode()
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


app = WholeBody(WSGIMiddleware(server, workers=THREADS))


class Worker(UvicornWorker):
    """uvicorn's limits, set here rather than left to its defaults: an idle kept-alive
    connection is closed after KEEP_ALIVE s; a request line and headers over 16 kB are refused;
    more than 1,000 open connections in one worker are answered 503 at once.

    KEEP_ALIVE outlasts a reader's pause between a page's requests and nginx's own hold on an
    idle connection to the app (deploy/nginx-ocse.conf, shorter): a client that sends on a
    connection just as the server closes it gets no answer, and neither nginx nor a load test
    sends a POST again. At 5 s, uvicorn's default, a 10-minute soak of readers pausing 1-5 s lost
    2 of 7,714 callbacks that way (2026-12-02)."""

    CONFIG_KWARGS = {
        "loop": "asyncio",
        "http": "h11",
        "proxy_headers": False,
        "timeout_keep_alive": KEEP_ALIVE,
        "h11_max_incomplete_event_size": 16 * 1024,
        "limit_concurrency": 1000,
    }
