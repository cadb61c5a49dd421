"""The one path every change to what is published takes: a publication added, one withdrawn, a
figure marked doubtful, a rollback, a rebuild.

Under the store's writer lock, a change is first made to a copy of data/ and built into a new
store version. Only when that build is clean is it written down as a journal, applied to data/
step by step, and made live by moving the store's pointer; then it is recorded in the audit log
and the journal removed. A change killed half-way is undone from its journal by the next writer
(or worker start), so data/ always holds exactly what the served version was built from:
`ocse build` from data/ reproduces the served hash, and nothing is dropped or resurrected.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.ingest.problems import Problem, Reason, errors
from dashboard.pipeline.build import check_data, memo_folder
from dashboard.pipeline.manifest import SET_ASIDE, SOURCES, blob, data_manifest, keep_blobs
from dashboard.store import audit
from dashboard.store.lock import writer
from dashboard.store.versions import (
    NoVersion,
    add_version,
    current_hash,
    manifest,
    point_to,
    remove_stale,
    write_atomically,
)

JOURNAL = "journal.json"
INCOMING = "incoming"  # new publications' files, before they join data/
ABORTED = "aborted"  # publications of a change that was undone, kept, never deleted


@dataclass
class Outcome:
    """What a change did, or would do (a dry run), or why it was refused."""

    action: str
    problems: list[Problem]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    content_hash: str | None = None
    previous_hash: str | None = None
    record: dict | None = None

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def change(
    data_dir: Path,
    store: Path,
    action: str,
    ops: list[dict],
    who: str,
    about: dict | None = None,
    wait: float = 0.0,
    dry_run: bool = False,
    expect: str | None = None,
) -> Outcome:
    """Make `ops` to data/ and serve the result, whole or not at all (see the module's text).
    `expect`: the hash the result must have (a rollback), else it is refused."""
    with writer(store, who, action, wait):
        recover(data_dir, store)
        previous = served(store)
        staged = stage(data_dir, store)
        try:
            apply(ops, staged, store, in_place=True)
            result = check_data(staged, memo_folder(store))
            outcome = Outcome(action, result.problems, result.tables, None, previous)
            if not result.ok or dry_run:
                return outcome
            manifest = data_manifest(staged)
            keep_blobs(store, staged, manifest["files"])
            rows = len(result.tables["observations"])
            about = {**(about or {}), "rows_added": rows - rows_in(store, previous)}
            outcome.content_hash = add_version(
                store, result.tables, {"data": manifest, "rows": rows}
            )
        finally:
            shutil.rmtree(staged.parent, ignore_errors=True)
        if expect is not None and outcome.content_hash != expect:
            message = f"data/ cannot be put back as version {expect[:12]} was built"
            return Outcome(action, [Problem("(store)", None, "", Reason.SANITY_CHECK, message)])
        journal = {"action": action, "ops": ops, "from": previous, "to": outcome.content_hash}
        write_atomically(store / JOURNAL, json.dumps({**journal, "who": who}))
        apply(ops, data_dir, store)
        point_to(store, outcome.content_hash)
        outcome.record = audit.record(store, {**journal, "who": who, **(about or {})})
        (store / JOURNAL).unlink()
        tidy(store, ops)
        return outcome


def rows_in(store: Path, content_hash: str | None) -> int:
    """How many observations a version holds (0 for none)."""
    if content_hash is None:
        return 0
    try:
        return int(manifest(store, content_hash).get("rows", 0))
    except NoVersion:
        return 0


def served(store: Path) -> str | None:
    try:
        return current_hash(store)
    except NoVersion:
        return None


def stage(data_dir: Path, store: Path) -> Path:
    """A copy of data/ to make a change in first: hard links where the file system allows
    (every change replaces files, never edits one in place), copies otherwise."""
    target = store / f".stage-{uuid.uuid4().hex}" / "data"
    ignore = shutil.ignore_patterns(".*")
    try:
        shutil.copytree(data_dir, target, copy_function=os.link, ignore=ignore)
    except OSError:
        shutil.rmtree(target.parent, ignore_errors=True)
        shutil.copytree(data_dir, target, ignore=ignore)
    return target


# --- the steps a change is made of: each can be done, and undone, more than once ---------------


def apply(ops: list[dict], data_dir: Path, store: Path, in_place: bool = False) -> None:
    for op in ops:
        STEPS[op["op"]][0](op, data_dir, store, in_place)


def undo(ops: list[dict], data_dir: Path, store: Path) -> None:
    for op in reversed(ops):
        STEPS[op["op"]][1](op, data_dir, store)


def _add_folder(op: dict, data_dir: Path, store: Path, in_place: bool) -> None:
    """A new publication: its files wait in the store folder, then join data/sources/ in one
    rename (from data/.incoming/, on the same file system)."""
    final = data_dir / SOURCES / op["id"]
    if final.exists():
        return
    files = store / INCOMING / op["incoming"]
    if in_place:
        shutil.copytree(files, final)
        return
    arriving = data_dir / ".incoming" / op["incoming"]
    shutil.rmtree(arriving, ignore_errors=True)
    shutil.copytree(files, arriving)
    os.replace(arriving, final)


def _undo_add_folder(op: dict, data_dir: Path, store: Path) -> None:
    shutil.rmtree(data_dir / ".incoming" / op["incoming"], ignore_errors=True)
    final = data_dir / SOURCES / op["id"]
    if final.exists():
        aborted = store / ABORTED / f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{op['id']}"
        aborted.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(final, aborted)


def _move(source: Path, target: Path) -> None:
    if not source.exists():
        return
    if target.exists():  # the same content is there already (names carry the digest)
        shutil.rmtree(source)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, target)


def _set_aside(op: dict, data_dir: Path, store: Path, in_place: bool) -> None:
    _move(data_dir / SOURCES / op["id"], data_dir / SET_ASIDE / op["name"])


def _undo_set_aside(op: dict, data_dir: Path, store: Path) -> None:
    _move(data_dir / SET_ASIDE / op["name"], data_dir / SOURCES / op["id"])


def _restore(op: dict, data_dir: Path, store: Path, in_place: bool) -> None:
    _move(data_dir / SET_ASIDE / op["name"], data_dir / SOURCES / op["id"])


def _undo_restore(op: dict, data_dir: Path, store: Path) -> None:
    _move(data_dir / SOURCES / op["id"], data_dir / SET_ASIDE / op["name"])


def _write(data_dir: Path, store: Path, relative: str, digest: str | None) -> None:
    path = data_dir / relative
    if digest is None:
        path.unlink(missing_ok=True)
        return
    staged = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    shutil.copyfile(blob(store, digest), staged)
    os.replace(staged, path)


def _write_file(op: dict, data_dir: Path, store: Path, in_place: bool) -> None:
    _write(data_dir, store, op["path"], op["blob"])


def _undo_write_file(op: dict, data_dir: Path, store: Path) -> None:
    _write(data_dir, store, op["path"], op["before"])


STEPS = {
    "add_folder": (_add_folder, _undo_add_folder),
    "set_aside": (_set_aside, _undo_set_aside),
    "restore": (_restore, _undo_restore),
    "write_file": (_write_file, _undo_write_file),
}


# --- after a crash --------------------------------------------------------------------------


def recover(data_dir: Path, store: Path) -> dict | None:
    """Finish or undo a change a crash left half-made (the caller holds the writer lock): a
    change whose pointer moved is complete and only needs its record; any other is undone, so
    the version served and data/ agree again. Returns the journal it dealt with, if any."""
    remove_stale(store)
    for stale in store.glob(".stage-*"):
        shutil.rmtree(stale, ignore_errors=True)
    path = store / JOURNAL
    if not path.exists():
        return None
    journal = json.loads(path.read_text(encoding="utf-8"))
    if served(store) == journal["to"]:
        if not any(r.get("to") == journal["to"] for r in audit.history(store)[:1]):
            audit.record(store, journal)
    else:
        undo(journal["ops"], data_dir, store)
        audit.record(store, {**journal, "action": f"{journal['action']} undone", "to": None})
    path.unlink()
    tidy(store, journal["ops"])
    return journal


def tidy(store: Path, ops: list[dict]) -> None:
    """A finished change's waiting files are no longer needed."""
    for op in ops:
        if op["op"] == "add_folder":
            shutil.rmtree(store / INCOMING / op["incoming"], ignore_errors=True)
