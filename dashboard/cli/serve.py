"""`ocse serve`: the development server, or gunicorn with N workers."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from dashboard import settings
from dashboard.cli.common import app, open_store


@app.command()
def serve(
    port: Annotated[int, typer.Option()] = 8050,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    workers: Annotated[int, typer.Option(help="gunicorn worker processes")] = 2,
    dev: Annotated[
        bool, typer.Option(help="Flask's development server instead (one process)")
    ] = False,
) -> None:
    """Serve the dashboard on http://HOST:PORT with gunicorn (uvicorn workers)."""
    open_store()
    if dev:  # the app's own module runs Flask's server: the command line never imports the app
        command = ["dashboard.app.wsgi", host, str(port)]
    else:
        command = ["gunicorn", "--no-control-socket", "-w", str(max(1, workers))]
        # the app and the store are loaded once, before the workers are forked: they share its
        # pages until a new version is published (dashboard/app/wsgi.py)
        command += ["--preload"]
        # uvicorn workers: slow clients hold no thread (see dashboard/app/asgi.py)
        command += ["-k", "dashboard.app.asgi.Worker", "-b", f"{host}:{port}"]
        command += ["dashboard.app.asgi:app"]
        settings.for_server_processes()  # read by the C library as gunicorn starts
    os.execvp(sys.executable, [sys.executable, "-m", *command])
