"""HTTP hardening: security headers, a Content-Security-Policy as strict as Dash allows, limits.

Scripts: only this origin plus the hashes of Dash's own inline scripts (no 'unsafe-inline').
'unsafe-eval' is needed by plotly.js; styles need 'unsafe-inline' because React sets style
attributes. Images may be data: URIs (Plotly's PNG export). Frame ancestors default to 'self';
set OCSE_FRAME_ANCESTORS (e.g. "https://intranet.example.org") to allow embedding.
"""

from __future__ import annotations

from dash import Dash

from dashboard import settings

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
    frame_ancestors = settings.get("frame_ancestors")
    policy = content_security_policy(list(app.csp_hashes()), frame_ancestors)

    @server.after_request
    def add_headers(response):
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        # Same-origin requests keep their Referer (other sites still get none): CSRF checks on
        # HTTPS compare it with the host, and the sign-in page returns the visitor to it.
        response.headers["Referrer-Policy"] = "same-origin"
        if frame_ancestors == "'self'":  # older browsers ignore CSP frame-ancestors
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response
