"""Emerging threats: a ranked list of unusual rises, each with the reason it was flagged.

A rise is scored against the country's own history and against all countries that year, never
across a series break; a flag is a reason to look closer, not evidence of more abuse. The URL
holds the indicator, the year and the thresholds, so a link reproduces the list.
"""

from dashboard.app.pages import Page
from dashboard.app.pages.emerging.callbacks import register
from dashboard.app.pages.emerging.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Emerging threats"), layout, register)
