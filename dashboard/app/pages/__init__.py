"""The page registry: path, navigation label, layout from the URL, callbacks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from dash import Dash
from dash.development.base_component import Component

from dashboard.app.auth import can


@dataclass(frozen=True)
class Page:
    path: str
    label: str
    layout: Callable[[str, dict[str, str]], Component]  # (path, query) -> page content
    register: Callable[[Dash], None]
    prefix: bool = False  # path is a prefix, e.g. /country/<ISO3>
    in_nav: bool = True
    needs: str | None = None  # an action (accounts.LEAST_ROLE_FOR) only some accounts may do

    def open_to_visitor(self) -> bool:
        """Whether whoever is asking may see the page (and its link in the navigation)."""
        return self.needs is None or can(self.needs)

    def matches(self, path: str) -> bool:
        return path.startswith(self.path) if self.prefix else path == self.path


def all_pages() -> list[Page]:
    from dashboard.app.pages import (
        compare,
        country,
        embed,
        emerging,
        factors,
        gaps,
        map,
        modus_operandi,
        overview,
        publish,
        sources,
    )

    return [
        overview.PAGE,
        map.PAGE,
        country.PAGE,
        compare.PAGE,
        emerging.PAGE,
        modus_operandi.PAGE,
        factors.PAGE,
        gaps.PAGE,
        sources.PAGE,
        publish.PAGE,
        embed.PAGE,
    ]
