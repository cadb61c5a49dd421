"""Search, share and readable tables in a real browser, against the one `server` of the
session: the issue's four searches open the right views, a card's link and embed snippet work
and the embed view is the chart alone, tables round on screen but downloads keep every digit,
the base-year list is the data's years, and a country left out is named with the reason."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser


def search(page, text: str) -> None:
    box = page.get_by_role("searchbox", name="Search")
    box.fill(text)
    page.wait_for_selector("#site-search-results a.site-search-link")


@pytest.mark.parametrize(
    ("text", "path", "indicator"),
    [
        ("sextortion", "/compare", "sextortion"),
        ("livestream", "/country/PHL", "soh_"),
        ("Philipines", "/country/PHL", None),
        ("KHM", "/country/KHM", None),
    ],
)
def test_a_search_opens_the_view_that_shows_it(visit, text, path, indicator):
    page = visit.open("/gaps")
    search(page, text)
    with page.expect_navigation():
        page.get_by_role("searchbox", name="Search").press("Enter")
    page.wait_for_selector("#page > *", state="attached")
    url = urlparse(page.url)
    assert url.path == path
    if indicator:
        assert indicator in parse_qs(url.query)["indicator"][0]
        page.wait_for_selector(".js-plotly-plot .gtitle", state="attached")
        title = page.locator(".js-plotly-plot .gtitle").first.text_content().lower()
        assert ("sextortion" in title) if text == "sextortion" else ("csem" in title)
    else:
        heading = page.locator("#page h2").first.inner_text()
        assert heading.startswith({"KHM": "Cambodia", "Philipines": "Philippines"}[text])
    assert visit.console_errors == []


def test_search_results_are_reached_with_the_arrow_keys(visit):
    page = visit.open("/")
    search(page, "grooming")
    box = page.get_by_role("searchbox", name="Search")
    box.press("ArrowDown")
    first = page.locator("#site-search-results a.site-search-link").first
    assert first.evaluate("a => a === document.activeElement")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "enticement" in page.url or "grooming" in page.url


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
    assert parse_qs(urlparse(src).query)["year"] == ["2022"]
    response = page.goto(src, wait_until="networkidle")
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("#embed-graph .main-svg", state="attached")
    assert "2022" in page.locator("#embed-graph .gtitle").text_content()
    assert not page.locator(".app-header").is_visible()
    assert page.locator(".dl-btn").count() == 0  # no card around it
    assert visit.console_errors == []


def test_table_rounds_on_screen_and_the_csv_keeps_every_digit(visit, shipped_store):
    obs = shipped_store.observations
    rows = obs[obs["preferred"] & (obs["entity"] == "GHA") & (obs["year"] == 2023)]
    value = rows.set_index("indicator")["value"]
    rate = value["cybertipline_reports"] / value["population_total"] * 100_000
    page = visit.open("/compare?entities=PHL,GHA&norm=per_100k_population")
    page.wait_for_selector("#compare-graph .main-svg", state="attached")
    page.get_by_role("tab", name="Table").click()
    page.wait_for_selector("#compare-table-data td")
    table = page.inner_text("#compare-table-data")
    assert f"{rate:,.1f}" in table
    assert "ncmec-bycountry" not in table and "CyberTipline Reports by Country" in table
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the data shown as CSV").first.click()
    text = open(download.value.path(), encoding="utf-8").read()
    data = list(csv.DictReader(io.StringIO(text[text.index("country or region,") :])))
    ghana = next(r for r in data if r["code"] == "GHA" and r["year"] == "2023")
    assert float(ghana["value"]) == pytest.approx(rate, rel=1e-12)
    assert len(ghana["value"].split(".")[1]) > 4


def test_base_years_are_the_years_with_data_and_a_left_out_country_is_named(
    visit, shipped_store
):
    obs = shipped_store.observations
    rows = obs[
        obs["preferred"]
        & (obs["indicator"] == "cybertipline_reports")
        & obs["entity"].isin(["PHL", "AIA"])
    ]
    page = visit.open("/compare?entities=PHL,AIA&norm=per_100k_population")
    page.wait_for_selector("#compare-graph .main-svg", state="attached")
    note = page.locator("#compare-card .chart-left-out")
    assert note.is_visible()
    assert "Anguilla (no denominator within 2 years)" in note.inner_text()
    page.get_by_role("textbox", name="Base year (for the index)").click()
    options = page.get_by_role("option").all_inner_texts()
    assert options == [str(y) for y in sorted(rows["year"].unique())]
    assert "2001" not in options
