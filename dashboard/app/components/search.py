"""Site search in the header of every page: a search box, and under it a list of links to
the views that show what was found (reachable with Tab or the arrow keys, see
assets/search_keys.js). Enter opens the first.

A result is a plain link, not an in-app one: the page it opens reads its controls from the URL
as it loads, even when it is the page already open."""

from __future__ import annotations

from collections.abc import Sequence

from dash import Dash, Input, Output, State, clientside_callback, dcc, html, no_update

from dashboard.app.errors import client_value
from dashboard.app.pages import Page
from dashboard.app.search_index import search_index
from dashboard.language import N_, _
from dashboard.wording.search import Entry

MAX_QUERY = 100  # characters read of what is typed
SHOWN = 8
HINT = N_("Try a country, an indicator, a publication or a topic such as sextortion.")
# The data tables' icon-only paging buttons get these names from assets/accessibility.js; the
# search box carries them because it is on every page, in the reader's language.
PAGING_NAMES = {
    "data-label-first-page": N_("First page"),
    "data-label-previous-page": N_("Previous page"),
    "data-label-next-page": N_("Next page"),
    "data-label-last-page": N_("Last page"),
}


def site_search() -> html.Div:
    return html.Div(
        [
            html.Label(_("Search"), htmlFor="site-search", className="visually-hidden"),
            dcc.Input(
                id="site-search",
                type="search",
                placeholder=_("Search"),
                debounce=0.25,
                autoComplete="off",
                maxLength=MAX_QUERY,
                className="site-search-input",
            ),
            html.Div(
                id="site-search-results",
                className="site-search-results",
                role="region",
                hidden=True,
                **{"aria-label": _("Search results"), "aria-live": "polite"},
            ),
            dcc.Store(id="site-search-go"),
        ],
        className="site-search",
        role="search",
        **{attribute: _(name) for attribute, name in PAGING_NAMES.items()},
    )


def result_list(query: str, found: list[Entry]) -> list:
    if not found:
        text = _("Nothing found for “{query}”.").format(query=query) + " " + _(HINT)
        return [html.P(text, className="site-search-none")]
    return [
        html.Ul(
            [
                html.Li(
                    html.A(
                        [
                            html.Span(entry.label, className="site-search-label"),
                            html.Span(entry.detail, className="site-search-detail"),
                        ],
                        href=entry.href,
                        className="site-search-link",
                    )
                )
                for entry in found
            ],
            className="site-search-list",
        )
    ]


def register_search(app: Dash, pages: Sequence[Page]) -> None:
    chosen = tuple(pages)

    def found(value: object) -> tuple[str, list[Entry]]:
        query = (client_value(str | None, value, "The search text") or "")[:MAX_QUERY].strip()
        return query, search_index(chosen).search(query, SHOWN) if query else []

    @app.callback(
        Output("site-search-results", "children"),
        Output("site-search-results", "hidden"),
        Input("site-search", "value"),
        prevent_initial_call=True,
    )
    def show_results(value):
        query, entries = found(value)
        if not query:
            return [], True
        return result_list(query, entries), False

    @app.callback(
        Output("site-search-go", "data"),
        Input("site-search", "n_submit"),
        State("site-search", "value"),
        prevent_initial_call=True,
    )
    def open_first(_submits, value):
        """Enter opens the best match."""
        _query, entries = found(value)
        return entries[0].href if entries else no_update

    clientside_callback(
        """
        function(href) {
            if (typeof href === "string" && href.startsWith("/")) { window.location.assign(href); }
            return window.dash_clientside.no_update;
        }
        """,
        Output("site-search-go", "clear_data"),
        Input("site-search-go", "data"),
        prevent_initial_call=True,
    )
