"""The sign-in page and signing out: plain HTML served by Flask beside the Dash app, so that it
works with scripts off and passes the Content-Security-Policy (no script at all).

A wrong password and an unknown name get the same answer. Repeated failures are throttled per
name and per client address (throttle.py); a sign-in refused by the throttle says when to try
again. After signing in, the visitor goes back to `next`, which must be a path on this site.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from dash import Dash
from flask import Response, redirect, render_template_string, request, session
from flask_login import current_user, login_user, logout_user
from flask_wtf.csrf import generate_csrf

from dashboard import accounts
from dashboard.app.auth.gate import SIGNIN
from dashboard.app.auth.sessions import SignedIn
from dashboard.app.auth.throttle import Throttle, address_key, name_key
from dashboard.app.shell import PRODUCT
from dashboard.language import _, current, ngettext

SIGNOUT = "/signout"
FORM = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<link rel="stylesheet" href="{{ stylesheet }}">
</head>
<body class="signin-body">
<header class="app-header signin-header"><a class="signin-brand" href="/">{{ product }}</a></header>
<main class="signin-main">
<form class="signin-form" method="post" action="{{ action }}">
<h1>{{ text.heading }}</h1>
{% if private %}<p class="signin-note">{{ text.private }}</p>{% endif %}
{% if message %}<p class="signin-message" role="alert">{{ message }}</p>{% endif %}
<input type="hidden" name="csrf_token" value="{{ csrf_token }}">
<input type="hidden" name="next" value="{{ next }}">
<label for="signin-name">{{ text.name }}</label>
<input id="signin-name" name="name" value="{{ name }}" autocomplete="username" required
       {{ "" if name else "autofocus" }}>
<label for="signin-password">{{ text.password }}</label>
<input id="signin-password" name="password" type="password" autocomplete="current-password"
       required {{ "autofocus" if name else "" }}>
<button type="submit">{{ text.button }}</button>
</form>
</main>
</body>
</html>
"""


def local_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: never send a visitor elsewhere
    (`//evil.example`, `https://evil.example`, `/\\evil.example` all lead off the site)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 or c == "\x7f" for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or parts.path.startswith((SIGNIN, SIGNOUT)):
        return None
    return target


def coming_from() -> str | None:
    """The page the visitor came from (same-site Referer), when the link gave no `next`."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host:
        return None
    return local_path(referrer.path + (f"?{referrer.query}" if referrer.query else ""))


def install_signin(app: Dash, folder: Path, private: bool) -> None:
    server = app.server
    throttle = Throttle(folder)
    stylesheet = app.get_asset_url("style.css")

    def page(status: int = 200, message: str = "", name: str = "", next_path: str | None = None):
        html = render_template_string(
            FORM,
            lang=current(),
            title=_("Sign in · {product}").format(product=_(PRODUCT)),
            text={
                "heading": _("Sign in"),
                "private": _("This site is private: sign in to see it."),
                "name": _("Name"),
                "password": _("Password"),
                "button": _("Sign in"),
            },
            product=_(PRODUCT),
            stylesheet=stylesheet,
            action=SIGNIN,
            private=private,
            message=message,
            csrf_token=generate_csrf(),
            next=next_path or "",
            name=name,
        )
        return Response(html, status, {"Cache-Control": "no-store"}, mimetype="text/html")

    @server.route(SIGNIN, methods=["GET"])
    def signin_form():
        next_path = local_path(request.args.get("next")) or coming_from()
        if current_user.is_authenticated:
            return redirect(next_path or "/", 303)
        return page(next_path=next_path)

    @server.route(SIGNIN, methods=["POST"])
    def signin():
        name = request.form.get("name", "")[:200]
        password = request.form.get("password", "")
        next_path = local_path(request.form.get("next"))
        keys = [name_key(name), address_key(request.remote_addr)]
        until = throttle.locked_until(keys)
        if until is not None:
            return too_many(page(429, try_again_message(until), name, next_path), until)
        user = accounts.authenticate(folder, name, password)
        if user is None:
            throttle.failed(keys)
            return page(401, _("Wrong name or password."), name, next_path)
        throttle.succeeded(name_key(name))
        session.clear()  # nothing from before signing in carries over
        login_user(SignedIn(user))
        return redirect(next_path or "/", 303)

    @server.route(SIGNOUT, methods=["POST"])
    def signout():
        logout_user()
        session.clear()  # an empty session: Flask deletes the cookie
        return redirect("/", 303)


def try_again_message(until: float) -> str:
    minutes = max(1, round((until - time.time()) / 60))
    at = datetime.fromtimestamp(until, UTC).strftime("%H:%M UTC")
    return ngettext(
        "Too many failed sign-ins for this name or from this address. "
        "Try again after {time} (in about {count} minute).",
        "Too many failed sign-ins for this name or from this address. "
        "Try again after {time} (in about {count} minutes).",
        minutes,
    ).format(time=at, count=minutes)


def too_many(response: Response, until: float) -> Response:
    response.headers["Retry-After"] = str(max(1, int(until - time.time()) + 1))
    return response
