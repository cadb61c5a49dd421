"""Compare: up to 10 countries or regions on one chart, absolute, normalised or indexed."""

from dashboard.app.pages import Page
from dashboard.app.pages.compare.callbacks import register
from dashboard.app.pages.compare.layout import PATH, layout

PAGE = Page(PATH, "Compare", layout, register)
