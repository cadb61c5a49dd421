"""The overview's state: which theme's trend charts are shown."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from dashboard.app.urlstate import PageState

THEMES = {
    "all": "All themes",
    "reporting": "Reporting (NCMEC)",
    "hosting": "Hosting & takedown (IWF, INHOPE)",
}
Theme = Literal[tuple(THEMES)]  # type: ignore[valid-type]


class OverviewState(BaseModel):
    theme: Theme = "all"


STATE = PageState(OverviewState, "overview")
