"""Map in a real browser: shapes drawn offline, normalisation, click-through, URL state."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.browser

SHAPES = "path.choroplethlocation"
FIGURE_STATE = """() => {
    const plot = document.querySelector('#map-graph .js-plotly-plot');
    if (!plot || !plot._fullData || plot._fullData.length < 2) { return null; }
    const published = plot._fullData[1];
    return JSON.stringify([(plot.layout.title || {}).text, Array.from(published.locations),
                           Array.from(published.z), Array.from(published.hovertext)]);
}"""


def figure_state(page) -> list:
    page.wait_for_function(FIGURE_STATE)
    return json.loads(page.evaluate(FIGURE_STATE))


def wait_for_title(page, words: str) -> list:
    page.wait_for_function(
        "(words) => { const p = document.querySelector('#map-graph .js-plotly-plot');"
        " const title = p && p.layout && p.layout.title && p.layout.title.text;"
        " return Boolean(title) && title.includes(words); }",  # no title between two figures
        arg=words,
    )
    return figure_state(page)


def controls(page) -> dict:
    return {
        "indicator": page.input_value("#map-indicator"),
        "year": page.get_attribute("#map-year [role=slider]", "aria-valuenow"),
        "norm": page.input_value("#map-norm"),
        "scale": page.locator("#map-scale input[type=radio]:checked").get_attribute("value"),
    }


def value_of(store, indicator: str, entity: str, year: int) -> float:
    obs = store.observations
    rows = obs[
        (obs["indicator"] == indicator)
        & obs["preferred"]
        & (obs["entity"] == entity)
        & (obs["year"] == year)
        & (obs["category"] == "")
    ]
    return float(rows["value"].iloc[0])


def test_map_draws_country_shapes_offline(visit):
    page = visit.open("/map")
    page.wait_for_selector(SHAPES, state="attached")
    page.wait_for_function(f"document.querySelectorAll('{SHAPES}').length >= 150")
    assert page.locator(SHAPES).count() >= 150
    text = page.inner_text("#page")
    assert "grey" in text and "no published value" in text
    assert "Not mapped (not a country): No country listed: 1,851,762" in text
    assert "not victims" in text
    # small states without a 110m shape (Singapore, Bahrain, Malta, ...) are circles
    circles = page.evaluate(
        "() => document.querySelector('#map-graph .js-plotly-plot').data[2].customdata.length"
    )
    assert circles >= 30
    visit.screenshot("map")
    assert visit.external_requests() == []  # the geometry came from /assets/<hash>/geo/
    assert any(re.search(r"/assets/[0-9a-f]{12}/geo/world_110m\.json$", u) for u in visit.requests)
    assert visit.console_errors == []


def test_per_100k_population_matches_a_hand_computation(visit, shipped_store):
    reports = value_of(shipped_store, "cybertipline_reports", "PHL", 2023)
    population = value_of(shipped_store, "population_total", "PHL", 2023)
    expected = reports / population * 100_000  # 2,740,905 / population x 100,000
    page = visit.open("/map?indicator=cybertipline_reports&year=2023&scale=linear")
    raw = figure_state(page)
    assert raw[2][raw[1].index("PHL")] == 2_740_905
    page.click("#map-norm")
    page.get_by_role("option", name="per 100,000 population").click()
    title, locations, z, hover = wait_for_title(page, "per 100,000 population")
    philippines = locations.index("PHL")
    assert z[philippines] == pytest.approx(expected)
    assert f"{expected:,.2f} per 100,000 population" in hover[philippines]
    page.wait_for_function("window.location.search.includes('norm=per_100k_population')")
    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector("#map-table-data td")
    assert "as published" in page.inner_text("#map-table-data")
    assert visit.console_errors == []


def test_clicking_a_country_on_the_map_opens_its_profile(visit):
    page = visit.open("/map")
    page.wait_for_selector(SHAPES, state="attached")
    box = page.evaluate(
        """() => {
        const path = [...document.querySelectorAll('path.choroplethlocation')]
            .find(p => p.__data__ && p.__data__.loc === 'BRA');
        const r = path.getBoundingClientRect();
        return {x: r.x + r.width * 0.45, y: r.y + r.height * 0.35};
    }"""
    )
    page.mouse.move(box["x"], box["y"])
    page.wait_for_function(
        "document.querySelector('.hoverlayer') &&"
        " document.querySelector('.hoverlayer').textContent.includes('Brazil')"
    )
    page.mouse.click(box["x"], box["y"])
    page.wait_for_function("window.location.pathname === '/country/BRA'")
    page.wait_for_selector("#country-title")
    assert "Brazil" in page.inner_text("#country-title")
    assert visit.console_errors == []


def test_url_round_trip_restores_the_view(visit, browser):
    url = "/map?indicator=cybertipline_reports&year=2021&norm=per_100k_population&scale=log"
    page = visit.open(url)
    first = wait_for_title(page, "2021: per 100,000 population")
    state = controls(page)
    assert state == {
        "indicator": "NCMEC: CyberTipline reports by country",
        "year": "2021",
        "norm": "per 100,000 population",
        "scale": "log",
    }
    page.get_by_text("Linear colours").click()
    page.wait_for_function("window.location.search.includes('scale=linear')")
    page.get_by_text("Log colours").click()
    page.wait_for_function("!window.location.search.includes('scale=linear')")
    copied = page.evaluate("window.location.href")
    assert "year=2021" in copied and "norm=per_100k_population" in copied
    fresh = browser.new_context(viewport={"width": 1280, "height": 800})
    other = fresh.new_page()
    other.goto(copied, wait_until="networkidle")
    assert wait_for_title(other, "2021: per 100,000 population") == first
    assert controls(other) == state
    fresh.close()


def test_play_steps_through_the_years_from_the_keyboard(visit):
    page = visit.open("/map?year=2021")
    page.wait_for_selector(SHAPES, state="attached")
    assert page.get_attribute("#map-play", "aria-label").startswith("Play")
    page.focus("#map-play")
    page.keyboard.press("Enter")
    page.wait_for_function("window.location.search.includes('year=2022')", timeout=15_000)
    page.wait_for_function("window.location.search.includes('year=2023')", timeout=15_000)
    page.wait_for_function("document.querySelector('#map-play').innerText.includes('Play')")
    wait_for_title(page, "2023")


def test_invalid_parameters_fall_back_with_notices(visit):
    page = visit.open("/map?year=1700&norm=bogus&indicator=made_up")
    page.wait_for_selector(".url-notice")
    text = page.inner_text("#page")
    assert "Ignored 'norm=bogus'" in text
    assert "Unknown indicator 'made_up'" in text
    assert "No country values for 1700" in text
    assert "2023" in wait_for_title(page, "CyberTipline reports by country")[0]
    assert controls(page)["norm"] == "as published"
    assert visit.console_errors == []
