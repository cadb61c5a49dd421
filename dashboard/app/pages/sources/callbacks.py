"""The sources page's callbacks: open a tab, pick the coverage tab's indicator, download the
catalogues.

Each of the first two writes the URL itself, with what it redraws, rather than through
`STATE.register_url_sync`: the indicator picker exists only on the coverage tab, and Dash
refuses a callback some of whose inputs are missing from the page (a reference error in the
browser), so one callback on both controls would fail on every other tab. Switching tabs keeps
the indicator the URL holds.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, clientside_callback

from dashboard.app import context
from dashboard.app.lookups import reports_caveat
from dashboard.app.pages.sources.state import STATE
from dashboard.app.pages.sources.view import coverage_figure, tab_content
from dashboard.app.shared_answers import shared
from dashboard.app.urlstate import parse_query
from dashboard.exports.csv import csv_with_citation
from dashboard.exports.tidy import tidy_rows
from dashboard.language import _


def register(app: Dash) -> None:
    @app.callback(
        Output("sources-tab-content", "children"),
        Output("url", "search", allow_duplicate=True),
        *STATE.inputs("tab"),
        State("url", "search"),
        prevent_initial_call=True,
    )
    @shared
    def switch_tab(tab: str, search: str | None):
        query = parse_query(search) if isinstance(search, str) else {}
        state, _notices = STATE.from_query({**query, "tab": tab})
        return tab_content(state), STATE.query(state)

    clientside_callback(  # the panel belongs to the tab just opened, at once
        "function(tab) { return tab; }",
        Output("sources-tab-panel", "value"),
        Input("sources-tabs", "value"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output("coverage-graph", "figure"),
        Output("url", "search", allow_duplicate=True),
        *STATE.inputs("indicator"),
        prevent_initial_call=True,
    )
    @shared
    def pick_indicator(indicator: str):
        state, _notices = STATE.from_controls(["coverage", indicator])
        return coverage_figure(state.indicator), STATE.query(state)

    def download(button: str, target: str, make) -> None:
        @app.callback(Output(target, "data"), Input(button, "n_clicks"), prevent_initial_call=True)
        def _send(_clicks):
            name, frame, header = make()
            return {"content": csv_with_citation(frame, header), "filename": name}

    def observations_csv():
        store = context.store()
        header = [
            _("OCSE Statistics Dashboard: all published figures in the store, one a row."),
            _("Cite the publication in each row (citation, source_url). {caveat}").format(
                caveat=reports_caveat()
            ),
            _("Store content hash: {version}").format(version=store.content_hash),
        ]
        return "ocse-observations.csv", tidy_rows(store), header

    download("download-observations-btn", "download-observations", observations_csv)
    download(
        "download-sources-btn",
        "download-sources",
        lambda: (
            "ocse-sources.csv",
            context.store().sources,
            [_("Publications behind every figure in the OCSE Statistics Dashboard.")],
        ),
    )
    download(
        "download-indicators-btn",
        "download-indicators",
        lambda: (
            "ocse-indicators.csv",
            context.store().indicators,
            [_("Indicator definitions and caveats, OCSE Statistics Dashboard.")],
        ),
    )
