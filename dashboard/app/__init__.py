"""The Dash app: a shell, a router on the URL path, and one module per page."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import urlsplit

import dash_mantine_components as dmc
from dash import Dash, Input, Output, State, no_update, set_props
from dash.development.base_component import Component
from flask import Response, has_request_context, request

from dashboard.app import context
from dashboard.app.api import install_api
from dashboard.app.auth import SIGNIN, install_auth
from dashboard.app.components.account import account_corner
from dashboard.app.components.cards import register_card_callbacks
from dashboard.app.components.search import register_search
from dashboard.app.compression import assets_path, install_compression
from dashboard.app.errors import STORE_NOTICE, client_value, log_store_error
from dashboard.app.language import install_language
from dashboard.app.lookups import country_codes, reports_caveat, version_line
from dashboard.app.pages import Page, all_pages
from dashboard.app.publishing import install_publishing
from dashboard.app.script_addresses import install_script_addresses
from dashboard.app.security import harden
from dashboard.app.shared_answers import install_shared_answers, shared
from dashboard.app.shell import (
    PRODUCT,
    Opening,
    footer_text,
    not_allowed,
    not_found,
    opened_address,
    shell,
)
from dashboard.app.urlstate import parse_query
from dashboard.language import _
from dashboard.store import state_dir
from dashboard.store.read import StoreData, StoreError

ASSETS = Path(__file__).parent / "assets"
CHART_BUNDLE = Path(__file__).parent / "plotlyjs" / "plotly.min.js"  # `make plotly`


def create_app(store: StoreData | None = None, state: Path | None = None) -> Dash:
    """The app serving `store` (default: the one at OCSE_STORE), with its accounts, session key
    and sign-in throttle in `state` (default: `state_dir()`)."""
    if store is not None:
        context.use_store(store)
    pages = all_pages()

    def nav() -> list[tuple[str, str]]:  # per visitor: readers never see links to editor pages
        return [(p.path, p.label) for p in pages if p.in_nav and p.open_to_visitor()]

    app = Dash(
        __name__,
        title=PRODUCT,
        assets_folder=str(ASSETS),
        assets_url_path=assets_path(ASSETS),  # a new address when a file changes: cached a year
        serve_locally=True,
        suppress_callback_exceptions=True,
        update_title=None,
    )

    def page_for(pathname: str | None, search: str | None) -> tuple[Component, str]:
        """The page at an address and the footer that goes with it."""
        path = (client_value(str | None, pathname, "The page path") or "/").rstrip("/") or "/"
        query = parse_query(client_value(str | None, search, "The URL query"))
        try:
            footer = footer_text(reports_caveat(), version_line())
        except StoreError as exc:
            log_store_error(exc)  # the path and the cause, for the operator
            return store_notice(), ""
        for page in pages:
            if page.matches(path):
                if not page.open_to_visitor():
                    return not_allowed(page.label), footer
                return page.layout(path, query), footer
        return not_found(path, nav()), footer

    def opening() -> Opening | None:
        """The page the browser is opening, read from the address that asks for the layout
        (same-origin requests carry it: Referrer-Policy same-origin). Drawn into the layout, it
        spares a slow link the router's round trip before the page's own callbacks; when the
        address is not there, or the page fails, the router draws it as before. Only its path
        and query are read (a proxy may name the host without the port): a forged one chooses
        which page is drawn, as a request to the router could."""
        if not has_request_context():
            return None
        address = urlsplit(request.referrer or "")
        if not address.path.startswith("/"):
            return None
        search = f"?{address.query}" if address.query else ""
        try:
            page, footer = page_for(address.path, search)
        except Exception:  # the router draws it again, and answers and logs what went wrong
            return None
        return Opening(page, footer, opened_address(address.path, search))

    # per request: who is signed in, and the page being opened
    app.layout = lambda: shell(nav(), account_corner(), opening())
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    app.index_string = app.index_string.replace("{%css%}", "{%css%}\n" + early_requests(app), 1)
    install_language(app)  # first: every later hook and callback speaks the reader's language

    @app.callback(
        Output("page", "children"),
        Output("site-footer-text", "children"),
        Input("url", "pathname"),
        State("url", "search"),
        State("page-opened", "data"),
    )
    @shared  # visitors and readers see the same pages (editors' and admins' are never kept)
    def route(pathname: str | None, search: str | None, opened: str | None):
        if opened is not None:  # once: the page the layout holds is drawn already
            set_props("page-opened", {"data": None})
            if client_value(str, opened, "The opened page") == opened_address(pathname, search):
                return no_update, no_update
        return page_for(pathname, search)

    register_card_callbacks(app)
    register_search(app, pages)
    for page in pages:
        page.register(app)
    install_api(app)  # first: a publication's upload limit is set before the body is read
    install_publishing(app)  # the same for the Publish form
    install_auth(app, state or state_dir())
    guard_pages(app, pages)
    harden(app)
    install_shared_answers(
        app, state or state_dir()
    )  # after the guards, before compression (see its docstring)
    install_compression(app)
    install_script_addresses(app, CHART_BUNDLE)
    return app


def guard_pages(app: Dash, pages: list[Page]) -> None:
    """A page only some accounts may see answers 403 to anyone else who asks for it by its
    address (the router shows them the same refusal inside the app)."""
    guarded = [page for page in pages if page.needs]

    @app.server.before_request
    def refuse_closed_pages():
        path = request.path.rstrip("/") or "/"
        for page in guarded:
            if page.matches(path) and not page.open_to_visitor():
                refusal = _(
                    "{page} is for editors and admins. Sign in with such an account at {address}."
                ).format(page=_(page.label), address=SIGNIN)
                return Response(
                    refusal + "\n",
                    403,
                    {"Cache-Control": "no-store"},
                    mimetype="text/plain",
                )
        return None


def store_notice() -> dmc.Alert:
    """What readers see when the store cannot be read; the log says where and why."""
    return dmc.Alert(
        _(
            "The figures cannot be shown at the moment. The site's operator can find the cause "
            "in the server's log."
        ),
        title=_(STORE_NOTICE),
        color="red",
    )


def set_up(app: Dash) -> None:
    """Run Dash's one-time set-up (the script list every asset request is checked against)
    before a reader connects. Dash runs it on a worker's first request and marks it done as it
    starts, so the other threads of a threaded worker could meanwhile answer requests for
    scripts with "not a registered library" (seen as pages that never load)."""
    app.server.test_client().get(app.config.requests_pathname_prefix)


def early_requests(app: Dash) -> str:
    """Links that ask for the layout and the callback list as the page arrives, while its
    scripts load: Dash's renderer asks for both only once its scripts have run, and then takes
    these answers (same address, mode and credentials), a round trip less on a slow link."""
    prefix = app.config.requests_pathname_prefix
    return "".join(
        f'<link rel="preload" href="{prefix}{name}" as="fetch" crossorigin="anonymous">'
        for name in ("_dash-layout", "_dash-dependencies")
    )


def warm() -> None:
    """Open every page once, so that the tables each derives from the store (`per_store`) are
    built as a worker starts rather than on some reader's first request."""
    for page in all_pages():
        if page.needs:
            continue  # drawn per account, from its drafts: nothing to build ahead
        path = page.path + (min(country_codes()) if page.prefix else "")
        try:
            page.layout(path, {})
        except Exception:  # a page that fails here fails for readers too: log it, serve the rest
            logging.getLogger(__name__).exception("opening %s at start-up failed", path)
