"""The header's corner for accounts: the signed-in name and a "Sign out" button, or a quiet
"Sign in" link when there are accounts to sign in with."""

from __future__ import annotations

from dash import dcc, html
from dash.development.base_component import Component
from flask_wtf.csrf import generate_csrf

from dashboard.app.auth import SIGNIN, SIGNOUT, accounts_exist, can, current_user_name
from dashboard.language import _


def account_corner() -> Component:
    name = current_user_name()
    if name is None:
        link = (
            [html.A(_("Sign in"), href=SIGNIN, className="account-link")]
            if accounts_exist()
            else []
        )
        return html.Div(link, className="account", id="account")
    sign_out = html.Form(
        # the button itself carries the CSRF token: a submit button sends its name and value
        html.Button(
            _("Sign out"),
            type="submit",
            name="csrf_token",
            value=generate_csrf(),
            className="account-button",
        ),
        action=SIGNOUT,
        method="post",
        className="account-form",
    )
    tools = (
        [dcc.Link(_("Publish"), href="/publish", className="account-link")]
        if can("publish")
        else []
    )
    return html.Div(
        [
            html.Span(
                name, className="account-name", title=_("Signed in as {name}").format(name=name)
            ),
            html.Div([*tools, sign_out], className="account-actions"),
        ],
        className="account",
        id="account",
    )
