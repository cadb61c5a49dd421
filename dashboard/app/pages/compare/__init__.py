"""Compare: up to 10 countries or regions on one chart, absolute, normalised or indexed."""

from dashboard.app.pages import Page
from dashboard.app.pages.compare.callbacks import register
from dashboard.app.pages.compare.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Compare"), layout, register)
