"""Signing in and out with the form: cookies, CSRF, throttling, where the visitor lands."""

from __future__ import annotations

import re

import pytest

from dashboard.app.auth.throttle import FAILURES_ALLOWED
from tests.app.auth.conftest import (
    CSRF_FIELD,
    PASSWORD,
    csrf_token,
    header_text,
    sign_in,
    signout_token,
)


def test_signing_in_sets_an_httponly_samesite_strict_cookie(client):
    response = sign_in(client, "eddie", next_path="/map")
    assert response.status_code == 303
    assert response.headers["Location"] == "/map"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("ocse_session=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Secure" not in cookie  # plain http: a Secure cookie would never come back
    assert "eddie" in header_text(client) and "Sign out" in header_text(client)


def test_the_cookie_is_secure_over_https(client):
    https = {"base_url": "https://dashboard.example"}
    form = {
        "name": "eddie",
        "password": PASSWORD,
        "next": "",
        "csrf_token": csrf_token(client, **https),
    }
    # over HTTPS the CSRF check also wants a same-site Referer (Referrer-Policy: same-origin)
    response = client.post(
        "/signin", data=form, headers={"Referer": "https://dashboard.example/signin"}, **https
    )
    assert response.status_code == 303
    assert "Secure" in response.headers["Set-Cookie"]


def test_signing_out_clears_the_cookie(client):
    sign_in(client, "eddie")
    response = client.post("/signout", data={"csrf_token": signout_token(client)})
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("ocse_session=;") and "Max-Age=0" in cookie
    assert "eddie" not in header_text(client)
    assert "Sign in" in header_text(client)


def test_a_post_without_the_csrf_token_is_refused(client):
    refused = client.post("/signin", data={"name": "eddie", "password": PASSWORD})
    assert refused.status_code == 400
    assert "The CSRF token is missing" in refused.text and "Reload the page" in refused.text
    sign_in(client, "eddie")
    assert client.post("/signout").status_code == 400
    assert client.post("/signout", data={"csrf_token": "forged"}).status_code == 400
    assert "eddie" in header_text(client)  # still signed in


def test_a_wrong_password_and_an_unknown_name_look_the_same(client):
    wrong = sign_in(client, "eddie", "not the password at all")
    unknown = sign_in(client, "nobody", PASSWORD)
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong name or password." in wrong.text

    def page(response, name):  # the page without the name typed and the form's token
        return CSRF_FIELD.sub("", response.text).replace(f'value="{name}"', "")

    assert page(wrong, "eddie") == page(unknown, "nobody")
    assert "eddie" not in header_text(client)


def test_six_wrong_passwords_get_429_saying_when_to_try_again(client):
    statuses = [sign_in(client, "eddie", f"wrong password {i}").status_code for i in range(6)]
    assert statuses == [401] * FAILURES_ALLOWED + [429]
    refused = sign_in(client, "eddie")  # even the right password, until the lockout ends
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.text and "Try again after" in refused.text
    assert 14 * 60 <= int(refused.headers["Retry-After"]) <= 15 * 60 + 1
    assert "eddie" not in header_text(client)


def test_the_throttle_is_shared_by_two_apps_on_one_state_folder(make_app):
    first, second = make_app().server.test_client(), make_app().server.test_client()
    assert [sign_in(first, "ada", "wrong password").status_code for _ in range(3)] == [401] * 3
    assert [sign_in(second, "ada", "wrong password").status_code for _ in range(2)] == [401] * 2
    assert sign_in(second, "ada").status_code == 429
    assert sign_in(first, "ada").status_code == 429


def test_one_address_guessing_many_names_is_throttled_too(client):
    statuses = [sign_in(client, f"guess{i}", "wrong password").status_code for i in range(6)]
    assert statuses == [401] * FAILURES_ALLOWED + [429]


@pytest.mark.parametrize(
    "target",
    ["https://evil.example", "//evil.example", "/\\evil.example", "https:/evil.example", "map"],
)
def test_next_never_leads_off_the_site(client, target):
    assert f'value="{target}"' not in client.get("/signin", query_string={"next": target}).text
    response = sign_in(client, "rita", next_path=target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_the_signin_page_is_plain_html_under_the_strict_policy(client):
    response = client.get("/signin?next=/country/PHL")
    assert response.status_code == 200
    assert "<script" not in response.text
    assert 'value="/country/PHL"' in response.text
    assert re.search(r'href="/assets/[0-9a-f]{12}/style.css"', response.text)
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert response.headers["Cache-Control"] == "no-store"


def test_the_signin_link_returns_to_the_page_it_was_followed_from(client):
    page = client.get("/signin", headers={"Referer": "http://localhost/compare?entities=PHL"})
    assert 'value="/compare?entities=PHL"' in page.text
    elsewhere = client.get("/signin", headers={"Referer": "http://evil.example/compare"})
    assert 'name="next" value=""' in elsewhere.text
