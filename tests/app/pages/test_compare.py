"""Compare in a real browser: several countries, normalised, URL round trip, offline."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def test_compare_per_100k_population_matches_a_hand_computation(visit, shipped_store):
    obs = shipped_store.observations
    reports = obs[
        (obs["indicator"] == "cybertipline_reports")
        & obs["preferred"]
        & (obs["entity"] == "GHA")
        & (obs["year"] == 2023)
    ]["value"].iloc[0]
    population = obs[
        (obs["indicator"] == "population_total")
        & obs["preferred"]
        & (obs["entity"] == "GHA")
        & (obs["year"] == 2023)
    ]["value"].iloc[0]
    expected = reports / population * 100_000
    page = visit.open("/compare?entities=PHL,GHA&norm=per_100k_population")
    page.wait_for_selector("#compare-graph .main-svg", state="attached")
    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector("#compare-table-data td")
    table = page.inner_text("#compare-table-data")
    assert f"{expected:,.1f}" in table  # a rate to one decimal on screen
    visit.screenshot("compare")
    assert visit.external_requests() == []
    assert visit.console_errors == []


FIGURE_STATE = """() => {
    const plot = document.querySelector('#compare-graph .js-plotly-plot');
    if (!plot || !plot._fullData || !plot._fullData.length) { return null; }
    return JSON.stringify([(plot.layout.title || {}).text,
                           plot._fullData.map(t => [t.name, Array.from(t.x), Array.from(t.y)])]);
}"""


def figure_state(page) -> str:
    page.wait_for_function(FIGURE_STATE)
    return page.evaluate(FIGURE_STATE)


def test_url_round_trip_restores_the_view(visit, browser, server):
    url = "/compare?indicator=cybertipline_reports&entities=KHM,THA&norm=index&base=2019&scale=log"
    page = visit.open(url)
    first = figure_state(page)
    assert "index (2019 = 100)" in first and "Cambodia" in first
    copied = page.evaluate("window.location.href")
    fresh = browser.new_context(viewport={"width": 1280, "height": 800})
    other = fresh.new_page()
    other.goto(copied, wait_until="networkidle")
    assert figure_state(other) == first
    assert other.evaluate("window.location.search") == page.evaluate("window.location.search")
    fresh.close()


def test_changing_a_control_updates_the_url(visit):
    page = visit.open("/compare")
    page.wait_for_selector("#compare-graph .main-svg", state="attached")
    page.get_by_text("Log scale").click()
    page.wait_for_function("window.location.search.includes('scale=log')")


def test_series_break_is_drawn_and_never_bridged(visit):
    page = visit.open("/compare?indicator=cybertipline_reports&entities=WLD")
    traces = json.loads(figure_state(page))[1]
    assert "series break 2024" in page.inner_text("#compare-graph")
    # two separate traces for the world line, 1998-2023 (OJJDP's Appendix A, then NCMEC) and
    # 2024-2025 (after bundling): the break is never bridged
    assert sorted(len(x) for _, x, _ in traces) == [2, 26]


def test_invalid_parameters_fall_back_with_notices(visit):
    page = visit.open("/compare?entities=PHL,ZZZ&norm=bogus&scale=sideways")
    text = page.inner_text("#page")
    assert "Ignored 'norm=bogus'" in text and "Ignored 'scale=sideways'" in text
    assert "Unknown countries or regions ignored: ZZZ" in text
    page.wait_for_selector("#compare-graph .main-svg", state="attached")


def test_png_and_svg_downloads_have_sensible_names(visit):
    page = visit.open("/compare?entities=PHL,GHA")
    figure_state(page)
    card = page.locator("#compare-card")
    with page.expect_download() as png:
        card.get_by_role("button", name="Download chart as PNG").click()
    assert png.value.suggested_filename == "cybertipline_reports_raw_PHL-GHA_linear.png"
    with page.expect_download() as svg:
        card.get_by_role("button", name="Download chart as SVG").click()
    assert svg.value.suggested_filename.endswith(".svg")
    assert "<svg" in open(svg.value.path(), encoding="utf-8").read(400)
    assert visit.console_errors == []


def test_no_cloud_share_button(visit):
    page = visit.open("/compare")
    figure_state(page)
    page.hover("#compare-graph .js-plotly-plot")
    page.wait_for_selector("#compare-graph .modebar", state="attached")
    titles = page.eval_on_selector_all(
        "#compare-graph .modebar-btn", "els => els.map(e => e.getAttribute('data-title'))"
    )
    assert titles and not any("Share" in (t or "") for t in titles)


def test_xlsx_download_of_the_view_has_data_and_citation_sheets(visit):
    import openpyxl

    page = visit.open("/compare?entities=PHL,GHA")
    figure_state(page)
    with page.expect_download() as info:
        page.locator("#compare-card").get_by_role(
            "button", name="Download the data shown as XLSX (an Excel workbook)"
        ).click()
    assert info.value.suggested_filename == "cybertipline_reports_raw_PHL-GHA_linear.xlsx"
    with open(info.value.path(), "rb") as handle:  # the temporary path has no .xlsx suffix
        book = openpyxl.load_workbook(handle)
    assert book.sheetnames == ["Data", "Citation"]
    values = [row for row in book["Data"].iter_rows(values_only=True)]
    assert any(row[1] == "PHL" and row[2] == 2023 and row[3] == 2_740_905 for row in values[1:])
    citation = " ".join(str(c.value) for c in book["Citation"]["A"])
    assert "Source: National Center for Missing & Exploited Children" in citation
