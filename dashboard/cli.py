"""`ocse`: build, check, ingest, export and serve. Scripts rely on these command names."""

from __future__ import annotations

import getpass
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from dashboard import settings
from dashboard.ingest.problems import Severity, errors, format_problems
from dashboard.pipeline.build import BuildResult, build_store, check_data
from dashboard.store import data_dir, store_path
from dashboard.store.read import StoreError, load_store
from dashboard.store.versions import is_folder_store

app = typer.Typer(
    help="Published OCSE and trafficking statistics: build the store, check it, serve it.",
    epilog=settings.help_text(),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _print_table(frame: pd.DataFrame) -> None:
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


def _report(result: BuildResult, verb: str) -> None:
    failed = errors(result.problems)
    if failed:
        typer.echo(f"{verb} refused: {len(failed)} problem(s); nothing was written.", err=True)
        typer.echo(format_problems(failed), err=True)
        raise typer.Exit(1)


def _store():
    try:
        return load_store(store_path())
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


def _operator() -> str:
    """Who a command-line change is recorded as."""
    return f"{getpass.getuser()} (command line)"


WAIT = 600.0  # seconds a command waits for another change to finish


@app.command()
def build() -> None:
    """Build a new store version from data/ and serve it (earlier versions stay)."""
    target = store_path()
    if is_folder_store(target):
        from dashboard.pipeline.operations import rebuild

        result = _done(lambda: rebuild(data_dir(), target, _operator(), WAIT), "build")
    else:
        result = build_store(data_dir(), target)
        _report(result, "build")
    t = result.tables
    observations = t["observations"]
    typer.echo(
        f"built {target}: {len(t['sources'])} sources, {len(t['indicators'])} indicators, "
        f"{len(observations)} observations ({int(observations['preferred'].sum())} preferred), "
        f"{observations['entity'].nunique()} entities, {len(t['notices'])} notices"
    )
    typer.echo(f"content hash {result.content_hash}")


def _done(make, verb: str):
    """Make a change (a function of no arguments) and return its outcome; exit 1 with its
    problems, or when another change holds the store for too long."""
    from dashboard.store.lock import Busy

    try:
        outcome = make()
    except Busy as exc:
        typer.echo(f"{verb} refused: {exc}", err=True)
        raise typer.Exit(1) from None
    _report(outcome, verb)
    return outcome


@app.command()
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="files to check instead of data/")
    ] = None,
    notices: Annotated[bool, typer.Option(help="also list repeats and conflicts resolved")] = True,
    explain: Annotated[
        str | None, typer.Option(metavar="CODE", help="say what a problem code means, and exit")
    ] = None,
) -> None:
    """Check data/ (or the given files) without writing; exit 1 with the table of problems."""
    if explain is not None:
        _explain(explain)
        return
    if files:
        from dashboard.pipeline.publish import check_files

        problems = check_files(files, data_dir())
    else:
        problems = check_data(data_dir()).problems
    failed = errors(problems)
    resolved = [p for p in problems if p.severity is Severity.NOTICE]
    if notices and resolved:
        typer.echo(
            f"{len(resolved)} notice(s): repeats, conflicts and skipped cells, resolved "
            "by the stated rules:"
        )
        typer.echo(format_problems(resolved))
    if failed:
        typer.echo(f"{len(failed)} problem(s):", err=True)
        typer.echo(format_problems(failed), err=True)
        raise typer.Exit(1)
    typer.echo("valid: no problems")


def _explain(code: str) -> None:
    """`validate --explain CODE`: the title and description of a reason code."""
    from dashboard.ingest.problems import Reason, explain

    text = explain(code)
    if text is None:
        known = ", ".join(reason.value for reason in Reason)
        typer.echo(f"error: no problem code {code!r}; known codes: {known}", err=True)
        raise typer.Exit(2)
    typer.echo(text)


