"""The frame around every page: product name, navigation, the page area, the URL."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.app.components.search import site_search

PRODUCT = "OCSE Statistics Dashboard"
TAGLINE = "Published statistics on online child sexual exploitation and trafficking, with sources"


def shell(nav: list[tuple[str, str]], account: Component | None = None) -> dmc.MantineProvider:
    """The frame; `account` is the header's corner for signing in and out. On narrow screens
    the navigation folds behind a "Menu" button (style.css, assets/accessibility.js)."""
    links = [
        dcc.Link(label, href=path, className="nav-link", id=f"nav-{path.strip('/') or 'home'}")
        for path, label in nav
    ]
    header = html.Div(
        [
            html.A("Skip to content", href="#content", className="skip-link"),
            dcc.Link(PRODUCT, href="/", className="brand"),
            html.Button(  # before the navigation it opens: Tab goes on into the links
                "Menu",
                id="menu-button",
                className="menu-button",
                type="button",
                **{"aria-expanded": "false", "aria-controls": "site-nav"},
            ),
            html.Nav(links, className="nav", id="site-nav", **{"aria-label": "Pages"}),
            html.Div([site_search(), account], className="header-tools"),
        ],
        className="header-bar",
    )
    return dmc.MantineProvider(
        dmc.AppShell(
            [
                dcc.Location(id="url", refresh=False),
                dmc.AppShellHeader(header, className="app-header"),
                dmc.AppShellMain(
                    html.Div(
                        [html.Div(id="page"), footer()],
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


def footer() -> html.Footer:
    return html.Footer(
        dmc.Text(id="site-footer-text", size="xs", c="dimmed"),  # filled with the page
        className="site-footer",
    )


def footer_text(reports_caveat: str, content_hash: str, built_at: str) -> str:
    """The caveat every page carries, and the version of the figures it shows (the store's
    content hash, which exports and briefs also name)."""
    built = f", built {built_at[:10]}" if built_at else ""
    return (
        f"{reports_caveat} Every figure links to its publication on the Data & sources page. "
        f"Figures: version {content_hash[:12]}{built}."
    )


def not_found(path: str, nav: list[tuple[str, str]]) -> html.Div:
    return html.Div(
        [
            dmc.Title("Page not found", order=1, size="h2"),
            dmc.Text(f"There is no page at {path}. Pages:"),
            html.Ul([html.Li(dcc.Link(label, href=p)) for p, label in nav]),
        ]
    )


def not_allowed(label: str) -> html.Div:
    return html.Div(
        [
            dmc.Title(label, order=1, size="h2"),
            dmc.Text("This page is for editors and admins. Sign in with such an account."),
        ]
    )
