"""Drafts: a publication previewed in the browser and waiting for its editor to press Publish.

A draft is the folder the publication would become plus its preview, kept in the store folder
(every worker sees it) under a random name that only its editor can use. Publishing or
discarding removes it; drafts older than a day are removed by the next one made.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from pathlib import Path

from dashboard.pipeline.preview import Preview
from dashboard.pipeline.publications import Submission

DRAFTS = "drafts"
TOKEN = re.compile(r"[0-9a-f]{32}")
KEEP_SECONDS = 24 * 3600


def save_draft(
    store: Path, offered: Submission, who: str, shown: Preview, given: dict | None = None
) -> str:
    """Keep `offered`, its preview and the form as filled in (`given`); the token names it in
    the Publish form."""
    _clear_old(store)
    token = secrets.token_hex(16)
    building = store / DRAFTS / f".{token}"
    (building / "files").mkdir(parents=True)
    for name, content in offered.files.items():
        (building / "files" / name).write_bytes(content)
    about = {"source_id": offered.source_id, "who": who, "made": time.time(), "given": given}
    about["preview"] = shown.as_json()
    (building / "draft.json").write_text(json.dumps(about), encoding="utf-8")
    building.rename(store / DRAFTS / token)
    return token


def load_draft(store: Path, token: str, who: str) -> tuple[Submission, Preview, dict] | None:
    """The draft named `token` if `who` made it: the submission, its preview, the form as
    filled in. None for any other token."""
    folder = _folder(store, token)
    if folder is None:
        return None
    about = json.loads((folder / "draft.json").read_text(encoding="utf-8"))
    if about["who"] != who:
        return None
    files = {path.name: path.read_bytes() for path in (folder / "files").iterdir()}
    offered = Submission(about["source_id"], files, [])
    return offered, Preview.from_json(about["preview"]), about.get("given") or {}


def drop_draft(store: Path, token: str) -> None:
    folder = _folder(store, token)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _folder(store: Path, token: str) -> Path | None:
    if not isinstance(token, str) or not TOKEN.fullmatch(token):
        return None  # never a path from the client
    folder = store / DRAFTS / token
    return folder if (folder / "draft.json").is_file() else None


def _clear_old(store: Path) -> None:
    folder = store / DRAFTS
    if not folder.is_dir():
        return
    for draft in folder.iterdir():
        if time.time() - draft.stat().st_mtime > KEEP_SECONDS:
            shutil.rmtree(draft, ignore_errors=True)
