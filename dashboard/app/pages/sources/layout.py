"""The sources page: what the store holds in one line, the tabs, and the open tab's content."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import html

from dashboard.app import context
from dashboard.app.components.page import flashed
from dashboard.app.pages.sources.state import STATE, TABS
from dashboard.app.pages.sources.view import tab_content

PATH = "/sources"


def layout(path: str, query: dict[str, str]) -> object:
    state, notices = STATE.from_query(query)
    return html.Div(
        [
            dmc.Title("Data & sources", order=1, size="h2"),
            dmc.Text(store_summary(), c="dimmed"),
            *flashed(),  # a rollback's outcome: outside the tabs, which redraw on their own
            *[dmc.Alert(n, color="yellow", className="url-notice", mt="sm") for n in notices],
            dmc.Tabs(
                [
                    dmc.TabsList([dmc.TabsTab(t.capitalize(), value=t) for t in TABS]),
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


@context.per_store
def store_summary() -> str:
    """The line under the title: what the store holds."""
    store = context.store()
    observations = store.observations
    return (
        f"{len(store.sources)} publications, {len(store.indicators)} indicators, "
        f"{len(observations):,} published figures for {observations['entity'].nunique()} "
        f"countries and regions, {observations['year'].min()}–{observations['year'].max()}. "
        f"Store content hash {store.content_hash[:12]}."
    )