@app.command()
def ingest(
    file: Path,
    source_meta: Annotated[Path | None, typer.Option(help="a source.yaml for the file")] = None,
) -> None:
    """Publish one file (NCMEC PDF, CSV, XLSX, WDI or OWID CSV): it becomes a folder under
    data/sources/ and a new store version is served, whole or not at all."""
    from dashboard.pipeline.publish import ingest_file

    outcome = _done(
        lambda: ingest_file(file, store_path(), data_dir(), source_meta, _operator(), WAIT),
        "ingest",
    )
    added = (outcome.record or {}).get("rows_added", 0)
    typer.echo(f"published {file} as {(outcome.record or {}).get('source')}: {added} rows added")
    typer.echo(f"content hash {outcome.content_hash}")


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"


@app.command()
def export(
    indicator: Annotated[str | None, typer.Option(help="indicator id")] = None,
    entity: Annotated[str | None, typer.Option(help="ISO3 or region code")] = None,
    year: Annotated[int | None, typer.Option()] = None,
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.csv,
    out: Annotated[
        Path | None, typer.Option(help="file to write; default: standard output")
    ] = None,
) -> None:
    """Tidy rows with their source, URL and flags."""
    from dashboard.exports.tidy import tidy_rows

    rows = tidy_rows(_store(), indicator=indicator, entity=entity, year=year)
    if format is ExportFormat.parquet:
        if out is None:
            typer.echo("error: --format parquet needs --out", err=True)
            raise typer.Exit(2)
        rows.to_parquet(out, index=False)
    elif format is ExportFormat.xlsx:  # "Data" and "Citation" sheets (dashboard/exports/xlsx.py)
        from dashboard.exports.xlsx import export_citation_lines, xlsx_with_citation

        if out is None:
            typer.echo("error: --format xlsx needs --out", err=True)
            raise typer.Exit(2)
        filters = {"indicator": indicator, "entity": entity, "year": year}
        out.write_bytes(xlsx_with_citation(rows, export_citation_lines(_store(), rows, filters)))
    elif out is None:
        rows.to_csv(sys.stdout, index=False)
    else:
        rows.to_csv(out, index=False)
    if out is not None:
        typer.echo(f"wrote {len(rows)} rows to {out}")


# --- briefs: dashboard/exports/brief*.py ------------------------------------------------
class BriefFormat(StrEnum):
    docx = "docx"
    html = "html"
    pdf = "pdf"


def _brief_help() -> str:
    from dashboard.exports.brief import THEMES

    themes = "\n\n".join(f"  {slug}: {text}" for slug, text in THEMES.items())
    return (
        "A country or thematic brief: key figures, charts, sentences, caveats, data gaps and "
        "numbered citations, stamped with the date and the store's content hash.\n\n"
        f"SUBJECT is an ISO3 country code (e.g. PHL) or a theme:\n\n{themes}"
    )


@app.command(help=_brief_help())
def brief(
    subject: Annotated[str, typer.Argument(help="ISO3 country code or theme")],
    format: Annotated[BriefFormat, typer.Option("--format")] = BriefFormat.docx,
    out: Annotated[
        Path | None, typer.Option(help="file to write; default: ocse-brief-<subject>-<date>.<ext>")
    ] = None,
) -> None:
    import time

    from dashboard.exports.brief import BriefError, build_brief, render
    from dashboard.exports.images import ImageError, stop

    started = time.perf_counter()
    store = _store()
    try:
        made = build_brief(store, subject)
        data = render(made, format.value)
    except BriefError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except ImageError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        stop()
    target = out or Path(made.filename(format.value))
    target.write_bytes(data)
    typer.echo(
        f"wrote {target}: {len(made.figures())} charts, {len(made.citations)} sources, "
        f"store {made.content_hash[:12]}, {time.perf_counter() - started:.1f} s"
    )


# --- end of briefs ----------------------------------------------------------------------


@app.command()
def sources() -> None:
    """The publications in the store."""
    store = _store()
    _print_table(store.sources[["id", "publisher", "title", "reliability", "url"]])


@app.command()
def indicators() -> None:
    """The indicators in the store, with unit and theme."""
    store = _store()
    _print_table(store.indicators[["id", "name", "unit", "theme", "measures"]])


