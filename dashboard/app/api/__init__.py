"""The HTTP API under /api/v1, described by its OpenAPI document at /api/v1/openapi.json.

It reads for everyone who may read the site (on a private site the auth gate asks for an
account or a token first) and publishes for editors, signed in or with an API token
(`Authorization: Bearer`, from `ocse users token NAME`). Every answer names the store version
it was read from (X-Content-Hash); reads refuse a parameter they do not know with a 400 that
names it, never a 500.
"""

from __future__ import annotations

from dash import Dash
from flask import Blueprint, g, request

from dashboard.app.api import openapi, publications, reads
from dashboard.app.api.common import PREFIX
from dashboard.app.api.publications import allow_uploads


def install_api(app: Dash) -> None:
    """Serve the API from the Flask server under `app`. Call before `install_auth` and
    `harden`, so that a publication's upload limit is set before anything reads the body."""
    blueprint = Blueprint("api", __name__, url_prefix=PREFIX)
    reads.register(blueprint)
    publications.register(blueprint)
    openapi.register(blueprint)

    @blueprint.after_request
    def name_the_version(response):
        if "ocse_store" in g:  # the version this request read
            response.headers.setdefault("X-Content-Hash", g.ocse_store.content_hash)
        response.headers.setdefault("Cache-Control", "no-cache")
        return response

    server = app.server
    server.register_blueprint(blueprint)

    @server.before_request
    def upload_limit():
        if request.endpoint == "api.publications":
            allow_uploads()
