"""What data/ held when a version was built, by digest, so that any version can be rebuilt or
rolled back to: each publication folder's digest, each other file's digest, and a copy of every
such file (they are small) kept in the store folder by digest.

Folders under data/set_aside/ (publications taken out by a rollback) and hidden names are not
part of data/'s state.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

SOURCES = "sources"
SET_ASIDE = "set_aside"
BLOBS = "blobs"


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """Every file's relative path and bytes, in a fixed order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0")
        digest.update(file_digest(path).encode() + b"\0")
    return digest.hexdigest()


def visible(path: Path) -> bool:
    return not path.name.startswith(".")


def data_manifest(data_dir: Path) -> dict:
    """{"sources": {id: digest}, "files": {path relative to data/: digest}}."""
    sources = {
        folder.name: folder_digest(folder)
        for folder in sorted((data_dir / SOURCES).iterdir())
        if folder.is_dir() and visible(folder)
    }
    files = {}
    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir)
        if relative.parts[0] in (SOURCES, SET_ASIDE) or not path.is_file():
            continue
        if all(visible(Path(part)) for part in relative.parts):
            files[str(relative)] = file_digest(path)
    return {"sources": sources, "files": files}


def keep_blobs(store: Path, data_dir: Path, files: dict[str, str]) -> None:
    """Copy data/'s files (not the publications) into the store folder by digest, once each."""
    folder = store / BLOBS
    folder.mkdir(parents=True, exist_ok=True)
    for relative, digest in files.items():
        target = folder / digest
        if not target.exists():
            staged = folder / f".{digest}.tmp"
            shutil.copyfile(data_dir / relative, staged)
            staged.replace(target)


def blob(store: Path, digest: str) -> Path:
    path = store / BLOBS / digest
    if not path.exists():
        raise FileNotFoundError(f"the store keeps no copy of the file with digest {digest[:12]}")
    return path


def set_aside_name(source_id: str, digest: str) -> str:
    """Where a publication taken out of data/sources/ waits, by id and content."""
    return f"{source_id}--{digest[:12]}"
