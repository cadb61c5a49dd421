"""What the API's routes share: where they live and how they refuse a request."""

from __future__ import annotations

from flask import Response, jsonify

PREFIX = "/api/v1"


class BadParameter(Exception):
    """A query parameter the API cannot use: 400, with a message naming the parameter (and
    never repeating the value sent)."""

    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = f"{name}: {message}"


def plain_refusal(message: str, status: int = 400) -> Response:
    return Response(message + "\n", status, {"Cache-Control": "no-store"}, mimetype="text/plain")


def json_refusal(message: str, status: int) -> Response:
    response = jsonify({"error": message})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response
