"""Country profile: every indicator for one country, its region and the world, context, gaps.

The country is in the path (/country/PHL); the chart's indicator, normalisation and scale
are in the query. An unknown code gives a notice and a country picker, never an error page.
"""

from dashboard.app.pages import Page
from dashboard.app.pages.country.callbacks import register
from dashboard.app.pages.country.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Country"), layout, register, prefix=True, in_nav=False)
