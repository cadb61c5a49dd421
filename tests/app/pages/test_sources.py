"""Data & sources in a real browser: catalogue, definitions, coverage, downloads, offline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_sources_catalogue_renders_offline(visit):
    page = visit.open("/sources")
    page.wait_for_selector("#sources-table td")
    assert "Data & sources" in page.inner_text("h1")
    assert page.get_by_text("Australian Federal Police").count() >= 1  # sorted by publisher
    filters = page.locator("#sources-table th.dash-filter input[type=text]")
    filters.nth(0).fill("Internet Watch")  # publisher: 21 publications, more than a page
    filters.nth(0).press("Enter")
    filters.nth(1).fill("Annual Report 2023")  # publication
    filters.nth(1).press("Enter")
    page.wait_for_function(
        "document.querySelector('#sources-table tbody').innerText.includes('Annual Report 2023')"
    )
    assert "content hash" in page.inner_text("#page")
    visit.screenshot("sources")
    assert visit.external_requests() == []
    assert visit.console_errors == []


def test_indicator_definitions_tab_from_the_url(visit):
    page = visit.open("/sources?tab=indicators")
    page.wait_for_selector("#indicators-table td")
    text = page.inner_text("#indicators-table")
    assert "not prevalence" in text  # NCMEC's caveat travels with the indicator


def test_coverage_tab_draws_a_matrix_and_updates_the_url(visit):
    page = visit.open("/sources?tab=coverage&indicator=cybertipline_reports_by_esp")
    page.wait_for_selector("#coverage-graph .main-svg", state="attached")
    assert "Coverage:" in page.inner_text("#coverage-graph")
    page.get_by_role("tab", name="Indicators").click()
    page.wait_for_function("window.location.search.includes('tab=indicators')")
    assert "indicator=cybertipline_reports_by_esp" in page.evaluate("window.location.search")
    visit.screenshot("sources-coverage")
    assert visit.console_errors == []


def test_invalid_parameters_fall_back_with_a_notice(visit):
    page = visit.open("/sources?tab=nonsense&indicator=made_up")
    notices = page.inner_text("#page")
    assert "Ignored 'tab=nonsense'" in notices
    assert "Unknown indicator 'made_up'" in notices
    page.wait_for_selector("#sources-table td")


def test_download_all_observations_has_a_citation_header(visit):
    page = visit.open("/sources?tab=downloads")
    with page.expect_download() as info:
        page.get_by_role("button", name="All observations (CSV)").click()
    download = info.value
    assert download.suggested_filename == "ocse-observations.csv"
    text = open(download.path(), encoding="utf-8").read()
    lines = text.splitlines()
    assert lines[0].startswith("# OCSE Statistics Dashboard")
    assert any(
        line.startswith("cybertipline_reports,") and ",PHL," in line and "2740905" in line
        for line in lines
    )
