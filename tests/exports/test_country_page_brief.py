"""The country profile's "Download brief" button gives a Word file about that country."""

from __future__ import annotations

import docx
import pytest

from tests.exports.conftest import in_chromium

pytestmark = pytest.mark.browser
LOCAL = ("http://127.0.0.1", "http://localhost", "data:", "blob:")


def test_brief_button_downloads_a_docx(server, tmp_path):
    def click(browser):
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.set_default_timeout(90_000)  # a loaded 2-core machine is slow, not broken
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/country/PHL", wait_until="networkidle")
        page.wait_for_selector("#brief-buttons")
        with page.expect_download(timeout=120_000) as download:
            page.get_by_role("button", name="Download a brief on this country as Word").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        page.wait_for_function(
            "document.querySelector('#brief-status').innerText.includes('Downloaded')"
        )
        return saved, [u for u in requests if not u.startswith(LOCAL)], errors

    saved, external, errors = in_chromium(click)
    assert saved.name.startswith("ocse-brief-PHL-") and saved.suffix == ".docx"
    document = docx.Document(saved)
    assert document.paragraphs[0].text.startswith("Philippines")
    assert document.paragraphs[0].style.name == "Title"
    assert "2,740,905 reports" in [c.text for c in document.tables[0].rows[1].cells]
    assert external == [] and errors == []
