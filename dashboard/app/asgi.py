"""The app behind an event loop, as `ocse serve --workers N` runs it: gunicorn starts N
processes of `Worker` (uvicorn), whose loop reads every connection, so a client that sends its
request slowly holds no thread; a request is handed to the WSGI app's threads (`THREADS` per
worker) once its headers are in.

X-Forwarded-* headers are not trusted here: the app trusts as many proxies as
OCSE_TRUSTED_PROXIES says (`dashboard.app.auth`), and no more.
"""

from __future__ import annotations

from a2wsgi import WSGIMiddleware
from uvicorn_worker import UvicornWorker

from dashboard.app.wsgi import server

THREADS = 8  # a page's parallel callbacks do not queue behind each other

app = WSGIMiddleware(server, workers=THREADS)


class Worker(UvicornWorker):
    CONFIG_KWARGS = {"loop": "asyncio", "http": "h11", "proxy_headers": False}
