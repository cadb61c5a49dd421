"""A new publication: a file as published plus what it is (publisher, title, address, year,
terms, reliability, caveats) becomes a folder under data/sources/, previewed first and published
through the one path every change takes (`changes.change`).

The browser's Publish page, the API and `ocse ingest` all come here. The file keeps its bytes;
its name is never used: it is stored as `table.<ext>`, the extension chosen by its content.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd
import yaml
from pydantic import BaseModel, Field, ValidationError, field_validator

from dashboard.ingest.metadata import SourceMeta, TableLayout
from dashboard.ingest.ncmec_publication import INDICATORS, source_for
from dashboard.ingest.pdf_process import parse_limited
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.readers import guess_layout, read
from dashboard.ingest.uploads import Kind, check_upload
from dashboard.models import SLUG, Reliability
from dashboard.pipeline.changes import INCOMING, JOURNAL, Outcome, change
from dashboard.pipeline.manifest import SOURCES

# a long table's headers, as editors usually write them -> what the readers call them
HEADERS = {
    "entity_as_published": ("country", "country_as_published", "country or territory", "entity"),
    "period": ("year", "period"),
    "value": ("value", "count", "reports", "number"),
    "indicator": ("indicator",),
    "unit": ("unit",),
    "flags": ("flags", "qualifiers"),
    "note": ("note", "notes"),
    "source_url": ("source_url", "url"),
    "category": ("category",),
}
PRIORITY = {  # lower wins when two sources give the same figure (see data/README.md)
    Reliability.PRIMARY: 20,
    Reliability.OFFICIAL_STATEMENT: 20,
    Reliability.SECONDARY: 30,
    Reliability.THIRD_PARTY_TRANSCRIPTION: 30,
}
PUBLISHER_TABLES = 10  # a publisher's own PDF tables, read cell by cell and checked
LAYOUT_EXTENSIONS = {
    "ncmec_by_country_pdf": "pdf",
    "ncmec_by_esp_pdf": "pdf",
    "excel": "xlsx",
    "long": "csv",
    "wide": "csv",
    "wdi_csv": "csv",
    "owid_csv": "csv",
}


class About(BaseModel):
    """What an editor says about a publication (the Publish form, the API's fields)."""

    id: str = Field("", description="a lowercase slug; made from the title when empty")
    publisher: str
    title: str
    url: str
    year: int | None = Field(None, ge=1990, le=2100)
    licence: str
    reliability: Reliability
    caveats: list[str] = []
    indicator: str = ""  # for a CSV or workbook whose rows do not name it
    unit: str = ""
    period: str = ""

    @field_validator("caveats", mode="before")
    @classmethod
    def _lines(cls, value: object) -> object:
        if isinstance(value, str):
            return [line.strip() for line in value.splitlines() if line.strip()]
        return value


@dataclass
class Submission:
    """A publication ready to preview or publish: its folder's files, or why it cannot be."""

    source_id: str
    files: dict[str, bytes]
    problems: list[Problem]


def submission(data: bytes, about: About | None, original: str = "upload") -> Submission:
    """The folder a file would become: `table.<ext>` and a source.yaml. `about` may be None
    only for a file that names its own publication (an NCMEC PDF, a WDI or OWID download)."""
    with tempfile.TemporaryDirectory(prefix="ocse-submission-") as folder:
        scratch = Path(folder) / "upload"
        scratch.write_bytes(data)
        checked = check_upload(scratch)
        if not checked.ok:
            return Submission("", {}, [_renamed(p, original) for p in checked.problems])
        layout, meta, problems = _described(scratch, checked.kind, about, original)
    if meta is None:
        return Submission("", {}, problems)
    table = f"table.{LAYOUT_EXTENSIONS[layout.layout]}"
    meta = meta.model_copy(update={"tables": [layout.model_copy(update={"file": table})]})
    text = yaml.safe_dump(meta.model_dump(mode="json", exclude_defaults=True), sort_keys=False)
    return Submission(meta.id, {table: data, "source.yaml": text.encode("utf-8")}, problems)


def _renamed(problem: Problem, original: str) -> Problem:
    """A problem found in the scratch copy, told of the file as the editor named it."""
    message = problem.message.replace(str(problem.file), original)
    return replace(problem, file=original, message=message)


def _described(
    path: Path, kind: str, about: About | None, original: str
) -> tuple[TableLayout, SourceMeta | None, list[Problem]]:
    layout = guess_layout(path, kind) if kind is not Kind.XLSX else None
    layout = layout or TableLayout(file=path.name, layout="excel" if kind is Kind.XLSX else "long")
    defaults = {k: v for k, v in (about.model_dump() if about else {}).items() if v}
    constants = {k: str(defaults[k]) for k in ("indicator", "unit", "period") if k in defaults}
    layout = layout.model_copy(update={"defaults": constants})
    if layout.layout == "long":
        layout = layout.model_copy(update={"columns": columns_named(path)})
    checks, named = [], None
    if kind is Kind.PDF:
        table = parse_limited(path)
        if table.kind is None or table.year is None:
            return layout, None, [_problem(original, p.reason, p.message) for p in table.problems]
        named = source_for(table)
        layout = layout.model_copy(update={"layout": f"ncmec_by_{table.kind}_pdf"})
        if table.printed_total is not None:  # every build checks the rows add up to it
            checks = [{"indicator": INDICATORS[table.kind], "total": table.printed_total}]
    if layout.layout in ("wdi_csv", "owid_csv"):
        named = read(path, layout).source
    if about is None and named is None:
        message = "this file does not name its publication: give its publisher, title and address"
        return layout, None, [_problem(original, Reason.UNKNOWN_SOURCE, message)]
    fields = named.model_dump() if named is not None else {}
    if about is not None:
        fields |= {
            "publisher": about.publisher,
            "title": about.title,
            "url": about.url,
            "licence": about.licence,
            "reliability": about.reliability,
            "year_published": about.year,
            "caveats": about.caveats or fields.get("caveats", []),
        }
        fields["id"] = about.id or fields.get("id") or slug(about.title, about.year)
    reliability = Reliability(fields["reliability"])
    own_table = named is not None and reliability == Reliability.PRIMARY
    fields["priority"] = PUBLISHER_TABLES if own_table else PRIORITY[reliability]
    fields["notes"] = f"Published from {original!r} on {date.today().isoformat()}."
    try:
        meta = SourceMeta(**fields, tables=[layout], checks=checks)
    except ValidationError as exc:
        return (
            layout,
            None,
            [
                _problem(
                    original, Reason.BAD_METADATA, f"{'.'.join(map(str, e['loc']))}: {e['msg']}"
                )
                for e in exc.errors()
            ],
        )  # noqa: E501
    return layout, meta, []


def columns_named(path: Path) -> dict[str, str]:
    """A long CSV's headers matched to what the readers call them, ignoring case: "Country",
    "Year" and "Value" need no mapping. Headers that match nothing are left to the reader."""
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            headers = next(csv.reader(handle), [])
    except OSError:
        return {}
    by_name = {h.strip().casefold(): h.strip() for h in headers}
    found = {}
    for raw, names in HEADERS.items():
        match = next((by_name[n] for n in names if n in by_name), None)
        if match is not None and match != raw:
            found[raw] = match
    return found


def slug(title: str, year: int | None) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", f"{title} {year or ''}".lower()).strip("-")
    return text[:60].strip("-") or "publication"


def _problem(file: str, reason: Reason, message: str) -> Problem:
    return Problem(file, None, "", reason, message)


def _refused(file: str, reason: Reason, message: str) -> Submission:
    return Submission("", {}, [_problem(file, reason, message)])


def publish(
    data_dir: Path,
    store: Path,
    offered: Submission,
    who: str,
    dry_run: bool = False,
    wait: float = 0.0,
) -> Outcome:
    """Preview (dry_run) or publish a submission: its folder joins data/sources/ and a new
    store version built from data/ is served, or nothing changes at all."""
    if offered.problems or not offered.files:
        return Outcome("publish", offered.problems)
    if not SLUG.match(offered.source_id) or (data_dir / SOURCES / offered.source_id).exists():
        message = (
            f"a publication with the id {offered.source_id!r} is already published: withdraw "
            "it first, or give this one another id"
            if SLUG.match(offered.source_id)
            else f"{offered.source_id!r} is not a lowercase id"
        )
        return Outcome("publish", [_problem("source.yaml", Reason.BAD_METADATA, message)])
    incoming = uuid.uuid4().hex
    folder = store / INCOMING / incoming
    op = {"op": "add_folder", "id": offered.source_id, "incoming": incoming}
    files = [f"{SOURCES}/{offered.source_id}/{name}" for name in sorted(offered.files)]
    about = {"files": files, "source": offered.source_id}
    try:
        folder.mkdir(parents=True)
        for name, content in offered.files.items():
            (folder / name).write_bytes(content)
        outcome = change(data_dir, store, "publish", [op], who, about, wait, dry_run)
    except BaseException:
        if not (store / JOURNAL).exists():  # the change never began: nothing needs the files
            shutil.rmtree(folder, ignore_errors=True)
        raise
    if dry_run or not outcome.ok:
        shutil.rmtree(folder, ignore_errors=True)
    return outcome


def rows_of(tables: dict[str, pd.DataFrame], source_id: str) -> pd.DataFrame:
    observations = tables.get("observations")
    if observations is None:
        return pd.DataFrame()
    return observations[observations["source_id"] == source_id]
