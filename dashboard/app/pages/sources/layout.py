"""The sources page: what the store holds in one line, the tabs, and the open tab's content."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.app import context
from dashboard.app.components.page import flashed
from dashboard.app.pages.sources.state import STATE, TABS
from dashboard.app.pages.sources.view import tab_content
from dashboard.language import N_, _, decimal

PATH = "/sources"
TAB_LABELS = {
    "sources": N_("Sources"),
    "indicators": N_("Indicators"),
    "coverage": N_("Coverage"),
    "downloads": N_("Downloads"),
    "notices": N_("Notices"),
    "history": N_("History"),
}


def layout(path: str, query: dict[str, str]) -> object:
    state, notices = STATE.from_query(query)
    return html.Div(
        [
            dmc.Title(_("Data & sources"), order=1, size="h2"),
            dmc.Text(store_summary(), c="dimmed"),
            *flashed(),  # a rollback's outcome: outside the tabs, which redraw on their own
            *[dmc.Alert(n, color="yellow", className="url-notice", mt="sm") for n in notices],
            dmc.Tabs(
                [
                    dmc.TabsList([dmc.TabsTab(_(TAB_LABELS[t]), value=t) for t in TABS]),
                    # the open tab's panel, which the tabs name; it follows them (callbacks.py)
                    dmc.TabsPanel(
                        html.Div(tab_content(state), id="sources-tab-content"),
                        value=state.tab,
                        id="sources-tab-panel",
                        className="tab-body",
                    ),
                ],
                id="sources-tabs",
                value=state.tab,
                mt="md",
                className="page-tabs",
            ),
        ]
    )


def store_summary() -> str:
    """The line under the title: what the store holds."""
    counts = store_counts()
    return _(
        "{publications} publications, {indicators} indicators, {figures} published figures for "
        "{entities} countries and regions, {first}–{last}. Store content hash {version}."
    ).format(
        publications=decimal(counts["publications"]),
        indicators=decimal(counts["indicators"]),
        figures=decimal(counts["figures"]),
        entities=decimal(counts["entities"]),
        first=counts["first"],
        last=counts["last"],
        version=counts["version"],
    )


@context.per_store
def store_counts() -> dict:
    """What the store holds, counted once per store."""
    store = context.store()
    observations = store.observations
    return {
        "publications": len(store.sources),
        "indicators": len(store.indicators),
        "figures": len(observations),
        "entities": observations["entity"].nunique(),
        "first": observations["year"].min(),
        "last": observations["year"].max(),
        "version": store.content_hash[:12],
    }
