"""Country profile in a real browser: figures a person can check, notices, navigation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_philippines_profile_shows_ncmec_reports_and_change(visit):
    page = visit.open("/country/PHL")
    page.wait_for_selector("#profile-table")
    assert "Philippines" in page.inner_text("#country-title")
    facts = page.inner_text("#country-facts")
    assert "South-eastern Asia" in facts and "lower middle income" in facts
    row = page.inner_text("#row-cybertipline_reports")
    assert "2023" in row and "2,740,905 reports" in row
    assert "+6.4%" in row and "2022" in row
    assert "2nd of 243 countries" in row
    referrals = page.inner_text("#row-cybertipline_referrals")
    assert "Not total reports" in referrals  # the 2024 table has no per-country totals
    assert "after a series break" in referrals
    page.wait_for_selector("#country-graph .main-svg", state="attached")
    page.wait_for_function(
        "document.querySelector('#country-graph').innerText.includes('series break 2024')"
    )
    footer = page.inner_text("#country-footer")
    assert "sum of 11 of 11 countries" in footer
    assert "every year published" in page.inner_text("#gap-ncmec-years")
    assert "Internet Watch Foundation" in page.inner_text("#gaps-list")
    assert page.locator("#context-table tr").count() >= 6
    links = page.locator("#country-sources a")
    assert links.count() >= 10
    assert all(h.startswith("http") for h in links.evaluate_all("a => a.map(x => x.href)"))
    visit.screenshot("country-PHL")
    assert visit.external_requests() == []
    assert visit.console_errors == []


def test_normalising_the_comparison_updates_chart_and_url(visit):
    page = visit.open("/country/PHL")
    page.wait_for_selector("#country-graph .main-svg", state="attached")
    page.click("#country-norm")
    page.get_by_role("option", name="per 100,000 population").click()
    page.wait_for_function("window.location.search.includes('norm=per_100k_population')")
    page.wait_for_function(
        "document.querySelector('#country-graph').innerText.includes('per 100,000 population')"
    )
    # under "Sources and processing", collapsed
    assert "denominator summed over" in page.locator("#country-footer").text_content()
    assert visit.console_errors == []


def test_unknown_code_shows_a_notice_and_a_picker_that_navigates(visit):
    page = visit.open("/country/XYZ")
    page.wait_for_selector(".url-notice")
    assert "No country with the code 'XYZ'" in page.inner_text("#page")
    page.click("#country-picker")
    page.keyboard.type("Ghana")
    page.get_by_role("option", name="Ghana (GHA)").click()
    page.wait_for_function("window.location.pathname === '/country/GHA'")
    page.wait_for_selector("#country-title")
    assert "Ghana" in page.inner_text("#country-title")
    assert visit.external_requests() == []
    assert visit.console_errors == []


def test_bad_query_parameters_fall_back_with_a_notice(visit):
    page = visit.open("/country/KHM?norm=bogus&indicator=made_up")
    page.wait_for_selector(".url-notice")
    text = page.inner_text("#page")
    assert "Ignored 'norm=bogus'" in text
    assert "made_up" in text
    assert "Cambodia" in page.inner_text("#country-title")
    page.wait_for_selector("#country-graph .main-svg", state="attached")


def test_country_page_has_paste_ready_sentences(visit):
    page = visit.open("/country/PHL")
    block = page.locator("#country-narrative")
    block.wait_for()
    assert (
        "NCMEC received 2,740,905 CyberTipline reports geolocated to the Philippines in 2023, "
        "6.4% more than in 2022 (NCMEC, 2023 CyberTipline Reports by Country)."
    ) in block.inner_text()
    assert block.get_by_role("button", name="Copy all these sentences with their citations").count()
