"""Search, share and readable tables in a real browser, against the one `server` of the
session: the issue's four searches open the right views, a card's link and embed snippet work
and the embed view is the chart alone, tables round on screen but downloads keep every digit,
the base-year list is the data's years, and a country left out is named with the reason."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser


def search(page, text: str) -> None:
    box = page.get_by_role("searchbox", name="Search")
    box.fill(text)
    page.wait_for_selector("#site-search-results a.site-search-link")


SEARCHES = [  # typed, the view it opens, part of its indicator, a word of its chart's title
    ("sextortion", "/compare", "sextortion", "sextortion"),
    ("livestream", "/country/PHL", "soh_", "csem"),  # IJM's Scale of Harm: livestreamed abuse
    ("Philipines", "/country/PHL", None, None),
    ("KHM", "/country/KHM", None, None),
]
HEADINGS = {"/country/PHL": "Philippines", "/country/KHM": "Cambodia"}


def test_the_results_close_on_a_click_elsewhere_and_open_again(visit):
    page = visit.open("/no-such-page")
    search(page, "sextortion")
    results = page.locator("#site-search-results")
    assert results.is_visible()
    page.locator("#page h1").click()
    assert results.is_hidden()
    page.get_by_role("searchbox", name="Search").focus()
    assert results.is_visible()
    page.keyboard.press("Escape")
    assert results.is_hidden()


def test_each_search_opens_the_view_that_shows_it(visit):
    """One after the other, from the search box of the page the last one opened; the last
    result is chosen with the arrow keys."""
    page = visit.open("/no-such-page")  # the lightest page: the frame and its search box
    for text, path, indicator, title_word in SEARCHES:
        search(page, text)
        box = page.get_by_role("searchbox", name="Search")
        with page.expect_navigation():
            if text == "KHM":
                box.press("ArrowDown")
                first = page.locator("#site-search-results a.site-search-link").first
                assert first.evaluate("a => a === document.activeElement")
                page.keyboard.press("Enter")
            else:
                box.press("Enter")
        page.wait_for_selector("#page > *", state="attached")
        url = urlparse(page.url)
        assert url.path == path, text
        if indicator:
            assert indicator in parse_qs(url.query)["indicator"][0]
            page.wait_for_selector(".js-plotly-plot .gtitle", state="attached")
            title = page.locator(".js-plotly-plot .gtitle").first.text_content().lower()
            assert title_word in title, (text, title)
        else:
            heading = page.locator("#page h1").first.inner_text()
            assert heading.startswith(HEADINGS[path]), (text, heading)
    assert visit.console_errors == []


def test_copy_link_and_embed_open_the_chart_alone(visit, server):
    page = visit.open("/map?indicator=cybertipline_reports&year=2022")
    card = page.locator("#map-card")
    page.wait_for_selector("#map-graph .main-svg", state="attached")
    assert card.get_by_role("button", name="Copy link").is_visible()
    card.locator("summary", has_text="Embed").click()
    code = card.locator("textarea.embed-code")
    page.wait_for_function("() => document.querySelector('#map-card textarea').value.length > 0")
    snippet = code.input_value()
    assert snippet.startswith('<iframe src="' + server + "/embed/map?")
    src = snippet.split('"')[1]
    asked = parse_qs(urlparse(src).query)
    assert asked["year"] == ["2022"] and asked["lang"] == ["en"]
    assert asked["view"] == ["/map?year=2022"]  # the address bar: the default indicator left out
    response = page.goto(src, wait_until="networkidle")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("#embed-graph .main-svg", state="attached")
    assert "2022" in page.locator("#embed-graph .gtitle").text_content()
    assert not page.locator(".app-header").is_visible()
    assert page.locator(".dl-btn").count() == 0  # no card around it
    # the credit opens the very view the chart was embedded from
    credit = page.locator(".embed-credit a").get_attribute("href")
    assert credit == "/map?year=2022"
    assert visit.console_errors == []


def rates_per_100k(obs, entities: list[str]) -> dict[tuple[str, int], float]:
    """Reports per 100,000 population by hand, for each entity and year with both."""
    rows = obs[obs["preferred"] & obs["entity"].isin(entities) & (obs["category"] == "")]
    wide = rows.pivot_table(index=["entity", "year"], columns="indicator", values="value")
    rate = (wide["cybertipline_reports"] / wide["population_total"] * 100_000).dropna()
    return {(e, int(y)): v for (e, y), v in rate.items()}


def test_compare_rounds_on_screen_names_what_it_leaves_out_and_offers_only_data_years(
    visit, shipped_store
):
    """On screen a rate has one decimal and a source its title; the CSV keeps every digit.
    Anguilla has no population figure near its years: named beside the chart, with why. The
    base-year list is the years the selection has values for (2019-2023 here, not 2000-2025)."""
    obs = shipped_store.observations
    chosen = ["PHL", "GHA", "AIA"]
    rates = rates_per_100k(obs, chosen)
    reports = obs[
        obs["preferred"] & (obs["indicator"] == "cybertipline_reports") & obs["entity"].isin(chosen)
    ]
    page = visit.open(f"/compare?entities={','.join(chosen)}&norm=per_100k_population")
    page.wait_for_selector("#compare-graph .main-svg", state="attached")

    note = page.locator("#compare-card .chart-left-out")
    note.wait_for(state="visible")  # with the figure's answer, which may follow the empty chart
    assert note.is_visible()
    assert "Anguilla (no denominator within 2 years)" in note.inner_text()

    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector("#compare-table-data td")
    table = page.inner_text("#compare-table-data")
    assert re.search(r"\d\.\d{2,}", table) is None  # no value shown with two decimals or more
    shown = [v for v in rates.values() if f"{v:,.1f}" in table]
    assert len(shown) >= 3
    assert "ncmec-bycountry" not in table and "CyberTipline Reports by Country" in table

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the data shown as CSV").first.click()
    text = open(download.value.path(), encoding="utf-8").read()
    data = list(csv.DictReader(io.StringIO(text[text.index("country or region,") :])))
    ghana = next(r for r in data if r["code"] == "GHA" and r["year"] == "2023")
    assert float(ghana["value"]) == pytest.approx(rates[("GHA", 2023)], rel=1e-12)
    assert len(ghana["value"].split(".")[1]) > 4

    page.get_by_role("textbox", name="Base year (for the index)").click()
    options = page.get_by_role("option").all_inner_texts()
    assert options == [str(y) for y in sorted(reports["year"].unique())]
    assert "2001" not in options
