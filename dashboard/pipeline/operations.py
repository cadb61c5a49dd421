"""The other changes an editor or an operator makes, each through the one path of
`changes.change`: withdraw a publication, mark a figure doubtful, roll back to an earlier
version, rebuild from data/."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import yaml

from dashboard.ingest.corrections import CORRECTIONS, HEADER, Doubt, Withdrawal, load_corrections
from dashboard.ingest.problems import Problem, Reason
from dashboard.pipeline.changes import Outcome, change
from dashboard.pipeline.manifest import (
    BLOBS,
    SET_ASIDE,
    SOURCES,
    data_manifest,
    set_aside_name,
)
from dashboard.store.versions import manifest, resolve


def withdraw(
    data_dir: Path, store: Path, source_id: str, reason: str, who: str, wait: float = 0.0
) -> Outcome:
    """The publication's figures leave what is served; it stays listed, with the reason."""
    corrections, problems = load_corrections(data_dir)
    if not (data_dir / SOURCES / source_id).is_dir():
        problems.append(_problem(f"no publication {source_id!r} in data/sources/"))
    if source_id in {w.source for w in corrections.withdrawn}:
        problems.append(_problem(f"{source_id} is withdrawn already"))
    if not reason.strip():
        problems.append(_problem("say why it is withdrawn: readers see the reason"))
    if problems:
        return Outcome("withdraw", problems)
    entry = Withdrawal(source=source_id, reason=reason.strip(), by=who, date=_today())
    corrections.withdrawn.append(entry)
    ops = [_corrections_write(data_dir, store, corrections)]
    about = {"source": source_id, "reason": entry.reason, "files": [CORRECTIONS]}
    return change(data_dir, store, "withdraw", ops, who, about, wait)


def doubt(
    data_dir: Path, store: Path, figure: dict[str, str], reason: str, who: str, wait: float = 0.0
) -> Outcome:
    """One figure (source, indicator, entity, period, category) flagged doubtful, with why."""
    corrections, problems = load_corrections(data_dir)
    if not reason.strip():
        problems.append(_problem("say why the figure is doubtful: readers see the reason"))
    if problems:
        return Outcome("doubt", problems)
    entry = Doubt(**figure, reason=reason.strip(), by=who, date=_today())
    corrections.doubtful.append(entry)
    ops = [_corrections_write(data_dir, store, corrections)]
    about = {"source": entry.source, "figure": figure, "reason": entry.reason}
    return change(data_dir, store, "doubt", ops, who, {**about, "files": [CORRECTIONS]}, wait)


def rollback(data_dir: Path, store: Path, target: str, who: str, wait: float = 0.0) -> Outcome:
    """Serve an earlier version again, with data/ put back as it was when it was built:
    publications it lacked are set aside (data/set_aside/), ones it had come back, and data/'s
    other files are restored from the copies the store keeps."""
    content_hash = resolve(store, target)
    wanted = manifest(store, content_hash).get("data")
    if not wanted:
        return Outcome("rollback", [_problem(f"version {target} does not say what data/ held")])
    now = data_manifest(data_dir)
    ops, missing = [], []
    for source_id, digest in now["sources"].items():
        if wanted["sources"].get(source_id) != digest:
            ops.append(
                {"op": "set_aside", "id": source_id, "name": set_aside_name(source_id, digest)}
            )
    for source_id, digest in wanted["sources"].items():
        if now["sources"].get(source_id) != digest:
            name = set_aside_name(source_id, digest)
            if not (data_dir / SET_ASIDE / name).is_dir():
                missing.append(source_id)
            ops.append({"op": "restore", "id": source_id, "name": name})
    for path in sorted(set(now["files"]) | set(wanted["files"])):
        if now["files"].get(path) != wanted["files"].get(path):
            if wanted["files"].get(path) and not (store / BLOBS / wanted["files"][path]).exists():
                missing.append(path)
            ops.append(
                {
                    "op": "write_file",
                    "path": path,
                    "blob": wanted["files"].get(path),
                    "before": now["files"].get(path),
                }
            )
    if missing:
        what = ", ".join(missing)
        return Outcome("rollback", [_problem(f"cannot put back {what}: no copy is kept")])
    about = {
        "rolled_back_to": content_hash,
        "files": sorted({op.get("path") or op["id"] for op in ops}),
    }
    return change(data_dir, store, "rollback", ops, who, about, wait, expect=content_hash)


def rebuild(data_dir: Path, store: Path, who: str, wait: float = 0.0) -> Outcome:
    """A new version from data/ as it is (after a hand edit of data/, say)."""
    return change(data_dir, store, "build", [], who, {}, wait)


def _corrections_write(data_dir: Path, store: Path, corrections) -> dict:
    """The step that replaces data/corrections.yaml; both contents kept in the store."""
    text = HEADER + yaml.safe_dump(
        corrections.model_dump(mode="json"), sort_keys=False, allow_unicode=True, width=100
    )
    new = _keep(store, text.encode("utf-8"))
    path = data_dir / CORRECTIONS
    before = _keep(store, path.read_bytes()) if path.exists() else None
    return {"op": "write_file", "path": CORRECTIONS, "blob": new, "before": before}


def _keep(store: Path, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()
    target = store / BLOBS / digest
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = target.with_name(f".{digest}.tmp")
        staged.write_bytes(content)
        staged.replace(target)
    return digest


def _problem(message: str) -> Problem:
    return Problem("(change)", None, "", Reason.BAD_METADATA, message)


def _today() -> str:
    return date.today().isoformat()
