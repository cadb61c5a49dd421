"""The API's OpenAPI 3.1 document, served at /api/v1/openapi.json: its routes, parameters,
answers and the bearer scheme (the shapes are in `schemas`). A test validates it and checks
that every route is described."""

from __future__ import annotations

import functools

from flask import Blueprint, Response, jsonify

from dashboard.app.api.common import PREFIX
from dashboard.app.api.reads import FORMATS
from dashboard.app.api.schemas import component_schemas, ref

TEXT = {"text/plain": {"schema": {"type": "string"}}}
HASH = {
    "X-Content-Hash": {
        "description": "The content hash of the store version the answer was read from.",
        "schema": {"type": "string"},
    }
}


def register(blueprint: Blueprint) -> None:
    blueprint.add_url_rule("/openapi.json", "openapi", serve, methods=["GET"])


def serve() -> Response:
    return jsonify(document())


def refusal(description: str, content: dict | None = None) -> dict:
    return {"description": description, "content": content or TEXT}


def json_body(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


def query(name: str, description: str, schema: dict) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


def ok(description: str, content: dict) -> dict:
    return {"description": description, "headers": HASH, "content": content}


READ_ERRORS = {"401": refusal("A private site: sign in, or send an API token.")}


@functools.cache
def document() -> dict:
    """The whole document (the same for every request, so made once)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "OCSE Statistics Dashboard API",
            "version": "1",
            "description": "Published statistics on online child sexual exploitation, each "
            "figure with its source and citation, and the way to publish new ones. Reads are "
            "open unless the site is private (OCSE_PRIVATE); publishing needs an editor's "
            "account or API token (`ocse users token NAME`).",
        },
        "servers": [{"url": "/"}],
        "paths": paths(),
        "components": {
            "schemas": component_schemas(),
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An API token from `ocse users token NAME`.",
                },
            },
        },
        "security": [{}, {"bearer": []}],
    }


def paths() -> dict:
    observations = {
        "200": ok(
            "Tidy rows with source, URL, flags and citation. As CSV: commented citation lines "
            "(# ...) first, and spreadsheet formulas neutralised.",
            json_body(ref("Observations")) | {"text/csv": {"schema": {"type": "string"}}},
        ),
        "400": refusal("A parameter the store does not know; the message names it."),
        **READ_ERRORS,
    }
    publish_errors = {
        "400": refusal(
            "The publication has problems (or, for a dry run, the preview shows errors), or a "
            "field is missing or not valid: each problem names its field or cell.",
            json_body({"oneOf": [ref("Problems"), ref("Preview")]}),
        ),
        "401": refusal("No account signed in, and no valid API token."),
        "403": refusal("The account may not publish: it needs the editor role or higher."),
        "409": refusal("Another change holds the store.", json_body(ref("Error"))),
        "413": refusal(
            "The file is over the upload limit (OCSE_UPLOAD_LIMIT_MB).", json_body(ref("Error"))
        ),
        "503": refusal(
            "The server serves a single store file (read-only), not a store folder.",
            json_body(ref("Error")),
        ),
    }
    return {
        f"{PREFIX}/version": {
            "get": {
                "operationId": "version",
                "summary": "The store version served now.",
                "responses": {"200": ok("The version.", json_body(ref("Version"))), **READ_ERRORS},
            }
        },
        f"{PREFIX}/observations": {
            "get": {
                "operationId": "observations",
                "summary": "Tidy rows, filtered.",
                "parameters": [
                    query(
                        "indicator", "An indicator id (see /api/v1/indicators).", {"type": "string"}
                    ),
                    query(
                        "entity",
                        "An ISO 3166 alpha-3 country code or a group code, e.g. PHL.",
                        {"type": "string"},
                    ),
                    query("year", "A year, e.g. 2022.", {"type": "integer"}),
                    query(
                        "format",
                        "json (default) or csv.",
                        {"type": "string", "enum": list(FORMATS), "default": "json"},
                    ),
                ],
                "responses": observations,
            }
        },
        f"{PREFIX}/indicators": {
            "get": {
                "operationId": "indicators",
                "summary": "The indicators: definitions, units, caveats.",
                "responses": {"200": ok("Indicators.", json_body(ref("Records"))), **READ_ERRORS},
            }
        },
        f"{PREFIX}/sources": {
            "get": {
                "operationId": "sources",
                "summary": "The publications the figures come from.",
                "responses": {"200": ok("Sources.", json_body(ref("Records"))), **READ_ERRORS},
            }
        },
        f"{PREFIX}/publications": {
            "post": {
                "operationId": "publish",
                "summary": "Publish a table (or, with dry_run=true, preview what it would change).",
                "security": [{"bearer": []}],
                "parameters": [
                    query(
                        "dry_run",
                        "Preview only: nothing changes.",
                        {"type": "boolean", "default": False},
                    )
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": ref("PublicationForm"),
                            "encoding": {"file": {"contentType": "application/octet-stream"}},
                        }
                    },
                },
                "responses": {
                    "200": ok(
                        "Dry run: the preview; the publication could be published.",
                        json_body(ref("Preview")),
                    ),
                    "201": ok("Published: the new version is served.", json_body(ref("Published"))),
                    **publish_errors,
                },
            }
        },
        f"{PREFIX}/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": {
                    "200": {
                        "description": "The OpenAPI document.",
                        "content": json_body({"type": "object"}),
                    },
                    **READ_ERRORS,
                },
            }
        },
    }
