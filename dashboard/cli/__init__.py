"""`ocse`: build, check, ingest, export, publish and serve. Scripts rely on these command names.
Each module adds its commands to the one Typer app."""

from dashboard.cli import data, changes, users, serve  # noqa: F401, I001  (register commands, in help order)
from dashboard.cli.common import app

__all__ = ["app"]
