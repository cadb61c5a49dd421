"""Data gaps: which indicators and years are missing for a country or the focus group.

A missing indicator is a gap only when other countries publish it; a national statistic is
shown but not called one. The coverage map counts indicators per country, and a click on it
lists that country's gaps. The URL holds who is looked at.
"""

from dashboard.app.pages import Page
from dashboard.app.pages.gaps.callbacks import register
from dashboard.app.pages.gaps.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Data gaps"), layout, register)
