"""What every request passes: the private mode, API tokens, CSRF on writes, Dash callbacks."""

from __future__ import annotations

import pytest

from dashboard import accounts
from tests.app.auth.conftest import header_text, route_callback, sign_in


@pytest.fixture
def private(make_app):
    return make_app(private=True).server.test_client()


def test_a_public_site_needs_no_account(client):
    assert client.get("/map").status_code == 200
    assert client.get("/_dash-layout").status_code == 200
    assert route_callback(client, "/sources").status_code == 200  # no CSRF token needed


def test_a_private_page_sends_the_visitor_to_sign_in_and_back(private):
    response = private.get("/map")
    assert response.status_code == 302
    assert response.headers["Location"] == "/signin?next=/map"
    with_query = private.get("/compare?entities=PHL,THA")
    assert with_query.headers["Location"] == "/signin?next=/compare%3Fentities%3DPHL%2CTHA"
    assert private.get(with_query.headers["Location"]).status_code == 200
    signed_in = sign_in(private, "rita", next_path="/compare?entities=PHL,THA")
    assert signed_in.headers["Location"] == "/compare?entities=PHL,THA"
    assert private.get("/map").status_code == 200


def asset_folder(client) -> str:
    """/assets/<hash>: where the app serves its files (the sign-in page links its stylesheet)."""
    page = client.get("/signin").get_data(as_text=True)
    return page.split('href="')[1].split("/style.css")[0]


def test_everything_else_on_a_private_site_gets_401(private):
    assert private.get("/_dash-layout").status_code == 401
    assert private.get("/_dash-dependencies").status_code == 401
    assert route_callback(private, "/map").status_code == 401
    scripts = private.get("/_dash-component-suites/dash/deps/react@18.3.1.min.js")
    assert scripts.status_code == 401
    assets = asset_folder(private)
    assert private.get(f"{assets}/geo/world_110m.json").status_code == 401
    # what the sign-in page needs stays open
    assert private.get(f"{assets}/style.css").status_code == 200
    assert private.get("/signin").status_code == 200


def test_a_signed_in_reader_reads_a_private_site(private):
    sign_in(private, "rita")
    assert private.get("/_dash-layout").status_code == 200
    assert "rita" in header_text(private)
    response = route_callback(private, "/sources")
    assert response.status_code == 200 and "Data & sources" in response.text


def test_a_bearer_token_authenticates(make_app, state):
    private = make_app(private=True).server.test_client()
    token = accounts.new_token(state, "eddie")
    bearer = {"Authorization": f"Bearer {token}"}
    assert private.get("/_dash-layout", headers=bearer).status_code == 200
    assert route_callback(private, "/sources", headers=bearer).status_code == 200
    assert "Set-Cookie" not in private.get("/_dash-layout", headers=bearer).headers
    wrong = private.get("/_dash-layout", headers={"Authorization": f"Bearer {token}x"})
    assert wrong.status_code == 401 and "not valid" in wrong.text
    accounts.revoke_tokens(state, "eddie")
    assert private.get("/_dash-layout", headers=bearer).status_code == 401


def test_a_wrong_token_is_refused_even_on_a_public_site(client):
    response = client.get("/_dash-layout", headers={"Authorization": "Bearer guessed"})
    assert response.status_code == 401


def test_a_new_password_ends_the_sessions_of_the_old_one(client, state):
    sign_in(client, "eddie")
    assert "eddie" in header_text(client)
    accounts.set_password(state, "eddie", "a brand new password")
    assert "eddie" not in header_text(client)


def test_two_apps_on_one_state_folder_share_the_session_key(make_app, state):
    first, second = make_app().server.test_client(), make_app().server.test_client()
    sign_in(first, "eddie")
    second.set_cookie("ocse_session", first.get_cookie("ocse_session").value)
    assert "eddie" in header_text(second)
    assert oct((state / "secret.key").stat().st_mode & 0o777) == "0o600"


def test_the_session_key_can_be_set(make_app, state, monkeypatch):
    monkeypatch.setenv("OCSE_SECRET_KEY", "k" * 40)
    app = make_app()
    assert app.server.secret_key == b"k" * 40
    assert not (state / "secret.key").exists()
