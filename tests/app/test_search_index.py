"""The search index built from the shipped store and the page registry: each of the issue's
searches opens the view that shows it, and the index follows a new store version."""

from __future__ import annotations

import dataclasses
from urllib.parse import parse_qs, urlparse

import pytest

from dashboard.app import context
from dashboard.app.pages import all_pages
from dashboard.app.search_index import search_index


@pytest.fixture(scope="module")
def index(shipped_store):
    context.use_store(shipped_store)
    return search_index(tuple(all_pages()))


def first(index, query: str) -> tuple[str, dict[str, list[str]]]:
    href = index.search(query)[0].href
    url = urlparse(href)
    return url.path, parse_qs(url.query)


def test_sextortion_opens_the_sextortion_figures(index, shipped_store):
    path, query = first(index, "sextortion")
    assert "sextortion" in query["indicator"][0]
    name = shipped_store.indicators.set_index("id").loc[query["indicator"][0], "name"]
    assert "sextortion" in name.lower()
    assert path == "/compare" and query["entities"] == ["WLD"]  # world-only figures


def test_livestream_opens_the_scale_of_harm_figures_for_the_philippines(index):
    path, query = first(index, "livestream")
    assert path == "/country/PHL"
    assert query["indicator"][0].startswith("soh_")  # IJM's study of livestreamed abuse


def test_a_misspelt_country_and_a_code_open_the_country(index):
    assert first(index, "Philipines") == ("/country/PHL", {})
    assert first(index, "KHM") == ("/country/KHM", {})


def test_a_source_id_opens_its_year_on_the_map(index):
    assert first(index, "ncmec-bycountry-2019") == (
        "/map",
        {"indicator": ["cybertipline_reports"], "year": ["2019"]},
    )


def test_indicators_published_only_by_category_are_found(index, shipped_store):
    """Platform counts and NCMEC's law-enforcement breakdowns have no total row: they open the
    page that draws them, or their catalogue entry."""
    names = shipped_store.indicators.set_index("id")["name"]
    hrefs = {e.code: e.href for e in index.entries if e.kind == "indicator"}
    assert hrefs["cybertipline_reports_by_esp"] == "/modus-operandi"
    assert hrefs["gpcep_referrals_by_incident_type"] == "/modus-operandi"
    assert hrefs["cybertipline_reports_made_available_total"] == (
        "/sources?tab=indicators&indicator=cybertipline_reports_made_available_total"
    )
    found = index.search(names["cybertipline_reports_by_user_location"])[0]
    assert found.code == "cybertipline_reports_by_user_location"


def test_editor_pages_are_not_in_the_index(index):
    assert all(e.href != "/publish" for e in index.entries)
    assert {"/map", "/compare", "/gaps"} <= {e.href for e in index.entries if e.kind == "page"}


def test_the_index_follows_a_new_store_version(index, shipped_store):
    """A publication withdrawn in a new version is no longer found; the old version's index is
    not reused."""
    sources = shipped_store.sources
    kept = sources[sources["id"] != "ncmec-bycountry-2019"]
    newer = dataclasses.replace(shipped_store, sources=kept, content_hash="newer-version")
    try:
        context.use_store(newer)
        found = search_index(tuple(all_pages())).search("ncmec-bycountry-2019")
        assert all(e.code != "ncmec-bycountry-2019" for e in found)
    finally:
        context.use_store(shipped_store)
    again = search_index(tuple(all_pages())).search("ncmec-bycountry-2019")
    assert again[0].code == "ncmec-bycountry-2019"
