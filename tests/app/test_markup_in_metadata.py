"""Source metadata containing markup is shown as text, never executed."""

from __future__ import annotations

import shutil

import pytest

from dashboard.pipeline.build import build_store
from tests.conftest import DATA, serving

pytestmark = pytest.mark.browser
PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(DATA, root / "data")
    meta = root / "data" / "sources" / "iwf_ar2023" / "source.yaml"
    text = meta.read_text(encoding="utf-8")
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    meta.write_text(text.replace(title_line, f"title: '{PAYLOAD} IWF 2023'"), encoding="utf-8")
    store = root / "store.duckdb"
    assert build_store(root / "data", store).ok
    with serving(["dashboard.cli", "serve", "--port", "{port}"], store, root / "serve.log") as base:
        yield base


def test_script_in_a_source_title_is_text(browser, hostile_server):
    context = browser.new_context()
    page = context.new_page()
    page.goto(hostile_server + "/sources", wait_until="networkidle")
    page.wait_for_selector("#sources-table td")
    search = page.locator("#sources-table th.dash-filter input[type=text]").nth(1)
    search.fill("IWF 2023")
    search.press("Enter")
    page.wait_for_function(
        "document.querySelector('#sources-table tbody').innerText.includes('<script>')"
    )
    assert page.evaluate("window.__pwned") is None
    page.goto(hostile_server + "/country/GBR", wait_until="networkidle")
    assert page.evaluate("window.__pwned") is None
    context.close()
