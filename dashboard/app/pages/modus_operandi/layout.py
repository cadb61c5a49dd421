"""The Modus operandi page: the platform count and scale controls, and four chart cards; the
two no control changes are filled here rather than by a callback."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.app.components.cards import chart_card
from dashboard.app.components.controls import scale_control, select
from dashboard.app.components.page import page_heading
from dashboard.app.lookups import reports_caveat
from dashboard.app.pages.modus_operandi.state import STATE
from dashboard.app.pages.modus_operandi.view import FIXED_CARDS, country_options, fixed_card
from dashboard.language import N_, _

PATH = "/modus-operandi"
CARDS = [
    ("mo-incidents", N_("Incident types reported to the CyberTipline")),
    ("mo-platforms", N_("Online platforms that report")),
    ("mo-country", N_("Incident types by country (NCMEC Global Platform)")),
    ("mo-emerging", N_("Financial sextortion and generative AI")),
    ("mo-iwf", N_("Self-generated imagery and severity (IWF)")),
]


def layout(path: str, query: dict[str, str]) -> html.Div:
    state, messages = STATE.from_query(query)
    return html.Div(
        [
            *page_heading(
                _("Modus operandi"),
                _(
                    "How the mix of reported incidents, platforms and material changes, as "
                    "categorised by whoever reported them. {caveat} January-June figures "
                    "are shown apart from full years."
                ).format(caveat=reports_caveat()),
                messages,
            ),
            dmc.Group(
                [
                    dmc.NumberInput(
                        id="mo-top",
                        label=_("Platforms named"),
                        value=state.top,
                        min=3,
                        max=20,
                        w=160,
                    ),
                    scale_control("mo-scale", state.scale, first="log"),
                    select(
                        "mo-country",
                        _("Country (incident types)"),
                        country_options(),
                        state.country,
                        280,
                        searchable=True,
                        nothingFoundMessage=_("No country with that name"),
                    ),
                ],
                mt="sm",
            ),
            *[
                filled_card(card, _(title)) if card in FIXED_CARDS else chart_card(card, _(title))
                for card, title in CARDS
            ],
        ]
    )


def filled_card(card: str, title: str) -> html.Section:
    """A card no control changes, filled in the page layout rather than by a callback."""
    section = chart_card(card, title)
    figure, table, footer, data = fixed_card(card)
    section[f"{card}-graph"].figure = figure
    section[f"{card}-table"].children = table
    section[f"{card}-footer"].children = footer
    section[{"type": "card-data", "card": card}].data = data
    return section
