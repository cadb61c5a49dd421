"""`ocse ingest FILE` and `ocse validate FILE`: one published file checked, or published
through the same path as the Publish page (`publications.publish`)."""

from __future__ import annotations

from pathlib import Path

import yaml

from dashboard.ingest.metadata import SourceMeta, load_source_meta
from dashboard.ingest.normalise import normalise
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.readers import guess_layout, read
from dashboard.ingest.reference import load_reference
from dashboard.models import Source
from dashboard.pipeline.changes import Outcome
from dashboard.pipeline.publications import Submission, publish, submission


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
    publication (an NCMEC PDF) can be published."""
    if not file.is_file():
        message = "a directory, not a file" if file.is_dir() else "file not found"
        return Outcome("publish", [Problem(str(file), None, "", Reason.UNREADABLE, message)])
    data = file.read_bytes()
    if source_meta is None:
        return publish(data_dir, store, submission(data, None, file.name), who, wait=wait)
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
