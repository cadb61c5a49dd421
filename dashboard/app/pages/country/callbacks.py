"""The profile's callbacks: redraw the chart on any control, keep the URL in step, open
another country, and make the brief."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, dcc, no_update

from dashboard.app import context
from dashboard.app.components.cards import (
    card_outputs,
    register_card_view,
)
from dashboard.app.components.controls import indicator_about
from dashboard.app.errors import client_value
from dashboard.app.lookups import country_codes
from dashboard.app.pages.country.layout import BRIEF_FORMATS, PATH
from dashboard.app.pages.country.state import STATE
from dashboard.app.pages.country.view import chart_view
from dashboard.app.shared_answers import shared
from dashboard.language import _, ngettext


def register(app: Dash) -> None:
    @app.callback(
        *card_outputs("country"),
        Output("country-indicator-about", "children"),
        *STATE.inputs(),
        *STATE.extra,
    )
    @shared
    def update(indicator, norm, scale, code):
        state, _notices = STATE.from_controls([indicator, norm, scale], code)
        return (*chart_view(code, state), indicator_about(state.indicator))

    STATE.register_url_sync(app)

    def chart_file(query: dict[str, str]):
        code = query.pop("country", None)
        state, _notices = STATE.from_query(query, code)  # a code not in the store updates nothing
        return chart_view(code, state)

    register_card_view("country", chart_file)

    @app.callback(
        Output("url", "pathname", allow_duplicate=True),
        Output("url", "search", allow_duplicate=True),
        Input("country-picker", "value"),
        State("url", "pathname"),
        prevent_initial_call=True,
    )
    def open_country(code, pathname):
        if not isinstance(code, str) or code not in country_codes() or pathname == PATH + code:
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
        from dashboard.exports.brief_slots import BriefsBusy, brief_slot
        from dashboard.exports.images import ImageError

        clicks = client_value(list[int | None], clicks, "The brief buttons' clicks")
        fmt = ctx.triggered_id.get("format") if isinstance(ctx.triggered_id, dict) else None
        forged = (
            not isinstance(code, str)
            or code not in country_codes()
            or fmt not in dict(BRIEF_FORMATS)
        )
        if forged or not any(clicks):
            return no_update, no_update
        try:
            with brief_slot():  # a few at once across the site; the rest wait, then are told
                made = build_brief(context.store(), code)
                data = render(made, fmt)
        except BriefsBusy as exc:
            return no_update, ngettext(
                "The site is busy making other briefs. Please try again in {count} second.",
                "The site is busy making other briefs. Please try again in {count} seconds.",
                exc.retry_after,
            ).format(count=exc.retry_after)
        except (BriefError, ImageError) as exc:
            return no_update, _("Could not make the brief: {reason}").format(reason=exc)
        name = made.filename(fmt)
        return dcc.send_bytes(data, name), _("Downloaded {file}").format(file=name)
