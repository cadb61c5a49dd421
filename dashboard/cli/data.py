"""Commands on data/ and the store: build, validate, ingest, export, brief, sources,
indicators, coverage."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dashboard.cli.common import WAIT, app, done, open_store, operator, print_table
from dashboard.ingest.problems import Severity, errors, problem_count, problem_report
from dashboard.language import LANGUAGES, speaking
from dashboard.pipeline.build import build_store, check_data
from dashboard.store import data_dir, store_path
from dashboard.store.localised import in_language
from dashboard.store.versions import is_folder_store

# The languages a brief and an export's citation can be written in.
Language = StrEnum("Language", {code: code for code in LANGUAGES})


LANG_HELP = "language of the text written for readers"


def localised_store(lang: Language):
    """The served store as a reader of `lang` sees it (the one place the CLI localises it)."""
    return in_language(open_store(), lang.value)


@app.command()
def build() -> None:
    """Build a new store version from data/ and serve it (earlier versions stay)."""
    target = store_path()
    if is_folder_store(target):
        from dashboard.pipeline.operations import rebuild

        result = done(lambda: rebuild(data_dir(), target, operator(), WAIT), "build")
    else:
        result = done(lambda: build_store(data_dir(), target), "build")
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
    """Publish one file (NCMEC PDF, CSV, XLSX, WDI or OWID CSV): it becomes a folder under
    data/sources/ and a new store version is served, whole or not at all."""
    from dashboard.pipeline.publish import ingest_file

    outcome = done(
        lambda: ingest_file(file, store_path(), data_dir(), source_meta, operator(), WAIT),
        "ingest",
    )
    added = (outcome.record or {}).get("rows_added", 0)
    typer.echo(f"published {file} as {(outcome.record or {}).get('source')}: {added} rows added")
    typer.echo(f"content hash {outcome.content_hash}")


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    xlsx = "xlsx"
    datapackage = "datapackage"


@app.command()
def export(
    indicator: Annotated[str | None, typer.Option(help="indicator id")] = None,
    entity: Annotated[str | None, typer.Option(help="ISO3 or region code")] = None,
    year: Annotated[int | None, typer.Option()] = None,
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.csv,
    out: Annotated[
        Path | None, typer.Option(help="file to write; default: standard output")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help=LANG_HELP)] = Language.en,
) -> None:
    """Tidy rows with their source, URL and flags. `--format datapackage --out DIR` writes a
    Frictionless Data Package: datapackage.json (Table Schema, sources, licences, flags) with
    observations.csv and sources.csv. A file is written whole or not at all; text that a
    spreadsheet would run as a formula starts with an apostrophe."""
    from dashboard.store.files import WriteFailed, check_target

    if out is None and format is not ExportFormat.csv:
        typer.echo(f"error: --format {format.value} needs --out", err=True)
        raise typer.Exit(2)
    store = localised_store(lang)
    filters = {"indicator": indicator, "entity": entity, "year": year}
    _check_filters(store, indicator, entity)
    try:
        if out is not None and format is not ExportFormat.datapackage:
            check_target(out)  # before any work
        with speaking(lang.value):  # the XLSX citation sheet follows --lang
            count = _write_export(store, filters, format, out)
    except WriteFailed as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(1) from None
    if count == 0:
        typer.echo("note: no rows match these filters", err=True)
    if out is not None:
        typer.echo(f"wrote {count} rows to {out}")


def _check_filters(store, indicator: str | None, entity: str | None) -> None:
    """An indicator or entity the store does not have is an error, not an empty export."""
    if indicator and indicator not in set(store.indicators["id"]):
        typer.echo(f"error: no indicator {indicator!r}; `ocse indicators` lists them", err=True)
        raise typer.Exit(2)
    if entity and entity.upper() not in set(store.entities["code"]):
        typer.echo(f"error: no entity {entity!r}; give an ISO3 or region code", err=True)
        raise typer.Exit(2)


def _write_export(store, filters: dict, format: ExportFormat, out: Path | None) -> int:
    from dashboard.exports.csv import neutralise_formulas
    from dashboard.exports.tidy import tidy_rows
    from dashboard.store.files import written_whole

    if format is ExportFormat.datapackage:
        from dashboard.exports.datapackage import write_datapackage

        return write_datapackage(store, out, store.content_hash, **filters)
    rows = tidy_rows(store, **filters)
    if format is ExportFormat.xlsx:  # "Data" and "Citation" sheets (dashboard/exports/xlsx.py)
        from dashboard.exports.xlsx import export_citation_lines, xlsx_with_citation

        citation = export_citation_lines(store, rows, filters)
        with written_whole(out) as (temporary,):  # openpyxl writes temporary files too
            temporary.write_bytes(xlsx_with_citation(rows, citation))
    elif format is ExportFormat.parquet:
        with written_whole(out) as (temporary,):
            rows.to_parquet(temporary, index=False)
    elif out is None:
        neutralise_formulas(rows).to_csv(sys.stdout, index=False)
    else:
        with written_whole(out) as (temporary,):
            neutralise_formulas(rows).to_csv(temporary, index=False)
    return len(rows)


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
    lang: Annotated[Language, typer.Option("--lang", help=LANG_HELP)] = Language.en,
) -> None:
    import time

    from dashboard.exports.brief import BriefError, build_brief, render
    from dashboard.exports.images import ImageError, stop
    from dashboard.store.files import WriteFailed, check_target, write_bytes

    started = time.perf_counter()
    store = localised_store(lang)
    if out is not None:
        try:
            check_target(out)  # before the slow part
        except WriteFailed as exc:
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(1) from None
    try:
        with speaking(lang.value):
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
    try:
        write_bytes(target, data)
    except WriteFailed as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(1) from None
    typer.echo(
        f"wrote {target}: {len(made.figures())} charts, {len(made.citations)} sources, "
        f"store {made.content_hash[:12]}, {time.perf_counter() - started:.1f} s"
    )


@app.command()
def sources() -> None:
    """The publications in the store."""
    store = open_store()
    print_table(store.sources[["id", "publisher", "title", "reliability", "url"]])


@app.command()
def indicators() -> None:
    """The indicators in the store, with unit and theme."""
    store = open_store()
    print_table(store.indicators[["id", "name", "unit", "theme", "measures"]])


@app.command()
def coverage(indicator: Annotated[str | None, typer.Option(help="indicator id")] = None) -> None:
    """Entities and years covered, per source and indicator (or per year for one indicator)."""
    from dashboard.analysis.coverage import coverage_by_indicator, coverage_by_year

    store = open_store()
    if indicator:
        print_table(coverage_by_year(store.observations, indicator))
    else:
        print_table(coverage_by_indicator(store.observations, store.indicators))
