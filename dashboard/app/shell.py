"""The frame around every page: product name, navigation, the page area, the URL."""

from __future__ import annotations

from typing import NamedTuple

import dash_mantine_components as dmc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.app.components.search import site_search
from dashboard.app.language import language_menu, switcher
from dashboard.language import N_, _

PRODUCT = N_("OCSE Statistics Dashboard")
TAGLINE = N_(
    "Published statistics on online child sexual exploitation and trafficking, with sources"
)


def shell(
    nav: list[tuple[str, str]],
    account: Component | None = None,
    opening: Opening | None = None,
) -> dmc.MantineProvider:
    """The frame; `account` is the header's corner for signing in and out; `opening`, the page
    the browser is opening, drawn in already (else the router draws it). On narrow screens the
    navigation and the languages fold behind a "Menu" button (style.css,
    assets/accessibility.js). `nav` labels are translated here."""
    opening = opening or Opening()
    links = [
        dcc.Link(_(label), href=path, className="nav-link", id=f"nav-{path.strip('/') or 'home'}")
        for path, label in nav
    ]
    header = html.Div(
        [
            html.A(_("Skip to content"), href="#content", className="skip-link"),
            dcc.Link(_(PRODUCT), href="/", className="brand"),
            html.Button(  # before the navigation it opens: Tab goes on into the links
                _("Menu"),
                id="menu-button",
                className="menu-button",
                type="button",
                **{"aria-expanded": "false", "aria-controls": "site-nav"},
            ),
            html.Div(
                [html.Nav(links, className="nav-pages", **{"aria-label": _("Pages")}), switcher()],
                className="nav",
                id="site-nav",
            ),
            html.Div([site_search(), language_menu(), account], className="header-tools"),
        ],
        className="header-bar",
    )
    return dmc.MantineProvider(
        dmc.AppShell(
            [
                dcc.Location(id="url", refresh=False),
                dcc.Store(id="page-opened", data=opening.address),
                dmc.AppShellHeader(header, className="app-header"),
                dmc.AppShellMain(
                    html.Div(
                        [html.Div(opening.page, id="page"), footer(opening.footer)],
                        id="content",
                        className="page-wrap",
                        tabIndex="-1",  # the skip link's target takes the focus
                    )
                ),
            ],
            header={"height": 56},
            padding="md",
        ),
        theme={
            "fontFamily": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "primaryColor": "indigo",
            "primaryShade": {"light": 7, "dark": 8},  # white on it at 4.5:1 or more
        },
    )


class Opening(NamedTuple):
    """A page drawn into the frame as it is sent, for the address it was drawn for."""

    page: Component | None = None
    footer: str | None = None
    address: str | None = None  # opened_address(path, search)


def opened_address(pathname: str | None, search: str | None) -> str:
    return f"{pathname or '/'}{search or ''}"


def footer(text: str | None = None) -> html.Footer:
    return html.Footer(
        dmc.Text(text, id="site-footer-text", size="xs", c="dimmed"),  # filled with the page
        className="site-footer",
    )


def footer_text(reports_caveat: str, version: str) -> str:
    """The caveat every page carries, and the version of the figures it shows
    (`lookups.version_line`: the store's content hash, which exports and briefs also name)."""
    every = _("Every figure links to its publication on the Data & sources page.")
    return f"{reports_caveat} {every} {version}"


def not_found(path: str, nav: list[tuple[str, str]]) -> html.Div:
    return html.Div(
        [
            dmc.Title(_("Page not found"), order=1, size="h2"),
            dmc.Text(_("There is no page at {path}. Pages:").format(path=path)),
            html.Ul([html.Li(dcc.Link(_(label), href=p)) for p, label in nav]),
        ]
    )


def not_allowed(label: str) -> html.Div:
    return html.Div(
        [
            dmc.Title(_(label), order=1, size="h2"),
            dmc.Text(_("This page is for editors and admins. Sign in with such an account.")),
        ]
    )
