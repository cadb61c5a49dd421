"""What every request passes before it is answered: a sent API token must be valid, a private
site admits only signed-in accounts, and a write that relies on the session cookie must carry
the form's CSRF token.

Dash's callbacks (POST /_dash-update-component) are exempt from the CSRF check because today
they only read. They are still out of reach of other sites: the session cookie is
SameSite=Strict, so a cross-site request arrives signed out, and Dash refuses any body that is
not JSON, which a cross-site form cannot send. A callback that ever writes must check
`can(...)` itself and be protected like a form: set a `_csrf_token` cookie (not HttpOnly)
holding `generate_csrf()`, which dash-renderer sends back as an X-CSRFToken header, and take
its endpoint out of READ_ONLY_WRITES.
"""

from __future__ import annotations

from urllib.parse import quote

from dash import Dash
from flask import Response, redirect, request
from flask_login import current_user
from flask_wtf.csrf import CSRFError, CSRFProtect

from dashboard.app.auth.roles import unauthorized
from dashboard.app.auth.sessions import bearer_token
from dashboard.language import _

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
SIGNIN = "/signin"


def protect_writes(app: Dash) -> None:
    """CSRF: a cookie-authenticated write, and the sign-in form, need the token from the form
    (or an X-CSRFToken header). A write authenticated by an API token carries no cookie, and
    one from nobody carries no authority to borrow: neither needs it."""
    server = app.server
    server.config.update(
        WTF_CSRF_CHECK_DEFAULT=False,  # checked below, with our exemptions
        WTF_CSRF_TIME_LIMIT=None,  # valid as long as the session (at most 12 hours)
    )
    csrf = CSRFProtect(server)
    prefix = app.config.routes_pathname_prefix
    read_only_writes = {prefix + "_dash-update-component"}

    @server.before_request
    def check_csrf():
        if request.method not in WRITES or request.endpoint is None:
            return None  # reads, and writes to nowhere (answered 404 or 405)
        if request.endpoint in read_only_writes:
            return None
        if not current_user.is_authenticated and request.path != SIGNIN:
            return None  # no signed-in cookie to borrow; the route itself answers 401
        if getattr(current_user, "via_token", False):
            return None
        csrf.protect()  # cookie-authenticated writes, and the sign-in form itself
        return None

    @server.errorhandler(CSRFError)
    def refused(error: CSRFError) -> Response:
        return Response(
            _("Refused: {reason} Reload the page and try again.").format(reason=error.description)
            + "\n",
            400,
            mimetype="text/plain",
        )


def refuse_bad_tokens(app: Dash) -> None:
    """A request that sends a token must send a valid one: 401, never a silent fallback to
    reading as nobody (a script would take the empty answers for data)."""

    @app.server.before_request
    def check_token():
        if bearer_token(request) and not current_user.is_authenticated:
            return Response(
                "The API token is not valid (withdrawn, or mistyped).\n",
                401,
                {"WWW-Authenticate": 'Bearer realm="ocse", error="invalid_token"'},
                mimetype="text/plain",
            )
        return None


def keep_private(app: Dash) -> None:
    """A private site: every request needs an account. Pages send the visitor to sign in and
    come back; everything else (layout, callbacks, scripts, downloads, API) gets 401. Only the
    sign-in page and its stylesheet stay open."""
    prefix = app.config.routes_pathname_prefix
    pages = {prefix, prefix + "<path:path>"}  # Dash's index routes: every page's URL
    open_paths = {SIGNIN, app.get_asset_url("style.css")}

    @app.server.before_request
    def admit_accounts_only():
        if current_user.is_authenticated or request.path in open_paths:
            return None
        if (
            request.method in {"GET", "HEAD"}
            and request.url_rule
            and request.url_rule.rule in pages
        ):
            return redirect(f"{SIGNIN}?next={quote(wanted_path(), safe='/')}", 302)
        return unauthorized()


def wanted_path() -> str:
    """The path and query of the request, to come back to after signing in."""
    query = request.query_string.decode("utf-8", "replace")
    return request.path + (f"?{query}" if query else "")
