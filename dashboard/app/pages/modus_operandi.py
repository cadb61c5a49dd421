"""Modus operandi page (being built)."""

from __future__ import annotations

import dash_mantine_components as dmc
from dash import Dash

from dashboard.app.pages import Page


def layout(path: str, query: dict[str, str]):
    return dmc.Title("Modus operandi", order=2)


def register(app: Dash) -> None:
    return None


PAGE = Page("/modus-operandi", "Modus operandi", layout, register)
