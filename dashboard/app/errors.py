"""What a request that goes wrong is answered with: a short plain-text message, never a traceback.

A request no page of ours would send (a forged body, a value no control offers, a file path
that is not one of ours) is the client's error: 4xx, logged in one line. A store that cannot be
read is the operator's: readers get 503 and "The data store is not available", the log gets the
path and the cause (once per cause, not once per request). Anything else is a bug of ours: 500,
logged with its traceback.
"""

from __future__ import annotations

import functools
import logging

from dash.exceptions import DependencyException, InvalidResourceError
from flask import Flask, Response, request
from pydantic import TypeAdapter, ValidationError
from werkzeug.exceptions import HTTPException

from dashboard.language import N_, _
from dashboard.store.read import StoreError

STORE_NOTICE = N_("The data store is not available")
log = logging.getLogger("dashboard.app")
_logged_store_causes: set[str] = set()


class ClientError(Exception):
    """A request no page of ours would send. `message` is short, fixed text: it is sent back,
    so it never repeats what the client sent."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(ClientError):
    status = 404


@functools.cache
def _adapter(kind: object) -> TypeAdapter:
    return TypeAdapter(kind)


def client_value(kind: object, value: object, what: str):
    """A value a callback reads as the client sent it, outside any page state: `value` if it is
    strictly of `kind` (a type pydantic knows), else a ClientError saying `what` was refused."""
    try:
        return _adapter(kind).validate_python(value, strict=True)
    except ValidationError:
        raise ClientError(f"{what} is not valid.") from None


def plain(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def log_store_error(exc: StoreError) -> None:
    """The store's path and cause, logged once per process and cause."""
    if str(exc) not in _logged_store_causes:
        _logged_store_causes.add(str(exc))
        log.error("the data store is not available: %s", exc)


def register_error_handlers(server: Flask) -> None:
    @server.errorhandler(ClientError)
    def client_error(exc: ClientError):
        log.warning("refused %s %s: %s", request.method, request.path, exc.message)
        return plain(exc.message, exc.status)

    @server.errorhandler(ValidationError)
    def invalid_value(exc: ValidationError):
        # pydantic models read what clients send (URL queries, controls): a value they refuse
        # reached a callback without falling back
        first = exc.errors()[0] if exc.errors() else {}
        log.warning("refused %s %s: %s", request.method, request.path, first.get("msg", exc))
        return plain("A value in the request is not valid.", 400)

    @server.errorhandler(DependencyException)
    @server.errorhandler(InvalidResourceError)
    def not_ours(exc: Exception):
        log.warning("refused %s %s: not a file the app serves", request.method, request.path)
        return plain("Not found.", 404)

    @server.errorhandler(StoreError)
    def store_unavailable(exc: StoreError):
        log_store_error(exc)
        return plain(_(STORE_NOTICE) + ".", 503)

    @server.errorhandler(Exception)
    def server_error(exc: Exception):
        if isinstance(exc, HTTPException):
            return exc  # werkzeug's own answers (404, 405, 413, ...) carry no traceback
        log.error("%s %s failed", request.method, request.path, exc_info=exc)
        return plain(_("Internal server error."), 500)
