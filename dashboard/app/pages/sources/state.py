"""The sources page's state: the open tab, and the indicator the coverage tab shows."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from dashboard.app.lookups import indicators_by_id
from dashboard.app.urlstate import PageState
from dashboard.language import _

TABS = ("sources", "indicators", "coverage", "downloads", "notices", "history")
Tab = Literal[TABS]  # type: ignore[valid-type]


class SourcesState(BaseModel):
    tab: Tab = "sources"
    indicator: str = "cybertipline_reports"


def checked_state(state: SourcesState) -> tuple[SourcesState, list[str]]:
    """An indicator the catalogue does not have is replaced by the default."""
    if state.indicator in indicators_by_id().index:
        return state, []
    notice = _("Unknown indicator '{indicator}'; showing the default instead.").format(
        indicator=state.indicator
    )
    return state.model_copy(update={"indicator": SourcesState().indicator}), [notice]


# The indicator picker exists only on the coverage tab.
STATE = PageState(
    SourcesState,
    "sources",
    checked_state,
    controls={"tab": ("sources-tabs", "value"), "indicator": ("coverage-indicator", "value")},
)
