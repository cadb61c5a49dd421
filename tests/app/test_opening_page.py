"""The page being opened comes drawn in the layout (app/__init__.py `opening`): its charts ask
for their figures at once, without the router's round trip first. The router then leaves it
be, once; every later address is drawn by the router as before."""

from __future__ import annotations

import json

import pytest

from dashboard.app import create_app
from tests.app.auth.conftest import find, route_callback


@pytest.fixture(scope="module")
def client(shipped_store):
    return create_app(shipped_store).server.test_client()


def layout(client, referrer: str | None) -> dict:
    headers = {"Referer": referrer} if referrer else {}
    return client.get("/_dash-layout", headers=headers).get_json()


def test_behind_a_proxy_that_names_the_host_without_its_port_the_page_is_drawn_too(client):
    sent = layout(client, "http://127.0.0.1:8050/gaps")
    assert find(find(sent, id="page"), id="gaps-matrix-graph") is not None


def test_the_layout_holds_the_page_at_the_address_that_asks_for_it(client):
    sent = layout(client, "http://localhost/country/GHA?norm=per_100k_population")
    page = find(sent, id="page")
    assert find(page, id="country-graph") is not None
    assert "Ghana" in json.dumps(page)
    assert "Figures: version" in json.dumps(find(sent, id="site-footer-text"))
    assert find(sent, id="page-opened")["props"]["data"] == (
        "/country/GHA?norm=per_100k_population"
    )


@pytest.mark.parametrize("referrer", [None, "", "not an address"])
def test_without_its_own_address_the_layout_leaves_the_page_to_the_router(client, referrer):
    sent = layout(client, referrer)
    assert find(sent, id="page")["props"].get("children") is None
    assert find(sent, id="page-opened")["props"]["data"] is None


def test_the_router_leaves_the_opened_page_be_once(client):
    kept = route_callback(client, "/map", "", "/map")
    assert kept.status_code == 200
    answer = kept.get_json()
    assert answer["response"] == {}  # the page and footer as the layout drew them
    assert answer["sideUpdate"] == {"page-opened": {"data": None}}
    # back at /map later (opened cleared): drawn again
    drawn = route_callback(client, "/map", "", None).get_json()
    assert find(drawn["response"]["page"]["children"], id="map-graph") is not None


def test_the_router_draws_another_address_than_the_one_opened(client):
    answer = route_callback(client, "/gaps", "", "/map").get_json()
    assert find(answer["response"]["page"]["children"], id="gaps-matrix-graph") is not None
    assert answer["sideUpdate"] == {"page-opened": {"data": None}}


def test_a_reader_who_leaves_the_opened_page_and_comes_back_sees_it(visit):
    page = visit.open("/map")
    page.wait_for_selector("#map-graph path.choroplethlocation", state="attached")
    page.click("#nav-gaps")
    page.wait_for_selector("#gaps-matrix-graph", state="attached")
    page.click("#nav-map")
    page.wait_for_selector("#map-graph path.choroplethlocation", state="attached")
    assert page.locator("#page h1").first.inner_text()
    assert visit.console_errors == []


def test_the_layout_and_callback_list_are_asked_for_once_as_the_page_arrives(visit):
    """The page's head asks for both while its scripts load (app/__init__.py `early_requests`),
    and Dash's renderer takes those answers: each is fetched once, not twice."""
    page = visit.open("/map")
    page.wait_for_selector("#map-graph path.choroplethlocation", state="attached")
    early = page.locator('head link[rel="preload"][as="fetch"]')
    assert sorted(early.evaluate_all("links => links.map(l => l.getAttribute('href'))")) == [
        "/_dash-dependencies",
        "/_dash-layout",
    ]
    asked = [url.removeprefix(visit.base) for url in visit.requests]
    assert asked.count("/_dash-layout") == 1
    assert asked.count("/_dash-dependencies") == 1
    assert visit.console_errors == []
