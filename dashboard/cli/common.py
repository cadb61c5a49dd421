"""What every `ocse` command shares: the app, tables, the store, who acts, refusals."""

from __future__ import annotations

import getpass

import pandas as pd
import typer

from dashboard import settings
from dashboard.ingest.problems import errors, problem_count, problem_report
from dashboard.pipeline.build import BuildResult
from dashboard.store import store_path
from dashboard.store.files import WriteFailed, why
from dashboard.store.read import StoreError, load_store

app = typer.Typer(
    help="Published OCSE and trafficking statistics: build the store, check it, serve it.",
    epilog=settings.help_text(),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def print_table(frame: pd.DataFrame) -> None:
    with pd.option_context(
        "display.max_rows",
        None,
        "display.max_columns",
        None,
        "display.width",
        200,
        "display.max_colwidth",
        60,
    ):
        typer.echo(frame.to_string(index=False) if len(frame) else "(nothing)")


def report(result: BuildResult, verb: str) -> None:
    failed = errors(result.problems)
    if failed:
        count = problem_count(failed)
        typer.echo(f"{verb} refused: {count:,} problem(s); nothing was written.", err=True)
        typer.echo(problem_report(failed), err=True)
        raise typer.Exit(1)


def open_store():
    try:
        return load_store(store_path())
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def operator() -> str:
    """Who a command-line change is recorded as."""
    return f"{getpass.getuser()} (command line)"


WAIT = 600.0  # seconds a command waits for another change to finish


def done(make, verb: str):
    """Make a change (a function of no arguments) and return its outcome; exit 1 with its
    problems, when another change holds the store for too long, or when a file cannot be
    written (a full disk): then the version served is the one served before."""
    from dashboard.store.lock import Busy

    try:
        outcome = make()
    except Busy as exc:
        typer.echo(f"{verb} refused: {exc}", err=True)
        raise typer.Exit(1) from None
    except (WriteFailed, OSError) as exc:
        reason = exc.message if isinstance(exc, WriteFailed) else f"cannot write: {why(exc)}"
        typer.echo(f"{verb} failed: {reason}; the store still serves what it served", err=True)
        raise typer.Exit(1) from None
    report(outcome, verb)
    return outcome
