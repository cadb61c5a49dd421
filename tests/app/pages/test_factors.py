"""Factors in a real browser: statistics match the analysis, URL round trip, offline."""

from __future__ import annotations

import json

import pytest

from dashboard.analysis.factors import factor_frame, loglog_fit, spearman

pytestmark = pytest.mark.browser

NCMEC_2022 = (
    "/factors?indicator=cybertipline_reports&norm=per_100k_population"
    "&factor=internet_users_pct&year=2022"
)
FIGURE_STATE = """() => {
    const plot = document.querySelector('#factors-graph .js-plotly-plot');
    if (!plot || !plot._fullData || !plot._fullData.length) { return null; }
    return JSON.stringify([(plot.layout.title || {}).text, plot.layout.xaxis.type,
                           plot._fullData.map(t => [t.name, Array.from(t.x || []).length])]);
}"""


def figure_state(page) -> list:
    page.wait_for_function(FIGURE_STATE)
    return json.loads(page.evaluate(FIGURE_STATE))


def expected_stats(store):
    countries = set(store.entities.loc[store.entities["kind"] == "country", "code"])
    frame = factor_frame(
        store.observations,
        store.indicators,
        "cybertipline_reports",
        "internet_users_pct",
        2022,
        "per_100k_population",
        countries,
    )
    return frame, spearman(frame.rows), loglog_fit(frame.rows)


def test_ncmec_per_100k_vs_internet_use_shows_rho_slope_n(visit, shipped_store):
    frame, corr, fit = expected_stats(shipped_store)
    page = visit.open(NCMEC_2022)
    _, _, traces = figure_state(page)
    points = sum(n for name, n in traces if name in ("countries", "focus countries"))
    assert points == corr.n >= 30
    assert any(name.startswith("log-log fit") for name, _ in traces)
    assert page.inner_text("#stat-rho") == f"{corr.rho:.2f}"
    assert page.inner_text("#stat-slope") == f"{fit.slope:.2f}"
    assert page.inner_text("#stat-n") == str(corr.n)
    left = len(frame.left_out_countries())
    assert page.inner_text("#factors-left-out").startswith(f"Left out: {left} countries")
    assert "no internet-use value for 2022" in page.inner_text("#factors-stats")
    assert "not causation" in page.inner_text("#factors-caveat")
    assert "Gapminder" in page.inner_text("#factors-caveat")
    page.wait_for_selector("#factors-within-graph .main-svg", state="attached")
    visit.screenshot("factors")
    page.get_by_role("tab", name="Table").first.click()
    page.wait_for_selector("#factors-table-data td")
    assert "Philippines" in page.inner_text("#factors-table-data") or corr.n > 12
    assert visit.external_requests() == []
    assert visit.console_errors == []


def test_url_round_trip_restores_the_view(visit, browser):
    url = (
        "/factors?indicator=cybertipline_reports&norm=raw&factor=gdp_per_capita_ppp"
        "&year=all&scale=linear&country=GHA"
    )
    page = visit.open(url)
    first = figure_state(page)
    assert first[1] == "linear" and "all years pooled" in first[0]
    assert "Ghana" in page.inner_text("#factors-within-graph")
    assert "clustered by country" in page.inner_text("#factors-stats")
    copied = page.evaluate("window.location.href")
    fresh = browser.new_context(viewport={"width": 1280, "height": 800})
    other = fresh.new_page()
    other.goto(copied, wait_until="networkidle")
    assert figure_state(other) == first
    fresh.close()


def test_changing_a_control_updates_the_url(visit):
    page = visit.open(NCMEC_2022)
    figure_state(page)
    page.get_by_text("Linear axes").click()
    page.wait_for_function("window.location.search.includes('scale=linear')")
    assert "year=2022" in page.evaluate("window.location.search")


def test_invalid_parameters_fall_back_with_notices(visit):
    page = visit.open("/factors?norm=index&factor=bogus&year=1800&country=ZZZ&colour=red")
    text = page.inner_text("#page")
    assert "Ignored 'norm=index'" in text and "Ignored 'factor=bogus'" in text
    assert "Too few countries have a value in 1800" in text
    assert "No values for country 'ZZZ'" in text
    assert "Ignored unknown URL parameter 'colour'" in text
    figure_state(page)
