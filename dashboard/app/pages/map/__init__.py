"""Map: one country-level indicator in one year, raw or normalised, linear or log colours.

Only countries are coloured: world totals, regions and "No country listed" are said in words
beside the map. Clicking a country opens its profile. The URL holds the whole view.
"""

from dashboard.app.pages import Page
from dashboard.app.pages.map.callbacks import register
from dashboard.app.pages.map.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Map"), layout, register)
