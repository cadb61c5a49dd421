"""`ocse ingest FILE` and `ocse validate FILE`: one published file checked, or published
through the same path as the Publish page (`publications.publish`)."""

from __future__ import annotations

from pathlib import Path

import yaml

from dashboard.ingest.metadata import SourceMeta, TableLayout, load_source_meta
from dashboard.ingest.normalise import normalise
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.raw import RawTable
from dashboard.ingest.readers import guess_layout, layout_mismatch, read
from dashboard.ingest.reference import load_reference
from dashboard.ingest.uploads import Kind, check_size, check_upload
from dashboard.models import Source
from dashboard.pipeline.changes import Outcome
from dashboard.pipeline.publications import Submission, publish, submission

PLACEHOLDER = Source(
    id="unnamed-file",
    publisher="(not given)",
    title="(not given)",
    url="github:unknown/unknown",
    licence="(not given)",
    reliability="primary",
)


def ingest_file(
    file: Path,
    store: Path,
    data_dir: Path,
    source_meta: Path | None = None,
    who: str = "command line",
    wait: float = 0.0,
) -> Outcome:
    """`ocse ingest FILE`: the file becomes a publication in data/sources/ and is served; the
    same path as the Publish page. Without `source_meta` only a file that names its own
    publication (an NCMEC PDF, a WDI or OWID download) can be published."""
    checked = check_upload(file)
    if not checked.ok:
        return Outcome("publish", checked.problems)
    data = file.read_bytes()
    if source_meta is None:
        if guess_layout(file, checked.kind) is None:
            remedy = "give --source-meta source.yaml"
            return Outcome("publish", [no_layout(file, checked.kind, remedy)])
        offered = submission(data, None, file.name)
        if any(p.reason is Reason.UNKNOWN_SOURCE for p in offered.problems):
            # what `ocse validate FILE` says of its content, then what publishing needs besides
            return Outcome("publish", check_files([file], data_dir) + offered.problems)
        return publish(data_dir, store, offered, who, wait=wait)
    meta, problems = load_source_meta(source_meta)
    if meta is None:
        return Outcome("publish", problems)
    return publish(data_dir, store, described(data, meta), who, wait=wait)


def described(data: bytes, meta: SourceMeta) -> Submission:
    """A file with a source.yaml already written for it: stored under the name its first table
    gives (a plain name only)."""
    layout = meta.tables[0] if meta.tables else None
    name = Path(layout.file).name if layout is not None else ""
    if not name or name in {".", "..", "source.yaml"}:
        problem = Problem("source.yaml", None, "tables", Reason.BAD_METADATA, "name the table file")
        return Submission(meta.id, {}, [problem])
    meta = meta.model_copy(update={"tables": [layout.model_copy(update={"file": name})]})
    text = yaml.safe_dump(meta.model_dump(mode="json", exclude_defaults=True), sort_keys=False)
    return Submission(meta.id, {name: data, "source.yaml": text.encode("utf-8")}, [])


def no_layout(file: Path, kind: Kind, remedy: str) -> Problem:
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
        return None, [no_layout(file, checked.kind, remedy)]
    mismatch = layout_mismatch(file, layout, checked.kind)
    if mismatch is not None:
        return None, [mismatch]
    return read(file, layout), []


def _layout_for(file: Path, meta: SourceMeta | None, kind: Kind) -> TableLayout | None:
    if meta is not None and meta.tables:
        named = [t for t in meta.tables if t.file == file.name]
        return (named or meta.tables)[:1][0].model_copy(update={"file": file.name})
    return guess_layout(file, kind)


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
