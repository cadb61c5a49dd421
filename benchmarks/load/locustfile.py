"""Simulated readers of the dashboard, for locust (in .venv-load; see benchmarks/load/README.md).

A reader arrives with an empty cache (the page, its scripts and styles, the map geometry), then
alternates page views and control changes, thinking 1-5 s in between:

- a page view (weight 3): the page's HTML, `/_dash-layout`, `/_dash-dependencies`, then the
  callbacks a browser sent on opening it, in the order it sent them;
- a control change (weight 5): the callbacks a browser sent when a control was changed there.

The callbacks are the real requests Chromium made (`payloads/*.json`, recorded from the shipped
data by `python -m benchmarks.callbacks --record benchmarks/load/payloads`). A response whose
status differs from the recorded one counts as a failure. Only loopback hosts are accepted.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from urllib.parse import urlsplit

from locust import FastHttpUser, between, events, task

PAYLOADS = Path(__file__).with_name("payloads")
UPDATE = "/_dash-update-component"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
ASSET = re.compile(r'(?:src|href)="(/(?:_dash-component-suites|assets|_dash)[^"]*)"')


def _load() -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = {}
    for file in sorted(PAYLOADS.glob("*.json")):
        for row in json.loads(file.read_text(encoding="utf-8")):
            pages.setdefault(row["page"], []).append(row)
    if not pages:
        raise SystemExit(f"no recorded callbacks in {PAYLOADS}: run `make load-payloads`")
    return pages


PAGES = _load()


@events.init.add_listener
def only_loopback(environment, **_) -> None:
    host = urlsplit(environment.host or "").hostname
    if host not in LOOPBACK:
        raise SystemExit(f"refusing to load-test {environment.host!r}: loopback only")


class Reader(FastHttpUser):
    wait_time = between(1, 5)

    def on_start(self) -> None:
        """A first visit: the page and every script, style and the map geometry it loads."""
        page = random.choice(list(PAGES))
        html = self.client.get(page, name="page").text
        assets = dict.fromkeys(ASSET.findall(html))
        for asset in assets:
            self.client.get(asset, name="asset (first visit)")
        folder = next(a for a in assets if "/style.css" in a).split("/style.css")[0]
        self.client.get(f"{folder}/geo/world_110m.json", name="asset (first visit)")
        self._open(page, fetch_html=False)

    def _post(self, page: str, rows: list[dict], name: str) -> None:
        for row in rows:
            with self.client.post(
                UPDATE,
                data=row["body"].encode("utf-8"),
                headers=row["headers"],
                name=name,
                catch_response=True,
            ) as response:
                if response.status_code != row["status"]:
                    response.failure(f"{page} {row['output']}: {response.status_code}")

    def _open(self, page: str, fetch_html: bool = True) -> None:
        if fetch_html:
            self.client.get(page, name="page")
        # as a browser asks for it: from the page, which the layout then holds drawn in
        self.client.get(
            "/_dash-layout", name="/_dash-layout", headers={"Referer": self.host + page}
        )
        self.client.get("/_dash-dependencies", name="/_dash-dependencies")
        opening = [r for r in PAGES[page] if r["step"] == "open"]
        self._post(page, opening, f"callback {page} (open)")

    @task(3)
    def view_page(self) -> None:
        self._open(random.choice(list(PAGES)))

    @task(5)
    def change_control(self) -> None:
        page = random.choice(list(PAGES))
        steps = sorted({r["step"] for r in PAGES[page]} - {"open"})
        if not steps:
            return
        step = random.choice(steps)
        chosen = [r for r in PAGES[page] if r["step"] == step]
        self._post(page, chosen, f"callback {page} (change)")
