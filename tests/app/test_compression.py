"""Compressed responses and long-lived caching of fingerprinted files: what a slow link saves,
and that nothing arrives changed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import dash
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


CHUNK = "/_dash-component-suites/dash/~{version}/dcc/async-graph.js"


def test_scripts_name_their_version_as_a_folder_so_the_scripts_they_load_do_too(client):
    """dcc's chart script loads async-graph.js from its own folder: that folder names the
    version, so the chart script is immutable too, and is the file Dash ships."""
    files = page_files(client)
    dcc = next(f for f in files if f.endswith("/dcc/dash_core_components.js"))
    version = re.search(r"/~(v[\w-]+m[0-9a-f]+)/", dcc)[1]
    chunk = client.get(CHUNK.format(version=version))
    assert chunk.status_code == 200
    assert "max-age=31536000" in chunk.headers["Cache-Control"]
    assert IMMUTABLE in chunk.headers["Cache-Control"]
    shipped = Path(dash.__file__).parent / "dcc" / "async-graph.js"
    assert chunk.get_data() == shipped.read_bytes()
    assert client.get(CHUNK.format(version=version).replace("dcc/", "../../")).status_code == 404


def test_plotly_js_is_preloaded_under_its_digest_and_the_old_address_still_answers(client):
    html = client.get("/map").get_data(as_text=True)
    link = re.search(r'<link rel="preload" href="([^"]+)" as="script" data-chart-bundle>', html)
    assert link and re.search(r"/plotly\.[0-9a-f]{12}\.min\.js$", link[1])
    versioned = client.get(link[1], headers=BROTLI)
    assert IMMUTABLE in versioned.headers["Cache-Control"]
    fixed = client.get("/_dash-component-suites/plotly/package_data/plotly.min.js")
    assert decoded(versioned) == fixed.get_data()
    assert len(fixed.get_data()) < 2_000_000  # the app's bundle, not plotly.py's 4.8 MB
