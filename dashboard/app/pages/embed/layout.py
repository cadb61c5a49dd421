"""The embed view: the card's chart, derived on the server from the URL as a download is, and
nothing else of the page around it (assets/share.css hides the header and footer)."""

from __future__ import annotations

import re

import dash_mantine_components as dmc
from dash import dcc, html
from dash.exceptions import PreventUpdate

from dashboard.app.components.cards import CARD_VIEWS, figure_in, graph_config, topojson_url
from dashboard.app.urlstate import SITE_WIDE
from dashboard.language import _

PATH = "/embed/"


def layout(path: str, query: dict[str, str]) -> html.Div:
    card = path.removeprefix(PATH)
    view = CARD_VIEWS.get(card)
    state = {k: v for k, v in query.items() if k not in SITE_WIDE | {"view"}}
    try:
        figure = figure_in(view(state)) if view else None
    except PreventUpdate:  # a state the page refuses (a country not in the store)
        figure = None
    if figure is None:
        return html.Div(
            [
                dmc.Title(_("No chart here"), order=1),
                dmc.Text(_("There is no chart to embed at {path}.").format(path=path)),
            ],
            className="embed-view",
        )
    title = re.sub(r"<[^>]+>", " ", figure.layout.title.text or _("Chart"))  # no <br>, <sup>
    return html.Div(
        [
            dmc.Title(title, order=1, className="embed-title"),  # for screen readers
            dcc.Graph(
                id="embed-graph",
                figure=figure,
                config=graph_config(topojsonURL=topojson_url()),
            ),
            html.P(
                html.A(
                    _("OCSE Statistics Dashboard: sources, caveats and data"),
                    href=dashboard_view(query.get("view", "")),
                    target="_blank",
                    rel="noopener",
                ),
                className="embed-credit",
            ),
        ],
        className="embed-view",
    )


def dashboard_view(asked: str) -> str:
    """The page and state the chart was embedded from (the snippet's `view`), so the credit
    opens that very view; the home page for anything that is not a path on this site."""
    local = asked.startswith("/") and not asked.startswith("//") and "\\" not in asked
    return asked if local and len(asked) <= 2000 and asked.isprintable() else "/"
