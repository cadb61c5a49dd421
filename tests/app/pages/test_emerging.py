"""Emerging threats in a real browser: the list, the method, thresholds in the URL, offline."""

from __future__ import annotations

from urllib.parse import unquote

import pandas as pd
import pytest

from dashboard.app.pages.emerging.figures import sparkline_svg

LIST_ROWS = "#emerging-list table tbody tr"
CAMBODIA = (
    "Cambodia: +110% in 2021, from 188,328 to 395,793 reports, "
    "well above its usual year-on-year change."
)


def list_text(page) -> str:
    page.wait_for_selector(LIST_ROWS)
    return page.inner_text("#emerging-list")


def from_values(page) -> list[int]:
    """The earlier value of every listed row ("188,328 → 395,793" -> 188328)."""
    cells = page.locator(f"{LIST_ROWS} td:nth-child(4)").all_inner_texts()
    return [int(c.split("→")[0].strip().replace(",", "")) for c in cells]


@pytest.mark.browser
def test_emerging_lists_rises_with_reasons_and_explains_the_method(visit):
    page = visit.open("/emerging")
    text = list_text(page)
    assert page.locator(LIST_ROWS).count() >= 1
    assert "well above" in text and "reports" in text
    assert page.locator(f"{LIST_ROWS} a[href^='/country/']").count() >= 1
    assert page.locator(f"{LIST_ROWS} img[src^='data:image/svg+xml']").count() >= 1
    method = page.inner_text("#emerging-method")
    assert "How this works" in method and "1.4826" in method
    assert "not a measure of prevalence" in method and "series break" in method
    assert "flagged in 2023" in page.inner_text("#emerging-summary")
    page.wait_for_selector("#emerging-graph .main-svg", state="attached")
    visit.screenshot("emerging")
    assert visit.external_requests() == []
    assert visit.console_errors == []


@pytest.mark.browser
def test_changing_a_threshold_updates_the_url_and_the_list(visit):
    page = visit.open("/emerging")
    page.wait_for_selector(LIST_ROWS)
    assert min(from_values(page)) < 100_000  # the default list holds smaller bases
    page.fill("#emerging-min-base", "100000")
    page.press("#emerging-min-base", "Tab")
    page.wait_for_function("window.location.search.includes('min_base=100000')")
    page.wait_for_function(
        "document.querySelector('#emerging-summary').innerText.includes('at least 100,000')"
    )
    assert min(from_values(page)) >= 100_000
    assert visit.console_errors == []


@pytest.mark.browser
def test_opening_a_url_with_thresholds_restores_them(visit):
    page = visit.open("/emerging?year=2021&min_base=100000&min_growth=60&peer_z=3")
    text = list_text(page)
    assert CAMBODIA in text
    assert page.input_value("#emerging-min-base") == "100,000"
    assert page.input_value("#emerging-min-growth") == "60"
    assert page.input_value("#emerging-peer-z") == "3"
    assert page.input_value("#emerging-year") == "2021"
    summary = page.inner_text("#emerging-summary")
    assert "flagged in 2021" in summary and "growth at least +60%" in summary
    years = page.locator(f"{LIST_ROWS} td:nth-child(3)").all_inner_texts()
    assert set(years) == {"2021"}
    assert min(from_values(page)) >= 100_000


@pytest.mark.browser
def test_invalid_parameters_fall_back_with_notices(visit):
    page = visit.open("/emerging?min_base=-5&year=1800&own_z=zero&indicator=population_total")
    text = page.inner_text("#page")
    assert "Ignored 'min_base=-5'" in text and "Ignored 'own_z=zero'" in text
    assert "'population_total' cannot be scored here" in text
    assert "No year-on-year change can be scored for 1800" in text
    assert page.input_value("#emerging-min-base") == "1,000"
    assert page.locator(LIST_ROWS).count() >= 1
    assert "flagged in 2023" in page.inner_text("#emerging-summary")
    assert visit.console_errors == []


def test_sparklines_do_not_bridge_a_break():
    # SYNTHETIC: two stretches either side of a 2024 break
    series = pd.DataFrame(
        {
            "year": [2021, 2022, 2023, 2024],
            "value": [10.0, 20.0, 40.0, 15.0],
            "segment": [0, 0, 0, 1],
        }
    )
    svg = unquote(sparkline_svg(series, (2021, 2024), [2024], 2023))
    assert svg.count("<polyline") == 2  # one line per stretch, never joined
    assert 'stroke-dasharray="2,2"' in svg  # the break itself is drawn
    assert svg.count("<circle") == 2  # the flagged year and the year before


@pytest.mark.browser
def test_the_track_record_shows_and_follows_the_thresholds(visit):
    page = visit.open("/emerging")
    page.wait_for_selector("#emerging-track-table tbody tr")
    table = page.inner_text("#emerging-track-table")
    assert "These thresholds" in table and "Naive rule: grew by 50% or more" in table
    # each year t with flagged rises is a row; 2023 has no 2024 country figure to judge by
    years = page.locator("#emerging-track-table tbody th").all_inner_texts()
    assert years == ["2020", "2021", "2022", "2023"]
    assert "Cannot tell yet: 2023" in page.inner_text("#emerging-track-record")
    before = page.inner_text("#emerging-track-summary")
    assert before.startswith("Of the ") and "stayed high the next year" in before
    page.fill("#emerging-min-growth", "400")
    page.press("#emerging-min-growth", "Tab")
    page.wait_for_function(
        f"document.querySelector('#emerging-track-summary').innerText !== {before!r}"
    )
    assert page.inner_text("#emerging-track-summary") != before
    visit.screenshot("emerging-track-record")
    assert visit.console_errors == []


@pytest.mark.browser
def test_the_focus_filter_lists_only_focus_countries_and_says_when_none_is_flagged(visit):
    page = visit.open("/emerging?year=2021")
    page.wait_for_selector(LIST_ROWS)
    assert page.locator(f"{LIST_ROWS}").count() > page.locator(".focus-row").count() >= 1
    assert "Focus countries flagged in 2021: Cambodia" in page.inner_text("#emerging-summary")
    page.locator("#emerging-focus").check(force=True)
    page.wait_for_function("window.location.search.includes('focus=')")
    page.wait_for_function(
        "document.querySelector('#emerging-summary').innerText.includes('in the focus countries')"
    )
    names = page.locator(f"{LIST_ROWS} td:nth-child(2) a").all_inner_texts()
    assert names and set(names) <= {"Philippines", "Ghana", "Cambodia", "Thailand", "India"}
    assert page.locator(LIST_ROWS).count() == page.locator(".focus-row").count()
    # 2023: no focus country is flagged, and the page says so instead of an empty table
    page = visit.open("/emerging?focus=true")
    page.wait_for_selector(".emerging-empty")
    assert (
        "None of the focus countries (Philippines, Ghana, Cambodia, Thailand, India) is "
        "flagged in 2023" in page.inner_text("#emerging-list")
    )
    assert visit.console_errors == []
