"""Publish: editors add, preview, publish, withdraw and doubt figures; readers never see it."""

from dash import Dash

from dashboard.app.pages import Page
from dashboard.app.pages.publish.layout import PATH, layout


def register(app: Dash) -> None:
    """No callbacks: the page's forms post to `dashboard.app.publishing`."""


PAGE = Page(PATH, "Publish", layout, register, needs="publish")
