"""Modus operandi: incident types, online platforms, self-generated imagery, sextortion, AI.

Counts are reports as whoever reported them categorised them, not victims or prevalence;
January-June figures are kept apart from full years. The URL holds the platform count and
the scale.
"""

from dashboard.app.pages import Page
from dashboard.app.pages.modus_operandi.callbacks import register
from dashboard.app.pages.modus_operandi.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Modus operandi"), layout, register)
