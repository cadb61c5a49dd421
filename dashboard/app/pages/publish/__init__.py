"""Publish: editors add, preview, publish, withdraw and doubt figures; readers never see it."""

from dash import Dash

from dashboard.app.pages import Page
from dashboard.app.pages.publish.layout import PATH, layout
from dashboard.language import N_


def register(app: Dash) -> None:
    """No callbacks: the page's forms post to `dashboard.app.publishing`."""


# linked from the account corner, beside "Sign out", for those who may publish
PAGE = Page(PATH, N_("Publish"), layout, register, in_nav=False, needs="publish")
