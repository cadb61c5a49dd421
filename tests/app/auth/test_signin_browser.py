"""Signing in to a private site in a real browser, served by gunicorn with two workers: the
form works with the strict Content-Security-Policy and brings the reader back to the page."""

from __future__ import annotations

import shutil

import pytest

from dashboard import accounts
from tests.app.auth.conftest import PASSWORD
from tests.app.conftest import Visit
from tests.conftest import serving

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def private_server(shipped_store_path, tmp_path_factory):
    state = tmp_path_factory.mktemp("private")
    store = state / "ocse.duckdb"
    shutil.copyfile(shipped_store_path, store)
    accounts.add_user(state, "eddie", PASSWORD, "editor")
    serve = ["dashboard.cli", "serve", "--port", "{port}", "--workers", "2"]
    with serving(serve, store, state / "serve.log", env={"OCSE_PRIVATE": "true"}) as base:
        yield base


def test_sign_in_to_a_private_site_and_out_again(browser, private_server):
    visit = Visit(browser, private_server)
    page = visit.page
    try:
        page.goto(private_server + "/map?year=2021", wait_until="networkidle")
        assert page.url == private_server + "/signin?next=/map%3Fyear%3D2021"
        assert page.inner_text("h1") == "Sign in"
        assert "This site is private" in page.inner_text("main")

        page.fill("#signin-name", "eddie")
        page.fill("#signin-password", "not the password")
        page.click("button[type=submit]")
        assert page.inner_text("[role=alert]") == "Wrong name or password."
        assert page.input_value("#signin-name") == "eddie"
        assert page.evaluate("document.activeElement.id") == "signin-password"

        page.fill("#signin-password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(private_server + "/map?year=2021")
        page.wait_for_selector("#page > *", state="attached")
        page.wait_for_selector("#account .account-name")
        assert page.inner_text("#account .account-name") == "eddie"
        corner = page.locator("#account").bounding_box()
        header = page.locator(".app-header").bounding_box()
        assert corner["y"] + corner["height"] <= header["y"] + header["height"]  # fits the bar
        assert corner["x"] + corner["width"] <= 1280
        visit.screenshot("signed-in-header")

        page.click("#account button")
        page.wait_for_url(private_server + "/signin?next=/")
        page.goto(private_server + "/map", wait_until="networkidle")
        assert "/signin" in page.url  # signed out: the private site asks again

        blocked = [m for m in visit.console_errors if "Content Security Policy" in m]
        assert blocked == []
        assert [m for m in visit.console_errors if "401" not in m] == []
        assert visit.external_requests() == []
    finally:
        visit.context.close()
