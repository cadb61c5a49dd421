"""HTTP hardening: security headers, a Content-Security-Policy as strict as Dash allows, limits,
forged requests refused with a 4xx before Dash reads them (callback bodies of the wrong shape,
file paths that are not normal), and every error answered without a traceback (`errors`).

Scripts: only this origin plus the hashes of Dash's own inline scripts (no 'unsafe-inline').
'unsafe-eval' is needed by plotly.js; styles need 'unsafe-inline' because React sets style
attributes. Images may be data: URIs (Plotly's PNG export). Frame ancestors default to 'self';
set OCSE_FRAME_ANCESTORS (e.g. "https://intranet.example.org") to allow embedding. A chart's
embed view (/embed/...) follows OCSE_EMBED_ORIGINS instead.
"""

from __future__ import annotations

import posixpath

from dash import Dash
from flask import request

from dashboard import settings
from dashboard.app.callback_requests import check_callback_body, parse_body
from dashboard.app.components.share import EMBED_PATH
from dashboard.app.errors import ClientError, NotFound, register_error_handlers

MAX_REQUEST_BYTES = 1_000_000  # callback payloads are small; uploads are not accepted


def content_security_policy(script_hashes: list[str], frame_ancestors: str) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", "'unsafe-eval'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{key} {value}" for key, value in directives.items())


def harden(app: Dash) -> None:
    """Call after every callback is registered (the inline-script hashes must be complete)."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    hashes = list(app.csp_hashes())
    framing = settings.get("frame_ancestors")
    embed_framing = settings.get("embed_origins")
    policies = {
        framing: content_security_policy(hashes, framing),
        embed_framing: content_security_policy(hashes, embed_framing),
    }
    embed_path = app.config.routes_pathname_prefix + EMBED_PATH.lstrip("/")
    register_error_handlers(server)
    prefix = app.config.routes_pathname_prefix
    callback_path = prefix + "_dash-update-component"
    file_paths = (prefix + "_dash-component-suites/", prefix + "assets/")
    assets = prefix + app.config.assets_url_path + "/"  # assets/<hash of the files>/

    @server.before_request
    def refuse_forged_requests():
        if request.path.startswith(file_paths) and not normal_path(request.path):
            raise NotFound("Not found.")
        if request.path.startswith(file_paths[1]) and not request.path.startswith(assets):
            raise NotFound("Not found.")  # an earlier version's address: not the page instead
        if request.path == callback_path and request.method == "POST":
            if not request.is_json:
                raise ClientError("A callback request must be JSON.")
            check_callback_body(parse_body(request.get_data(cache=True)), app.callback_map)

    @server.after_request
    def add_headers(response):
        frame_ancestors = embed_framing if request.path.startswith(embed_path) else framing
        response.headers["Content-Security-Policy"] = policies[frame_ancestors]
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Same-origin requests keep their Referer (other sites still get none): CSRF checks on
        # HTTPS compare it with the host, and the sign-in page returns the visitor to it.
        response.headers["Referrer-Policy"] = "same-origin"
        if frame_ancestors == "'self'":  # older browsers ignore CSP frame-ancestors
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response


def normal_path(path: str) -> bool:
    """No '.', '..' or empty segment, no trailing slash, backslash or NUL: the path as a file
    server would resolve it is the path as sent."""
    return "\\" not in path and "\x00" not in path and posixpath.normpath(path) == path