@app.command()
def coverage(indicator: Annotated[str | None, typer.Option(help="indicator id")] = None) -> None:
    """Entities and years covered, per source and indicator (or per year for one indicator)."""
    from dashboard.analysis.coverage import coverage_by_indicator, coverage_by_year

    store = _store()
    if indicator:
        _print_table(coverage_by_year(store.observations, indicator))
    else:
        _print_table(coverage_by_indicator(store.observations, store.indicators))


versions_app = typer.Typer(
    help="The store's versions, newest first (* marks the one served); `prune` removes old ones.",
    invoke_without_command=True,
    rich_markup_mode=None,
)
app.add_typer(versions_app, name="versions")


@versions_app.callback()
def versions(context: typer.Context) -> None:
    if context.invoked_subcommand is not None:
        return
    from dashboard.store import audit
    from dashboard.store.versions import versions as listed

    made_by = {r.get("to"): r for r in audit.history(store_path()) if r.get("to")}
    for version in listed(store_path()):
        record = made_by.get(version.content_hash, {})
        how = f"{record.get('action', '')} by {record.get('who', '?')}" if record else ""
        mark = "*" if version.current else " "
        typer.echo(f"{mark} {version.content_hash[:12]}  {version.built_at}  {how}".rstrip())


@versions_app.command()
def prune(keep: Annotated[int, typer.Option(help="versions to keep, newest first")] = 5) -> None:
    """Remove all but the newest versions (never the one served)."""
    from dashboard.store.versions import prune as pruned

    removed = pruned(store_path(), keep)
    typer.echo(f"removed {len(removed)} version(s)" + "".join(f"\n  {h[:12]}" for h in removed))


@app.command()
def rollback(
    version: Annotated[str, typer.Argument(help="a version's hash, or its start")],
) -> None:
    """Serve an earlier version again, with data/ put back as it was (recorded)."""
    from dashboard.pipeline.operations import rollback as roll_back
    from dashboard.store.versions import NoVersion

    try:
        outcome = _done(
            lambda: roll_back(data_dir(), store_path(), version, _operator(), WAIT), "rollback"
        )
    except NoVersion as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"now serving {outcome.content_hash}")


@app.command()
def withdraw(
    source: Annotated[str, typer.Argument(help="the publication's id")],
    reason: Annotated[str, typer.Option(help="why: readers see it")],
) -> None:
    """Withdraw a publication: its figures leave the store; it stays listed with the reason."""
    from dashboard.pipeline.operations import withdraw as withdrawn

    outcome = _done(
        lambda: withdrawn(data_dir(), store_path(), source, reason, _operator(), WAIT), "withdraw"
    )
    typer.echo(f"withdrew {source}; now serving {outcome.content_hash}")


@app.command()
def doubt(
    source: Annotated[str, typer.Argument(help="the publication's id")],
    indicator: str,
    entity: str,
    period: str,
    reason: Annotated[str, typer.Option(help="why: readers see it")],
    category: Annotated[str, typer.Option(help="a breakdown such as a platform")] = "",
) -> None:
    """Mark one published figure doubtful: it keeps its value and shows the reason."""
    from dashboard.pipeline.operations import doubt as doubted

    figure = {"source": source, "indicator": indicator, "entity": entity, "period": period}
    figure["category"] = category
    outcome = _done(
        lambda: doubted(data_dir(), store_path(), figure, reason, _operator(), WAIT), "doubt"
    )
    typer.echo(f"marked doubtful; now serving {outcome.content_hash}")


@app.command()
def serve(
    port: Annotated[int, typer.Option()] = 8050,
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    workers: Annotated[int, typer.Option(help="0: development server; N: gunicorn")] = 0,
) -> None:
    """Serve the dashboard on http://HOST:PORT."""
    _store()
    if workers:
        import os

        os.execvp(
            sys.executable,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--no-control-socket",
                "-w",
                str(workers),
                "-k",
                "gthread",  # threads: a page's parallel requests do not queue behind each other
                "--threads",
                "4",
                "-b",
                f"{host}:{port}",
                "dashboard.app.wsgi:server",
            ],
        )
    from dashboard.app import create_app

    create_app().run(host=host, port=port, debug=False)


if __name__ == "__main__":
    app()
