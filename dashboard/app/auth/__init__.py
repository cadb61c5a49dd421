"""Accounts on the web: signing in and out, API tokens, CSRF, throttling, the private mode,
and the role checks that routes and pages use (`require_role`, `can`, `current_user_role`).

Readers need no account unless OCSE_PRIVATE is on. Editors and admins are made on the command
line (`ocse users add`), and their accounts live in the store's state folder.
"""

from __future__ import annotations

from pathlib import Path

from dash import Dash
from flask import current_app, has_request_context
from werkzeug.middleware.proxy_fix import ProxyFix

from dashboard import accounts, settings
from dashboard.app.auth.gate import keep_private, protect_writes, refuse_bad_tokens
from dashboard.app.auth.roles import can, current_user_name, current_user_role, require_role
from dashboard.app.auth.sessions import install_sessions
from dashboard.app.auth.signin import SIGNIN, SIGNOUT, install_signin

__all__ = [
    "SIGNIN",
    "SIGNOUT",
    "accounts_exist",
    "can",
    "current_user_name",
    "current_user_role",
    "install_auth",
    "require_role",
]
EXTENSION = "ocse_accounts"  # where the app keeps its accounts folder


def install_auth(app: Dash, folder: Path) -> None:
    """Give the Flask server under `app` sessions, sign-in, token checks and CSRF protection,
    and make it private when OCSE_PRIVATE is on. `folder` holds the accounts (state_dir())."""
    server = app.server
    proxies = settings.get("trusted_proxies")
    if proxies:  # believe X-Forwarded-For/-Proto from that many proxies, and no more
        server.wsgi_app = ProxyFix(server.wsgi_app, x_for=proxies, x_proto=proxies)
    server.extensions[EXTENSION] = folder
    private = settings.get("private")
    install_sessions(server, folder)
    refuse_bad_tokens(app)
    if private:
        keep_private(app)
    protect_writes(app)
    install_signin(app, folder, private)


def accounts_exist() -> bool:
    """Whether anyone could sign in: the header offers "Sign in" only then."""
    if not has_request_context() or EXTENSION not in current_app.extensions:
        return False
    return bool(accounts.list_users(current_app.extensions[EXTENSION]))
