"""Overview in a real browser: headline numbers, the 2024 break, trends, focus countries."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_headlines_trends_and_focus_countries_render_offline(visit):
    page = visit.open("/")
    page.wait_for_selector("#overview-reports-graph .main-svg", state="attached")
    ncmec = page.inner_text("#headline-cybertipline_reports")
    # 2025 (a transcription) on 2024: both after the bundling, so the change is given
    assert "21,351,493" in ncmec and "2025" in ncmec and "+4.1% on 2024 (20,512,803)" in ncmec
    assert "Series break in 2024: 2024-2025 values are comparable with each other" in ncmec
    assert "UNVERIFIED TRANSCRIPTION" in ncmec.upper()
    assert page.locator("#headline-cybertipline_reports .break-note").is_visible()
    iwf = page.inner_text("#headline-iwf_urls_confirmed_csam")
    assert "291,273" in iwf and "+5.7% on 2023" in iwf
    assert "at least 30,000" in page.inner_text("#headline-icse_victims_identified_cumulative")
    assert "series break 2024" in page.inner_text("#overview-reports-graph")

    table = page.inner_text("#focus-table")
    for name in ("Philippines", "Ghana", "Cambodia", "Thailand", "India"):
        assert name in table
    assert "2,740,905" in table and "+6.4% on 2022" in table
    assert "no published value" in table
    visit.screenshot("overview")
    assert visit.external_requests() == []
    assert visit.console_errors == []

    page.locator("#focus-link-PHL").click()
    page.wait_for_function("window.location.pathname === '/country/PHL'")


def test_every_headline_links_to_its_publication(visit):
    page = visit.open("/")
    cards = page.locator(".headline-card")
    assert cards.count() == 6
    for index in range(cards.count()):
        links = cards.nth(index).locator("a.source-link")
        assert links.count() >= 1
        assert links.first.get_attribute("href").startswith("http")
    first = cards.first
    first.locator("summary", has_text="Sentence with citation").click()
    sentence = first.locator(".sentence").inner_text()
    assert sentence.startswith("NCMEC CyberTipline reports: 21,351,493 in 2025")
    assert "Source: Robert Grimm" in sentence
    first.get_by_role("button", name="Copy the sentence about NCMEC").click()
    page.wait_for_function(
        "document.querySelector('.headline-card .sentence-box button').innerText === 'Copied'"
    )
    assert visit.console_errors == []


def test_theme_in_the_url_and_the_control_updates_it(visit):
    page = visit.open("/?theme=hosting")
    page.wait_for_selector("#overview-iwf-graph .main-svg", state="attached")
    assert page.locator("#overview-reports-wrap").is_hidden()
    assert "series break 2014" in page.inner_text("#overview-iwf-graph")
    page.get_by_text("Reporting (NCMEC)").click()
    page.wait_for_function("window.location.search.includes('theme=reporting')")
    page.wait_for_selector("#overview-iwf-wrap", state="hidden")
    page.wait_for_function(
        "document.querySelector('#overview-reports-graph').innerText.includes('series break 2024')"
    )
    assert visit.console_errors == []


def test_invalid_theme_falls_back_with_a_notice(visit):
    page = visit.open("/?theme=sideways&colour=red")
    text = page.inner_text("#page")
    assert "Ignored 'theme=sideways'" in text
    assert "Ignored unknown URL parameter 'colour'" in text
    page.wait_for_selector("#overview-inhope-graph .main-svg", state="attached")


def test_focus_table_csv_cites_its_sources(visit):
    page = visit.open("/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download focus countries at a glance as CSV").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert text.startswith("# Focus countries at a glance.")
    assert "2023 CyberTipline Reports by Country" in text
    assert "2740905" in text and "Philippines" in text


def test_in_words_paragraph_with_copy_button(visit):
    page = visit.open("/")
    block = page.locator("#overview-narrative")
    block.wait_for()
    text = block.inner_text()
    assert "NCMEC received 36,210,368 CyberTipline reports worldwide in 2023, 12.9% more" in text
    assert "not comparable with 2023 because of a series break" in text
    button = block.get_by_role("button", name="Copy all these sentences with their citations")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('#overview-narrative button').innerText === 'Copied'"
    )
