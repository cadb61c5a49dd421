"""`ocse`: build, check, ingest, export and serve. Scripts rely on these command names."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from dashboard import settings
from dashboard.ingest.problems import Severity, errors, problem_count, problem_report
from dashboard.pipeline.build import BuildResult, build_store, check_data
from dashboard.store import data_dir, store_path
from dashboard.store.read import StoreError, load_store

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
        count = problem_count(failed)
        typer.echo(f"{verb} refused: {count:,} problem(s); nothing was written.", err=True)
        typer.echo(problem_report(failed), err=True)
        raise typer.Exit(1)


def _store():
    try:
        return load_store(store_path())
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@app.command()
def build() -> None:
    """Build the store from data/ (atomically) and print counts and the content hash."""
    target = store_path()
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
            f"{problem_count(resolved):,} notice(s): repeats, conflicts and skipped cells, "
            "resolved by the stated rules:"
        )
        typer.echo(problem_report(resolved))
    if failed:
        typer.echo(f"{problem_count(failed):,} problem(s):", err=True)
        typer.echo(problem_report(failed), err=True)
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
    """Read one published file (PDF, CSV, XLSX) into the store at OCSE_STORE, whole or not."""
    from dashboard.pipeline.publish import ingest_file

    try:
        result = ingest_file(file, store_path(), data_dir(), source_meta)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    _report(result, "ingest")
    added = result.tables["observations"]
    typer.echo(f"ingested {file} into {store_path()}: store now holds {len(added)} observations")
    typer.echo(f"content hash {result.content_hash}")


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
