"""`ocse serve`: the development server, or gunicorn with N workers."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

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
    if not dev:
        import os

        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--no-control-socket",
                "-w",
                str(max(1, workers)),
                "-k",
                "dashboard.app.asgi.Worker",  # slow clients hold no thread (see the module)
                "-b",
                f"{host}:{port}",
                "dashboard.app.asgi:app",
            ],
        )
    from dashboard.app import create_app

    create_app().run(host=host, port=port, debug=False)
