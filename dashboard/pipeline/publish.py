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
from dashboard.ingest.readers import guess_layout, read
from dashboard.ingest.reference import load_reference
from dashboard.models import Indicator, Source
from dashboard.pipeline.build import BuildResult
from dashboard.pipeline.checks import sanity_checks
from dashboard.pipeline.tables import catalogue_tables
from dashboard.store.read import load_store
from dashboard.store.write import write_store


def _layout_for(file: Path, meta: SourceMeta | None) -> TableLayout | None:
    if meta is not None and meta.tables:
        named = [t for t in meta.tables if t.file == file.name]
        return (named or meta.tables)[:1][0].model_copy(update={"file": file.name})
    return guess_layout(file)


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
    layout = _layout_for(file, meta)
    if layout is None:
        problems.append(
            Problem(
                str(file),
                None,
                "",
                Reason.BAD_METADATA,
                "cannot tell this file's layout: give --source-meta with a source.yaml that "
                "declares it (see data/README.md)",
            )
        )
        return BuildResult({}, problems)
    raw = read(file, layout)
    source = meta.source() if meta is not None else raw.source
    if source is None:
        problems += raw.problems + [
            Problem(
                str(file),
                None,
                "",
                Reason.UNKNOWN_SOURCE,
                "this format does not name its publication: give --source-meta source.yaml",
            )
        ]
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


PLACEHOLDER = Source(
    id="unnamed-file",
    publisher="(not given)",
    title="(not given)",
    url="github:unknown/unknown",
    licence="(not given)",
    reliability="primary",
)


def check_files(files: list[Path], data_dir: Path) -> list[Problem]:
    """`ocse validate FILE...`: a source.yaml is checked with its tables; a data file alone."""
    reference, problems = load_reference(data_dir)
    for file in files:
        if file.suffix in {".yaml", ".yml"}:
            meta, found = load_source_meta(file)
            problems += found
            if meta is None:
                continue
            for layout in meta.tables:
                raw = read(file.parent / layout.file, layout)
                problems += normalise(raw, meta.source(), reference)[1]
            continue
        layout = guess_layout(file)
        if layout is None:
            problems.append(
                Problem(
                    str(file),
                    None,
                    "",
                    Reason.BAD_METADATA,
                    "unknown layout: validate its source.yaml instead",
                )
            )
            continue
        raw = read(file, layout)
        problems += normalise(raw, raw.source or PLACEHOLDER, reference)[1]
    return problems
