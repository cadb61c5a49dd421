"""Briefs built once per session from the shipped store; a browser of their own for the tests.

The app tests keep a session-wide sync Playwright in the main thread, and a thread holds one
sync Playwright at a time: browser work here runs in a thread of its own (`in_chromium`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from dashboard.exports.brief import build_brief, render
from tests.app.conftest import CHROMIUM, CHROMIUM_ARGS

TODAY = date(2025, 6, 30)


@pytest.fixture(scope="session")
def phl_brief(shipped_store):
    return build_brief(shipped_store, "PHL", TODAY)


@pytest.fixture(scope="session")
def ncmec_brief(shipped_store):
    return build_brief(shipped_store, "ncmec", TODAY)


@pytest.fixture(scope="session")
def phl_docx(phl_brief) -> bytes:
    return render(phl_brief, "docx")


@pytest.fixture(scope="session")
def phl_pdf(phl_brief) -> bytes:
    return render(phl_brief, "pdf")


def in_chromium(task):
    """`task(browser)` in Debian chromium driven from a thread of its own; its result back."""

    def work():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return task(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(work).result()
