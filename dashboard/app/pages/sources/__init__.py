"""Data & sources: every publication, every indicator's definition, coverage, and downloads."""

from dashboard.app.pages import Page
from dashboard.app.pages.sources.callbacks import register
from dashboard.app.pages.sources.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Data & sources"), layout, register)
