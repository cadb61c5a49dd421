"""An app over the shipped store with three accounts in a temporary state folder, and the
steps a visitor takes: open the sign-in form, send it, read the header."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher

from dashboard import accounts
from dashboard.app import create_app

PASSWORD = "correct horse battery"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
ROUTE = "..page.children...site-footer-text.children.."


@pytest.fixture
def state(tmp_path, monkeypatch):
    """A state folder holding a reader, an editor and an admin (fast hashes: test speed only)."""
    monkeypatch.setattr(
        accounts, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    monkeypatch.setattr(accounts, "_unknown_user_hash", None)
    for variable in ("OCSE_PRIVATE", "OCSE_SECRET_KEY", "OCSE_TRUSTED_PROXIES"):
        monkeypatch.delenv(variable, raising=False)
    for name, role in [("rita", "reader"), ("eddie", "editor"), ("ada", "admin")]:
        accounts.add_user(tmp_path, name, PASSWORD, role)
    return tmp_path


@pytest.fixture
def make_app(shipped_store, state, monkeypatch) -> Callable:
    def make(private: bool = False):
        monkeypatch.setenv("OCSE_PRIVATE", "true" if private else "false")
        return create_app(shipped_store, state)

    return make


@pytest.fixture
def client(make_app):
    return make_app().server.test_client()


def csrf_token(client, **kwargs) -> str:
    return CSRF_FIELD.search(client.get("/signin", **kwargs).text).group(1)


def sign_in(client, name: str, password: str = PASSWORD, next_path: str = "", **kwargs):
    form = {"name": name, "password": password, "next": next_path, "csrf_token": csrf_token(client)}
    return client.post("/signin", data=form, **kwargs)


def header_text(client) -> str:
    """What the header's account corner holds, from the layout the browser is sent."""
    return str(find(client.get("/_dash-layout").get_json(), id="account"))


def signout_token(client) -> str:
    """The CSRF token the header's "Sign out" button sends."""
    return find(client.get("/_dash-layout").get_json(), name="csrf_token")["props"]["value"]


def find(node, **props):
    """The first component in a serialised Dash layout whose props include `props`."""
    if isinstance(node, dict):
        if props.items() <= node.get("props", {}).items():
            return node
        children = [*node.values()]
    elif isinstance(node, list):
        children = node
    else:
        return None
    for child in children:
        found = find(child, **props)
        if found is not None:
            return found
    return None


def route_callback(client, pathname: str, search: str = "", opened: str | None = None, **kwargs):
    """The callback that fills the page area for a path, as dash-renderer posts it; `opened`
    is the address the layout drew the page for, if it did (app/__init__.py `opening`)."""
    return client.post(
        "/_dash-update-component",
        json={
            "output": ROUTE,
            "outputs": [
                {"id": "page", "property": "children"},
                {"id": "site-footer-text", "property": "children"},
            ],
            "inputs": [{"id": "url", "property": "pathname", "value": pathname}],
            "changedPropIds": ["url.pathname"],
            "state": [
                {"id": "url", "property": "search", "value": search},
                {"id": "page-opened", "property": "data", "value": opened},
            ],
        },
        **kwargs,
    )
