"""Who may do what: `require_role` on Flask routes, `can` in pages, links only for those allowed."""

from __future__ import annotations

import pytest

from dashboard import accounts
from dashboard.app.auth import can, current_user_role, require_role
from tests.app.auth.conftest import find, route_callback, sign_in, signout_token


@pytest.fixture
def app(make_app):
    app = make_app()

    @require_role("editor")
    def publish():
        return "published"

    app.server.add_url_rule("/api/publish", "publish", publish, methods=["POST"])
    app.server.add_url_rule(
        "/api/whoami",
        "whoami",
        lambda: f"{current_user_role()} publish={can('publish')} rollback={can('rollback')}",
    )
    return app


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (None, "None publish=False rollback=False"),
        ("rita", "reader publish=False rollback=False"),
        ("eddie", "editor publish=True rollback=False"),
        ("ada", "admin publish=True rollback=True"),
    ],
)
def test_what_each_role_may_do(app, name, expected):
    client = app.server.test_client()
    if name:
        sign_in(client, name)
    assert client.get("/api/whoami").text == expected


def test_require_role_401_when_signed_out_403_for_a_reader(app, state):
    signed_out = app.server.test_client().post("/api/publish")
    assert signed_out.status_code == 401
    assert signed_out.headers["WWW-Authenticate"].startswith("Bearer")
    reader = app.server.test_client()
    sign_in(reader, "rita")
    as_reader = reader.post("/api/publish", headers={"X-CSRFToken": signout_token(reader)})
    assert as_reader.status_code == 403 and "needs the editor role" in as_reader.text
    reader_token = accounts.new_token(state, "rita")
    by_token = app.server.test_client().post(
        "/api/publish", headers={"Authorization": f"Bearer {reader_token}"}
    )
    assert by_token.status_code == 403


def test_an_editor_publishes_with_a_token_and_no_csrf_token(app, state):
    token = accounts.new_token(state, "eddie")
    response = app.server.test_client().post(
        "/api/publish", headers={"Authorization": f"Bearer {token}"}, json={"source": "x"}
    )
    assert response.status_code == 200 and response.text == "published"


def test_an_editor_signed_in_with_a_cookie_needs_the_csrf_token(app):
    client = app.server.test_client()
    sign_in(client, "eddie")
    refused = client.post("/api/publish", json={"source": "x"})
    assert refused.status_code == 400 and "CSRF token is missing" in refused.text
    accepted = client.post("/api/publish", headers={"X-CSRFToken": signout_token(client)})
    assert accepted.status_code == 200 and accepted.text == "published"


def test_readers_never_see_a_link_to_an_editor_page(make_app):
    client = make_app().server.test_client()
    assert find(client.get("/_dash-layout").get_json(), href="/publish") is None
    reader, editor = make_app().server.test_client(), make_app().server.test_client()
    sign_in(reader, "rita")
    assert find(reader.get("/_dash-layout").get_json(), href="/publish") is None
    assert "This page is for editors" in route_callback(reader, "/publish").text
    sign_in(editor, "eddie")
    assert find(editor.get("/_dash-layout").get_json(), href="/publish") is not None
    assert "Upload a publication" in route_callback(editor, "/publish").text
    assert reader.get("/publish").status_code == 403  # asked for by its address
    assert editor.get("/publish").status_code == 200
