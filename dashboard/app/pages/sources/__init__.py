"""Data & sources: every publication, every indicator's definition, coverage, and downloads."""

from dashboard.app.pages import Page
from dashboard.app.pages.sources.callbacks import register
from dashboard.app.pages.sources.layout import PATH, layout

PAGE = Page(PATH, "Data & sources", layout, register)
