"""Security headers, request limits and markup shown as text."""

from __future__ import annotations

import pytest

from dashboard.app import create_app
from dashboard.store.read import load_store


@pytest.fixture(scope="module")
def client(shipped_store_path):
    app = create_app(load_store(shipped_store_path))
    return app.server.test_client()


def test_security_headers(client):
    response = client.get("/sources")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_oversized_request_is_refused(client):
    response = client.post(
        "/_dash-update-component", data=b"x" * 2_000_000, content_type="application/json"
    )
    assert response.status_code == 413


def test_debug_is_off(client):
    assert client.application.debug is False


def test_only_the_embed_view_may_be_framed_by_the_embed_origins(shipped_store, monkeypatch):
    monkeypatch.setenv("OCSE_EMBED_ORIGINS", "https://intranet.example.org")
    framed = create_app(shipped_store).server.test_client()
    embed = framed.get("/embed/map?year=2022")
    assert (
        "frame-ancestors https://intranet.example.org" in embed.headers["Content-Security-Policy"]
    )
    assert "X-Frame-Options" not in embed.headers
    page = framed.get("/map")
    assert "frame-ancestors 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.parametrize(
    ("asked", "opened"),
    [
        ("/map?year=2022", "/map?year=2022"),
        ("//evil.example/x", "/"),
        ("https://evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("/\\evil.example", "/"),
        ("/map\nSet-Cookie: x", "/"),
    ],
)
def test_an_embedded_chart_credits_only_a_view_on_this_site(asked, opened):
    from dashboard.app.pages.embed.layout import dashboard_view

    assert dashboard_view(asked) == opened
