"""A missing or corrupt store gives a clear page, not a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import serving

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("kind", ["missing", "corrupt"])
def test_the_page_says_what_to_do(kind, browser, tmp_path):
    store = tmp_path / "store.duckdb"
    if kind == "corrupt":
        store.write_bytes(b"this is not a database" * 50)
    gunicorn = ["gunicorn", "--no-control-socket", "-w", "1", "-b", "127.0.0.1:{port}"]
    with serving([*gunicorn, "dashboard.app.wsgi:server"], store, tmp_path / "serve.log") as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/map", wait_until="networkidle")
        page.wait_for_selector("text=The data store is not available")
        text = page.inner_text("#page")
        assert "operator can find the cause in the server's log" in text
        assert "Traceback" not in text and str(store) not in text  # no path for readers
        context.close()
    log = (tmp_path / "serve.log").read_text(errors="replace")
    assert str(store) in log  # the operator's log names the store and says what to do
    assert "ocse build" in log
