"""A store folder of immutable versions, named by content hash, and a pointer to the one served.

    <store>/versions/<hash>.duckdb   a store, written once, never changed
    <store>/versions/<hash>.json     its manifest: when it was built, and from which data/
    <store>/current                  the hash being served; replaced atomically to switch

Readers open the version the pointer names; a writer writes a new version first and only then
moves the pointer, so a reader never sees a half-made store, and earlier versions stay until
they are pruned on request.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard.store.write import write_store

POINTER = "current"
VERSIONS = "versions"


class NoVersion(LookupError):
    """The store folder has no version to serve yet, or not the one asked for."""


@dataclass(frozen=True)
class Version:
    content_hash: str
    built_at: str
    current: bool
    manifest: dict


def is_folder_store(path: Path) -> bool:
    """A store is a folder of versions unless the path names a single .duckdb file."""
    return path.is_dir() or path.suffix != ".duckdb"


def version_file(store: Path, content_hash: str) -> Path:
    return store / VERSIONS / f"{content_hash}.duckdb"


def current_hash(store: Path) -> str:
    """The hash the pointer names; NoVersion when nothing has been built into the folder."""
    try:
        text = (store / POINTER).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise NoVersion(f"no store has been built in {store} yet") from None
    if not text:
        raise NoVersion(f"the pointer {store / POINTER} is empty")
    return text


def current_file(store: Path) -> Path:
    return version_file(store, current_hash(store))


def pointer_stamp(store: Path) -> tuple[int, int] | None:
    """A cheap fingerprint of the pointer (inode and change time): a reader compares it to
    notice a switch without reading anything."""
    try:
        stat = (store / POINTER).stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def add_version(store: Path, tables: dict[str, pd.DataFrame], manifest: dict) -> str:
    """Write `tables` as a version (if that content is not there yet) with its manifest;
    return its hash. The pointer is not moved."""
    folder = store / VERSIONS
    folder.mkdir(parents=True, exist_ok=True)
    built_at = datetime.now(UTC).isoformat(timespec="seconds")
    staged = folder / f".build-{os.getpid()}.duckdb"
    content_hash = write_store(tables, staged, built_at=built_at, named=store)
    target = version_file(store, content_hash)
    if target.exists():
        staged.unlink()
    else:
        manifest_file = target.with_suffix(".json")
        write_atomically(manifest_file, json.dumps({"built_at": built_at, **manifest}, indent=1))
        os.replace(staged, target)
    return content_hash


def point_to(store: Path, content_hash: str) -> None:
    """Serve `content_hash` from now on: the pointer is replaced in one rename."""
    if not version_file(store, content_hash).exists():
        raise NoVersion(f"no version {content_hash} in {store / VERSIONS}")
    write_atomically(store / POINTER, content_hash + "\n")


def manifest(store: Path, content_hash: str) -> dict:
    try:
        return json.loads(version_file(store, content_hash).with_suffix(".json").read_text())
    except FileNotFoundError:
        raise NoVersion(f"no version {content_hash} in {store / VERSIONS}") from None


def resolve(store: Path, prefix: str) -> str:
    """The full hash of the one version whose hash starts with `prefix` (as people type it)."""
    hashes = [p.stem for p in (store / VERSIONS).glob("*.duckdb") if not p.name.startswith(".")]
    found = [h for h in hashes if h.startswith(prefix.strip().lower())] if prefix.strip() else []
    if len(found) != 1:
        what = "no version" if not found else f"{len(found)} versions"
        raise NoVersion(f"{what} in {store / VERSIONS} starts with {prefix!r}")
    return found[0]


def versions(store: Path) -> list[Version]:
    """Every version in the folder, newest first (none for a single store file)."""
    if not is_folder_store(store):
        return []
    try:
        served = current_hash(store)
    except NoVersion:
        served = ""
    found = []
    for path in (store / VERSIONS).glob("*.duckdb"):
        if path.name.startswith("."):
            continue
        about = manifest(store, path.stem) if path.with_suffix(".json").exists() else {}
        found.append(Version(path.stem, about.get("built_at", ""), path.stem == served, about))
    return sorted(found, key=lambda v: (v.built_at, v.content_hash), reverse=True)


def prune(store: Path, keep: int) -> list[str]:
    """Remove all but the `keep` newest versions (never the one served); return their hashes."""
    if keep < 1:
        raise ValueError("keep at least one version")
    newest = versions(store)
    kept = {v.content_hash for v in newest[:keep]} | {v.content_hash for v in newest if v.current}
    removed = []
    for version in newest:
        if version.content_hash in kept:
            continue
        path = version_file(store, version.content_hash)
        path.with_suffix(".json").unlink(missing_ok=True)
        path.unlink()
        removed.append(version.content_hash)
    return removed


def remove_stale(store: Path) -> None:
    """Temporary files of a build that was killed (a store and its write-ahead log)."""
    folder = store / VERSIONS
    # a build's file, and its writer's temporary file and log beside it (..build-*.tmp[.wal])
    for stale in [*folder.glob(".build-*"), *folder.glob("..build-*")]:
        stale.unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Write a small file whole or not at all: a temporary name, flushed, then renamed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
