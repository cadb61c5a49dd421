"""Modus operandi's callbacks: one per card a control changes, so a control rebuilds only the
charts it changes; and the URL kept in step."""

from __future__ import annotations

from dash import Dash

from dashboard.app.components.cards import (
    card_outputs,
    register_card_view,
)
from dashboard.app.pages.modus_operandi.state import STATE
from dashboard.app.pages.modus_operandi.view import (
    FIXED_CARDS,
    country_mix_view,
    fixed_card,
    incidents_view,
    platforms_view,
)
from dashboard.app.shared_answers import shared


def register(app: Dash) -> None:
    @app.callback(*card_outputs("mo-incidents"), *STATE.inputs("scale"))
    @shared
    def update_incidents(scale):
        state, _notices = STATE.from_controls([scale], fields=["scale"])
        return incidents_view(state)

    @app.callback(*card_outputs("mo-platforms"), *STATE.inputs("top", "scale"))
    @shared
    def update_platforms(top, scale):
        state, _notices = STATE.from_controls([top, scale], fields=["top", "scale"])
        return platforms_view(state)

    @app.callback(*card_outputs("mo-country"), *STATE.inputs("country", "scale"))
    @shared
    def update_country(country, scale):
        state, _notices = STATE.from_controls([country, scale], fields=["country", "scale"])
        return country_mix_view(state)

    STATE.register_url_sync(app)
    for card, view in (
        ("mo-incidents", incidents_view),
        ("mo-platforms", platforms_view),
        ("mo-country", country_mix_view),
    ):
        register_card_view(card, lambda query, view=view: view(STATE.from_query(query)[0]))
    for card in FIXED_CARDS:
        register_card_view(card, lambda query, card=card: fixed_card(card))
