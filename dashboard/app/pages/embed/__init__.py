"""A chart alone, for other sites to show in a frame: /embed/<card>?<the card's state>, as a
card's "Embed" snippet names it. The chart carries its title and sources; a link opens the
dashboard. Which sites may frame it is the `embed_origins` setting (security.py)."""

from dashboard.app.pages import Page
from dashboard.app.pages.embed.layout import PATH, layout
from dashboard.language import N_

PAGE = Page(PATH, N_("Embedded chart"), layout, lambda app: None, prefix=True, in_nav=False)
