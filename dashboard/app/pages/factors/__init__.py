"""External factors: an indicator against internet use, GDP, child population or subscriptions.

Across countries, a rank correlation and a log-log fit with the countries left out and why;
within one country, growth against growth, never across a series break. Association, not
causation. The URL holds the whole view.
"""

from dashboard.app.pages import Page
from dashboard.app.pages.factors.callbacks import register
from dashboard.app.pages.factors.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Factors"), layout, register)
