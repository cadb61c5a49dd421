"""What the person asking may do, for Flask routes and Dash pages alike.

Readers (and everyone not signed in, on a public site) only read. Editors publish and withdraw;
admins also roll back. Which role may do what is written once, in `dashboard.accounts`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from flask import Response, has_request_context
from flask_login import current_user

from dashboard.accounts import Role, at_least, may
from dashboard.language import _

P = ParamSpec("P")
R = TypeVar("R")


def current_user_role() -> Role | None:
    """The role of whoever is asking: None when nobody is signed in (or outside a request)."""
    if not has_request_context() or not current_user.is_authenticated:
        return None
    return current_user.role


def current_user_name() -> str | None:
    return current_user.name if current_user_role() is not None else None


def can(action: str) -> bool:
    """Whether whoever is asking may `action` ("publish", "withdraw", "rollback"): for a page
    layout deciding what to show, and for the route that does it."""
    return may(current_user_role(), action)


def unauthorized() -> Response:
    return Response(
        _("Sign in first, or send an API token ({header}).").format(
            header="Authorization: Bearer <token>"
        )
        + "\n",
        401,
        {"WWW-Authenticate": 'Bearer realm="ocse"', "Cache-Control": "no-store"},
        mimetype="text/plain",
    )


def forbidden(least: Role) -> Response:
    return Response(
        _("Your account may not do this: it needs the {role} role or higher.").format(
            role=least.value
        )
        + "\n",
        403,
        {"Cache-Control": "no-store"},
        mimetype="text/plain",
    )


def require_role(role: Role | str) -> Callable[[Callable[P, R]], Callable[P, R | Response]]:
    """Guard a Flask route: 401 when nobody is signed in (and no valid token was sent), 403
    when the account's role is below `role`."""
    least = Role(role)

    def decorate(view: Callable[P, R]) -> Callable[P, R | Response]:
        @functools.wraps(view)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R | Response:
            held = current_user_role()
            if held is None:
                return unauthorized()
            if not at_least(held, least):
                return forbidden(least)
            return view(*args, **kwargs)

        return guarded

    return decorate
