"""`ocse build` and `ocse ingest`: load, check, write; the store changes only if all is well."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from dashboard.ingest.catalogue import Catalogue, load_catalogue
from dashboard.ingest.problems import Problem, errors
from dashboard.pipeline.checks import sanity_checks
from dashboard.pipeline.label_checks import label_checks
from dashboard.pipeline.tables import catalogue_tables
from dashboard.store.write import write_store


def memo_folder(store: Path) -> Path:
    """Where a store remembers the sources it was built from (see ingest/source_memo.py)."""
    return store / "sources-read"


@dataclass
class BuildResult:
    tables: dict[str, pd.DataFrame]
    problems: list[Problem]
    content_hash: str | None = None

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def relative_files(catalogue: Catalogue, data_dir: Path) -> None:
    """Store file paths relative to data/, so two clones (or a store named by a relative path,
    whose changes are built in a copy of data/ inside it) build the same content."""
    root = str(data_dir.resolve()) + "/"

    def relative(file: str) -> str:
        resolved = str(Path(file).resolve())
        return resolved.removeprefix(root) if resolved.startswith(root) else file

    files = catalogue.observations["file"]
    catalogue.observations["file"] = files.map({f: relative(f) for f in files.unique()})
    catalogue.problems = [replace(p, file=relative(p.file)) for p in catalogue.problems]


def check_data(data_dir: Path, memo: Path | None = None) -> BuildResult:
    """Everything `build` does except writing: what `ocse validate` runs. `memo`: a folder where
    sources read before are remembered (the store's), so only changed ones are read again."""
    catalogue = load_catalogue(data_dir, memo)
    relative_files(catalogue, data_dir)
    country_meta = pd.read_csv(
        data_dir / "context" / "country_meta.csv", keep_default_na=False, na_values=[""]
    )
    tables = catalogue_tables(catalogue, country_meta)
    problems = catalogue.problems
    if not errors(problems):
        problems = problems + sanity_checks(tables, catalogue.checks)
        problems += label_checks(tables, data_dir)
    return BuildResult(tables, problems)


def build_store(data_dir: Path, store: Path) -> BuildResult:
    result = check_data(data_dir, memo_folder(store) if store.is_dir() else None)
    if result.ok:
        result.content_hash = write_store(result.tables, store)
    return result
