"""Compressed responses and long-lived caching of fingerprinted files: what a slow link saves,
and that nothing arrives changed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest

from dashboard.app import create_app
from dashboard.store.read import load_store
from tests.app.auth.conftest import route_callback

GEO = Path(__file__).parents[2] / "dashboard" / "app" / "assets" / "geo" / "world_110m.json"
BROTLI = {"Accept-Encoding": "gzip, deflate, br"}
IMMUTABLE = "immutable"


@pytest.fixture(scope="module")
def client(shipped_store_path):
    return create_app(load_store(shipped_store_path)).server.test_client()


def decoded(response) -> bytes:
    data = response.get_data()
    encoding = response.headers.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(data)
    if encoding == "gzip":
        return gzip.decompress(data)
    assert encoding is None, encoding
    return data


def page_files(client) -> list[str]:
    html = client.get("/map").get_data(as_text=True)
    return re.findall(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"', html)


def test_the_page_and_its_callback_list_are_brotli_and_read_the_same(client):
    packed = client.get("/map", headers=BROTLI)
    assert packed.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert decoded(packed).startswith(b"<!DOCTYPE html>")  # its CSRF token differs per visit
    plain = client.get("/_dash-dependencies")
    packed = client.get("/_dash-dependencies", headers=BROTLI)
    assert plain.headers.get("Content-Encoding") is None
    assert packed.headers["Content-Encoding"] == "br"
    assert decoded(packed) == plain.get_data()


def test_a_callback_answer_is_gzip_for_a_client_without_brotli(client):
    plain = route_callback(client, "/map")
    packed = route_callback(client, "/map", headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == 200
    assert packed.headers["Content-Encoding"] == "gzip"
    assert decoded(packed) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 3


def test_every_script_and_style_is_compressed_and_cached_for_a_year(client):
    files = page_files(client)
    assert any("dash_renderer" in f for f in files) and any("style.css" in f for f in files)
    for path in files:
        plain, packed = client.get(path), client.get(path, headers=BROTLI)
        assert packed.headers["Content-Encoding"] == "br", path
        assert decoded(packed) == plain.get_data(), path
        if path.endswith("plotly.min.js"):
            continue  # the address dcc.Graph asks for, with no version in it: revalidated
        assert "cookie" not in packed.headers["Vary"].lower()  # a new cookie: still cached
        cache = packed.headers["Cache-Control"]
        assert "max-age=31536000" in cache and IMMUTABLE in cache and "no-cache" not in cache


def test_the_map_geometry_is_compressed_under_an_address_named_by_its_contents(client):
    style = next(f for f in page_files(client) if "style.css" in f)
    folder = style.split("/style.css")[0]
    assert re.fullmatch(r"/assets/[0-9a-f]{12}", folder)
    response = client.get(f"{folder}/geo/world_110m.json", headers=BROTLI)
    assert response.status_code == 200
    assert decoded(response) == GEO.read_bytes()
    assert len(response.get_data()) < GEO.stat().st_size / 2
    assert IMMUTABLE in response.headers["Cache-Control"]
