"""Data gaps in a real browser: the local map, the missing list, URL round trip, offline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

MATRIX_TITLE = """() => {
    const plot = document.querySelector('#gaps-matrix-graph .js-plotly-plot');
    return plot && plot.layout && plot.layout.title ? plot.layout.title.text : null;
}"""


def test_focus_group_shows_map_and_missing_list(visit):
    page = visit.open("/gaps")
    page.wait_for_selector("#gaps-map-graph path.choroplethlocation", state="attached")
    shapes = page.locator("#gaps-map-graph path.choroplethlocation").count()
    assert shapes >= 150
    missing = page.inner_text("#gaps-missing")
    ghana = next(line for line in missing.splitlines() if line.startswith("Missing for Ghana"))
    assert "Disrupting Harm" in ghana and "Global Slavery Index" in ghana
    assert "Missing for Philippines" in missing
    assert "Focus group" in page.wait_for_function(MATRIX_TITLE).json_value()
    visit.screenshot("gaps")
    assert visit.external_requests() == []
    assert visit.console_errors == []


def test_ghana_list_names_the_disrupting_harm_headline(visit):
    page = visit.open("/gaps?who=GHA")
    page.locator("#gaps-missing summary").first.click()
    text = page.inner_text("#gaps-missing")
    assert "children subjected to online sexual exploitation and abuse in the past year" in text
    assert "Missing for Philippines" not in text


def test_url_round_trip_restores_the_view(visit, browser):
    page = visit.open("/gaps?who=GHA")
    title = page.wait_for_function(MATRIX_TITLE).json_value()
    assert title.startswith("Ghana")
    fresh = browser.new_context(viewport={"width": 1280, "height": 800})
    other = fresh.new_page()
    other.goto(page.evaluate("window.location.href"), wait_until="networkidle")
    assert other.wait_for_function(MATRIX_TITLE).json_value() == title
    fresh.close()


def test_choosing_a_country_updates_the_url(visit):
    page = visit.open("/gaps")
    page.wait_for_function(MATRIX_TITLE)
    page.locator("#gaps-who").click()
    page.locator("#gaps-who").fill("Cambodia")
    page.get_by_role("option", name="Cambodia (KHM)").click()
    page.wait_for_function("window.location.search.includes('who=KHM')")
    page.wait_for_function(
        "() => { const t = (" + MATRIX_TITLE + ")(); return t && t.startsWith('Cambodia'); }"
    )


def test_invalid_parameters_fall_back_with_notices(visit):
    page = visit.open("/gaps?who=ZZZ")
    assert "Unknown country 'ZZZ'; showing the focus group instead." in page.inner_text("#page")
    page = visit.open("/gaps?who=12345")
    assert "Ignored 'who=12345'" in page.inner_text("#page")
    assert "Focus group" in page.wait_for_function(MATRIX_TITLE).json_value()
