"""The dashboard in German, French and Spanish, in a real browser: the navigation and numbers
in the reader's language, a language switch that keeps the view, a remembered choice, the
browser's own language as the default, and a German Word brief.

Expected words are looked up in the catalogues (`in_language`), so a test fails if a page shows
English where a translation exists, or if the catalogue has no translation at all."""

from __future__ import annotations

import docx
import pytest

from dashboard.language import _, speaking
from dashboard.store.localised import country_name

pytestmark = pytest.mark.browser
LANGUAGE = "() => document.documentElement.lang"
NAV = "() => Array.from(document.querySelectorAll('#site-nav .nav-link')).map(a => a.innerText)"


def in_language(language: str, text: str) -> str:
    with speaking(language):
        translated = _(text)
    assert translated != text, f"no {language} translation of {text!r}"
    return translated


@pytest.fixture
def tab(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)  # a loaded 2-core machine is slow, not broken
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield server, page
    context.close()
    assert errors == []


def wait_for_page(page) -> None:
    page.wait_for_selector("#page h1")
    page.wait_for_function(
        "() => !document.querySelector('[data-dash-is-loading=\"true\"], ._dash-loading')"
    )


def test_a_german_country_page_has_german_navigation_and_numbers(tab):
    base, page = tab
    page.goto(base + "/country/PHL?lang=de", wait_until="networkidle")
    wait_for_page(page)
    assert page.evaluate(LANGUAGE) == "de"
    nav = page.evaluate(NAV)
    for label in ["Overview", "Map", "Data gaps"]:
        assert in_language("de", label) in nav
    with speaking("de"):
        assert page.locator("#page h1").inner_text().startswith(country_name("PHL", ""))
    text = page.locator("#page").inner_text()
    assert "2.740.905" in text  # NCMEC's 2023 count for the Philippines, as Germans write it
    assert "2,740,905" not in text


def test_switching_the_language_keeps_the_view(tab):
    """The compare view of three entities indexed to 2020 on a log scale, switched to French:
    the same view, in French, and the address keeps both the view and the language."""
    base, page = tab
    view = "/compare?entities=PHL%2CTHA%2CWLD&norm=index&base=2020&scale=log"
    page.goto(base + view, wait_until="networkidle")
    wait_for_page(page)
    page.locator(".language-menu summary").click()  # the header's "EN" opens the languages
    page.locator(".language-list").get_by_role("link", name="Français").click()
    page.wait_for_url("**lang=fr**")
    wait_for_page(page)
    assert page.evaluate(LANGUAGE) == "fr"
    for part in ["entities=PHL%2CTHA%2CWLD", "norm=index", "base=2020", "scale=log"]:
        assert part in page.url
    with speaking("fr"):
        thailand = country_name("THA", "")
    assert thailand in page.locator("#page").inner_text()
    assert in_language("fr", "Overview") in page.evaluate(NAV)
    # moving on keeps the language in the address, so a copied link opens in French (the
    # French navigation is folded behind the Menu button at this width: its words run longer)
    if page.locator("#menu-button").is_visible():
        page.locator("#menu-button").click()
    page.locator("#site-nav .nav-link", has_text=in_language("fr", "Map")).click()
    page.wait_for_url("**/map?**")
    assert "lang=fr" in page.url


def test_the_choice_is_remembered_and_the_browser_language_is_the_default(browser, server):
    spanish = browser.new_context(locale="es-ES")
    page = spanish.new_page()
    page.goto(server + "/gaps", wait_until="networkidle")
    assert page.evaluate(LANGUAGE) == "es"  # Accept-Language
    page.goto(server + "/gaps?lang=de", wait_until="networkidle")
    page.goto(server + "/sources", wait_until="networkidle")
    assert page.evaluate(LANGUAGE) == "de"  # the last choice, over the browser's language
    spanish.close()


def test_the_german_word_brief_has_german_headings(tab, tmp_path):
    base, page = tab
    page.goto(base + "/country/PHL?lang=de", wait_until="networkidle")
    page.wait_for_selector("#brief-buttons")
    with speaking("de"):
        name = _("Download a brief on this country as {format}").format(format="Word")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name=name).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    document = docx.Document(saved)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert in_language("de", "Key figures") in headings
    assert in_language("de", "Sources") in headings
    assert "Key figures" not in headings
    assert any("2.740.905" in cell.text for row in document.tables[0].rows for cell in row.cells)
