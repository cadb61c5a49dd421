"""Publish: editors add, preview, publish, withdraw and doubt figures; readers never see it."""

from dash import Dash

from dashboard.app.pages import Page
from dashboard.app.pages.publish.layout import PATH, layout


def register(app: Dash) -> None:
    """No callbacks: the page's forms post to `dashboard.app.publishing`."""


# linked from the account corner, beside "Sign out", for those who may publish
PAGE = Page(PATH, "Publish", layout, register, in_nav=False, needs="publish")
