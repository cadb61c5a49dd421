"""The profile's callbacks: redraw the chart on any control, keep the URL in step, open
another country, and make the brief."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard.app import context
from dashboard.app.components.cards import card_outputs
from dashboard.app.components.controls import indicator_about
from dashboard.app.lookups import country_codes
from dashboard.app.pages.country.layout import PATH
from dashboard.app.pages.country.state import STATE
from dashboard.app.pages.country.view import chart_view


def register(app: Dash) -> None:
    @app.callback(
        *card_outputs("country"),
        Output("country-indicator-about", "children"),
        *STATE.inputs(),
        *STATE.extra,
    )
    def update(indicator, norm, scale, code):
        state, _ = STATE.from_controls([indicator, norm, scale], code)
        return (*chart_view(code, state), indicator_about(state.indicator))

    STATE.register_url_sync(app)

    @app.callback(
        Output("url", "pathname", allow_duplicate=True),
        Output("url", "search", allow_duplicate=True),
        Input("country-picker", "value"),
        State("url", "pathname"),
        prevent_initial_call=True,
    )
    def open_country(code, pathname):
        if not code or pathname == f"{PATH}{code}":
            return no_update, no_update
        return f"{PATH}{code}", ""

    @app.callback(
        Output("brief-download", "data"),
        Output("brief-status", "children"),
        Input({"type": "brief-btn", "format": ALL}, "n_clicks"),
        State("country-code", "data"),
        prevent_initial_call=True,
    )
    def download_brief(clicks, code):
        # loaded when a brief is first asked for, not as the app starts
        from dashboard.exports.brief import BriefError, build_brief, render
        from dashboard.exports.images import ImageError

        forged = not isinstance(code, str) or code not in country_codes()
        if forged or not any(clicks or []) or not isinstance(ctx.triggered_id, dict):
            return no_update, no_update
        fmt = ctx.triggered_id["format"]
        try:
            made = build_brief(context.store(), code)
            data = render(made, fmt)
        except (BriefError, ImageError) as exc:
            return no_update, f"Could not make the brief: {exc}"
        name = made.filename(fmt)
        return dcc.send_bytes(data, name), f"Downloaded {name}"
