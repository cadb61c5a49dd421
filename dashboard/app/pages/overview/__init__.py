"""Overview: world headline figures, global trend lines per theme, focus countries at a glance."""

from dashboard.app.pages import Page
from dashboard.app.pages.overview.callbacks import register
from dashboard.app.pages.overview.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Overview"), layout, register, prefix=False, in_nav=True)
