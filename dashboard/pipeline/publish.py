"""`ocse ingest FILE`: add one published file to the store, whole or not at all.

Re-ingesting a file replaces that source's rows, so doing it twice gives the same store.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.ingest.catalogue import Catalogue, resolve_repeats
from dashboard.ingest.metadata import SourceMeta, TableLayout, load_source_meta
from dashboard.ingest.normalise import OBSERVATION_COLUMNS, normalise
from dashboard.ingest.problems import Problem, Reason, errors
from dashboard.ingest.raw import RawTable
from dashboard.ingest.readers import guess_layout, layout_mismatch, read
from dashboard.ingest.reference import load_reference
from dashboard.ingest.uploads import Kind, check_size, check_upload
from dashboard.models import Indicator, Source
from dashboard.pipeline.build import BuildResult
from dashboard.pipeline.checks import sanity_checks
from dashboard.pipeline.tables import catalogue_tables
from dashboard.store.read import load_store
from dashboard.store.write import write_store


def _layout_for(file: Path, meta: SourceMeta | None, kind: Kind) -> TableLayout | None:
    if meta is not None and meta.tables:
        named = [t for t in meta.tables if t.file == file.name]
        return (named or meta.tables)[:1][0].model_copy(update={"file": file.name})
    return guess_layout(file, kind)


def _no_layout(file: Path, kind: Kind, remedy: str) -> Problem:
    what = "an Excel workbook" if kind is Kind.XLSX else "a CSV"
    message = (
        f"{what} needs a source.yaml to say its layout (only WDI and OWID downloads and NCMEC "
        f"PDFs announce theirs; see data/README.md): {remedy}"
    )
    return Problem(str(file), None, "", Reason.NO_METADATA, message)


def read_checked(
    file: Path, meta: SourceMeta | None, remedy: str, follow_links: bool = False
) -> tuple[RawTable | None, list[Problem]]:
    """A file checked before reading (`check_upload`: a regular file, under the upload limit, a
    PDF, workbook or text by its content), then read by the layout `meta` declares or, without
    one, the layout the content announces. None with the problems when it cannot be read."""
    checked = check_upload(file, follow_links=follow_links)
    if checked.kind is None or checked.problems:
        return None, checked.problems
    layout = _layout_for(file, meta, checked.kind)
    if layout is None:
        return None, [_no_layout(file, checked.kind, remedy)]
    mismatch = layout_mismatch(file, layout, checked.kind)
    if mismatch is not None:
        return None, [mismatch]
    return read(file, layout), []


PLACEHOLDER = Source(
    id="unnamed-file",
    publisher="(not given)",
    title="(not given)",
    url="github:unknown/unknown",
    licence="(not given)",
    reliability="primary",
)


def _present(value: object) -> bool:
    return isinstance(value, list) or bool(pd.notna(value))


def _existing(store: Path, data_dir: Path) -> tuple[Catalogue, list[Problem]]:
    """The store's catalogue (or an empty one), read against data/'s reference facts."""
    reference, problems = load_reference(data_dir)
    indicators = reference.indicators
    catalogue = Catalogue(reference)
    if store.exists():
        data = load_store(store)
        catalogue.sources = {
            r["id"]: Source(**{k: v for k, v in r.items() if k != "citation" and _present(v)})
            for r in data.sources.to_dict("records")
        }
        stored = {
            r["id"]: Indicator(**{k: v for k, v in r.items() if k != "counts"})  # derived
            for r in data.indicators.to_dict("records")
        }
        reference.indicators = {**stored, **indicators}
        catalogue.observations = data.observations
    return catalogue, problems


def ingest_file(
    file: Path, store: Path, data_dir: Path, source_meta: Path | None = None
) -> BuildResult:
    meta, problems = (None, [])
    if source_meta is not None:
        meta, problems = load_source_meta(source_meta)
    catalogue, found = _existing(store, data_dir)
    problems += found
    raw, found = read_checked(file, meta, "give --source-meta source.yaml")
    problems += found
    if raw is None:
        return BuildResult({}, problems)
    source = meta.source() if meta is not None else raw.source
    if source is None:
        # the content is still checked, as `ocse validate FILE` checks it
        problems += normalise(raw, PLACEHOLDER, catalogue.reference)[1]
        if raw.frame.empty and errors(raw.problems):
            return BuildResult({}, problems)  # not read at all: the reader said why
        problems.append(
            Problem(
                str(file),
                None,
                "",
                Reason.UNKNOWN_SOURCE,
                "this format does not name its publication: give --source-meta source.yaml",
            )
        )
        return BuildResult({}, problems)
    observations, found = normalise(raw, source, catalogue.reference)
    problems += found
    if not errors(problems) and observations.empty:
        problems.append(Problem(str(file), None, "", Reason.EMPTY_FILE, "no rows were read"))
    if errors(problems):
        return BuildResult({}, problems)
    kept = catalogue.observations
    kept = kept[kept["source_id"] != source.id][OBSERVATION_COLUMNS]
    catalogue.sources[source.id] = source
    combined = pd.concat([kept, observations], ignore_index=True)
    catalogue.observations, notices = resolve_repeats(combined, catalogue.sources)
    catalogue.problems = problems + notices
    country_meta = pd.read_csv(
        data_dir / "context" / "country_meta.csv", keep_default_na=False, na_values=[""]
    )
    tables = catalogue_tables(catalogue, country_meta)
    checks = {source.id: list(meta.checks)} if meta is not None and meta.checks else {}
    problems = catalogue.problems + sanity_checks(tables, checks)
    result = BuildResult(tables, problems)
    if result.ok:
        result.content_hash = write_store(tables, store)
    return result


def check_files(files: list[Path], data_dir: Path) -> list[Problem]:
    """`ocse validate FILE...`: a source.yaml is checked with its tables; a data file alone."""
    reference, problems = load_reference(data_dir)
    for file in files:
        if file.suffix in {".yaml", ".yml"} and file.is_file() and not file.is_symlink():
            found = check_size(file)
            if found:
                problems += found
                continue
            meta, found = load_source_meta(file)
            problems += found
            if meta is None:
                continue
            for layout in meta.tables:
                table = file.parent / layout.file
                only = meta.model_copy(update={"tables": [layout]})
                raw, found = read_checked(table, only, "", follow_links=True)
                problems += found
                if raw is not None:
                    problems += normalise(raw, meta.source(), reference)[1]
            continue
        raw, found = read_checked(file, None, "validate the source.yaml that declares it")
        problems += found
        if raw is not None:
            problems += normalise(raw, raw.source or PLACEHOLDER, reference)[1]
    return problems
