"""Briefs are made a few at a time across the site (`OCSE_BRIEF_SLOTS`): a request that finds
every slot taken for `OCSE_BRIEF_WAIT_S` is told the site is busy and to try again, and once
the briefs are made no chromium process is left behind by any worker."""

from __future__ import annotations

import base64
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import Request, urlopen

import pytest

from tests.conftest import serving

pytestmark = pytest.mark.browser  # a served app, and chromium for the PDF
BRIEFS = 3
FORMATS = ("docx", "html", "pdf")


def brief_request(fmt: str) -> bytes:
    """What the country page sends when its brief button for `fmt` is clicked."""
    buttons = [
        {
            "id": {"format": f, "type": "brief-btn"},
            "property": "n_clicks",
            "value": 1 if f == fmt else None,
        }
        for f in FORMATS
    ]
    body = {
        "output": "..brief-download.data...brief-status.children..",
        "outputs": [
            {"id": "brief-download", "property": "data"},
            {"id": "brief-status", "property": "children"},
        ],
        "inputs": [buttons],
        "state": [{"id": "country-code", "property": "data", "value": "PHL"}],
        "changedPropIds": [json.dumps({"format": fmt, "type": "brief-btn"}).replace(" ", "")
                           + ".n_clicks"],
    }  # fmt: skip
    return json.dumps(body).encode()


def ask(base: str) -> dict:
    request = Request(
        base + "/_dash-update-component",
        data=brief_request("pdf"),
        headers={"Content-Type": "application/json"},
    )
    with urlopen(request, timeout=300) as answer:
        assert answer.status == 200
        return json.loads(answer.read())["response"]


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def chromium_under(pid: int) -> list[int]:
    def is_chromium(child: int) -> bool:
        try:
            return "chromium" in Path(f"/proc/{child}/cmdline").read_bytes().decode(
                errors="replace"
            )
        except OSError:
            return False

    return [child for child in descendants(pid) if is_chromium(child)]


def server_pid(port: int) -> int:
    """The gunicorn master serving `port` (its command line names the address)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if "gunicorn" in text and f"127.0.0.1:{port}" in text:
            return int(cmdline.parent.name)
    raise AssertionError("no gunicorn serving the port")


def test_briefs_beyond_the_slots_are_told_to_try_again_and_no_chromium_lingers(
    shipped_store_path, tmp_path
):
    serve = ["dashboard.cli", "serve", "--port", "{port}", "--workers", "2"]
    env = {"OCSE_BRIEF_SLOTS": "1", "OCSE_BRIEF_WAIT_S": "0"}
    with serving(serve, shipped_store_path, tmp_path / "serve.log", env) as base:
        master = server_pid(urlparse(base).port)
        with ThreadPoolExecutor(BRIEFS) as pool:
            answers = list(pool.map(ask, [base] * BRIEFS))
        made = [a for a in answers if "brief-download" in a]
        busy = [a["brief-status"]["children"] for a in answers if "brief-download" not in a]
        assert len(made) == 1, answers
        pdf = base64.b64decode(made[0]["brief-download"]["data"]["content"])
        assert pdf.startswith(b"%PDF")
        assert made[0]["brief-status"]["children"].startswith("Downloaded ocse-brief-PHL-")
        assert busy == ["The site is busy making other briefs. Please try again in 30 seconds."] * (
            BRIEFS - 1
        )
        assert no_chromium_within(master, 10.0)


def no_chromium_within(master: int, seconds: float) -> bool:
    """No chromium under the server, once a closed browser has had `seconds` to exit."""
    deadline = time.monotonic() + seconds
    while chromium_under(master):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.5)
    return True
