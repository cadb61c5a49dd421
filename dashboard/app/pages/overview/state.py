"""The overview's state: which theme's trend charts are shown."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from dashboard.app.urlstate import PageState
from dashboard.language import N_

THEMES = {  # labels translated where shown
    "all": N_("All themes"),
    "reporting": N_("Reporting (NCMEC)"),
    "hosting": N_("Hosting & takedown (IWF, INHOPE)"),
}
Theme = Literal[tuple(THEMES)]  # type: ignore[valid-type]


class OverviewState(BaseModel):
    theme: Theme = "all"


STATE = PageState(OverviewState, "overview")
