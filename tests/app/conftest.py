"""A headless Chromium that records every request it makes (the served app is `server`, in
tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.exports.images import CHROMIUM_FLAGS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = CHROMIUM_FLAGS
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is missing: run `make chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One page in a fresh context: requests and console errors recorded."""

    def __init__(self, browser, base: str):
        self.base = base
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)  # a loaded 2-core CI machine is slow, not broken
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None
        )
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def open(self, path: str):
        self.page.goto(self.base + path, wait_until="networkidle")
        self.page.wait_for_selector("#page > *", state="attached")
        return self.page

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)

    def external_requests(self) -> list[str]:
        local = ("http://127.0.0.1", "http://localhost", "data:", "blob:")
        return [u for u in self.requests if not u.startswith(local)]


@pytest.fixture
def visit(browser, server):
    opened = Visit(browser, server)
    yield opened
    opened.context.close()
