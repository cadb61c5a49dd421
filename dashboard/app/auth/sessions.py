"""Who is asking: a session cookie after signing in, or an API token in an Authorization
header. flask-login keeps the signed-in user on the Flask server under Dash.

The session cookie is signed with a key every worker and server must share: OCSE_SECRET_KEY,
or else a random key made once into `secret.key` in the state folder. The cookie is HttpOnly
and SameSite=Strict, and Secure whenever the request came over HTTPS (behind a proxy that
terminates HTTPS, set OCSE_TRUSTED_PROXIES so that the app can tell). A session lasts at most
SESSION_LIFETIME after signing in, and ends early when the password changes.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

from flask import Flask, Request, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin

from dashboard import accounts, settings

SECRET_FILE = "secret.key"
SESSION_COOKIE = "ocse_session"
SESSION_LIFETIME = timedelta(hours=12)


class SignedIn(UserMixin):
    """An account as flask-login sees it."""

    def __init__(self, user: accounts.User, via_token: bool = False):
        self.user = user
        self.name = user.name
        self.role = user.role
        self.via_token = via_token  # token requests carry no cookie: no forgery to guard against

    def get_id(self) -> str:
        # the session version makes a new password end the sessions signed in with the old one
        return f"{self.user.name}:{self.user.session_version}"


def secret_key(folder: Path) -> bytes:
    """OCSE_SECRET_KEY, else the key in `folder`/secret.key, made on first use. Two processes
    starting at once agree: each writes a candidate and links it into place, and the one that
    comes second reads the first one's key."""
    configured = settings.get("secret_key")
    if configured:
        return configured.encode("utf-8")
    path = folder / SECRET_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        handle, candidate = tempfile.mkstemp(dir=folder, prefix=".secret.", suffix=".tmp")  # 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(secrets.token_hex(32))
                out.flush()
                os.fsync(out.fileno())
            os.link(candidate, path)  # never replaces: the first key made stays
        except FileExistsError:
            pass
        finally:
            os.unlink(candidate)
    key = path.read_text("utf-8").strip()
    if len(key) < 32:
        raise RuntimeError(f"{path} holds no usable key: delete it to have a new one made")
    return key.encode("utf-8")


def bearer_token(incoming: Request) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, if there is one."""
    scheme, _, token = incoming.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


class SecureOverHttps(SecureCookieSessionInterface):
    """Mark the session cookie Secure on requests that came over HTTPS."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return request.is_secure or super().get_cookie_secure(app)


def install_sessions(server: Flask, folder: Path) -> LoginManager:
    server.secret_key = secret_key(folder)
    server.config.update(
        SESSION_COOKIE_NAME=SESSION_COOKIE,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME,  # also the oldest cookie Flask accepts
    )
    server.session_interface = SecureOverHttps()
    manager = LoginManager(server)

    @manager.user_loader
    def from_session(user_id: str) -> SignedIn | None:
        if bearer_token(request):
            return None  # a request with a token is judged by its token alone
        name, _, version = user_id.partition(":")
        user = accounts.get_user(folder, name)
        return SignedIn(user) if user and user.session_version == version else None

    @manager.request_loader
    def from_token(incoming: Request) -> SignedIn | None:
        token = bearer_token(incoming)
        user = accounts.user_for_token(folder, token) if token else None
        return SignedIn(user, via_token=True) if user else None

    return manager
