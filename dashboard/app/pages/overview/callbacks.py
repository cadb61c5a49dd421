"""The overview's callbacks: show the chosen theme's trend charts and keep the URL in step."""

from __future__ import annotations

from dash import Dash, Output

from dashboard.app.components.cards import register_card_file, register_card_view
from dashboard.app.pages.overview.layout import focus_file, headlines_file
from dashboard.app.pages.overview.state import STATE
from dashboard.app.pages.overview.view import TRENDS, overview_view, trend_view
from dashboard.app.shared_answers import shared

OUTPUTS = [
    *[
        Output(component, prop)
        for t in TRENDS
        for component, prop in (
            (f"{t.card}-graph", "figure"),
            (f"{t.card}-table", "children"),
            (f"{t.card}-footer", "children"),
            ({"type": "card-data", "card": t.card}, "data"),
        )
    ],
    *[Output(f"{t.card}-wrap", "style") for t in TRENDS],
]


def register(app: Dash) -> None:
    @app.callback(*OUTPUTS, *STATE.inputs())
    @shared
    def update(theme):
        state, _notices = STATE.from_controls([theme])
        return overview_view(state)

    STATE.register_url_sync(app)
    for trend in TRENDS:
        register_card_view(trend.card, lambda query, trend=trend: trend_view(trend))
    register_card_file("overview-headlines", lambda query: headlines_file())
    register_card_file("overview-focus", lambda query: focus_file())
