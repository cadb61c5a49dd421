"""Emerging threats' state: the indicator, the year and the four thresholds, checked against
the store (an indicator that can be scored, a year with changes to score), and the choices the
year control offers."""

from __future__ import annotations

from typing import Literal

import pandas as pd
from pydantic import BaseModel, Field

from dashboard.analysis.emerging import (
    DEFAULT_INDICATOR,
    FlagParams,
    default_indicators,
    growth_scores,
)
from dashboard.app import context
from dashboard.app.urlstate import PageState
from dashboard.language import _

DEFAULTS = FlagParams()


class EmergingState(BaseModel):
    indicator: str = DEFAULT_INDICATOR
    year: int | Literal["latest", "all"] = "latest"
    min_base: int = Field(int(DEFAULTS.min_base), ge=0)
    min_growth: float = Field(DEFAULTS.min_growth_pct, ge=0, le=100_000)
    own_z: float = Field(DEFAULTS.own_z, gt=0, le=100)
    peer_z: float = Field(DEFAULTS.peer_z, gt=0, le=100)
    focus: bool = False  # list the focus countries (data/focus.yaml) only

    def params(self) -> FlagParams:
        return FlagParams(
            min_base=self.min_base,
            min_growth_pct=self.min_growth,
            own_z=self.own_z,
            peer_z=self.peer_z,
            year=self.year,
            indicators=[self.indicator],
        )


@context.per_store
def eligible() -> list[str]:
    """Indicators with country counts over enough years and countries to be scored."""
    store = context.store()
    return default_indicators(store.observations, store.indicators, store.entities)


@context.per_store
def indicator_scores(indicator: str) -> pd.DataFrame:
    """Every year-on-year change of one indicator with its scores: all that does not depend
    on the thresholds, computed once per store."""
    store = context.store()
    return growth_scores(store.observations, store.indicators, store.entities, [indicator])


@context.per_store
def growth_years(indicator: str) -> list[int]:
    """Years with at least one year-on-year change (not across a break) for the indicator."""
    growth = indicator_scores(indicator)
    return sorted(int(y) for y in growth.loc[growth["log_growth"].notna(), "year"].unique())


@context.per_store
def focus_countries() -> dict[str, str]:
    """The focus countries (data/focus.yaml) by code, with their names, in display order."""
    store = context.store()
    names = store.entities.set_index("code")["name"]
    return {code: str(names.get(code, code)) for code in store.focus()}


def focus_names() -> str:
    return ", ".join(focus_countries().values())


def year_options(indicator: str) -> list[dict]:
    """The year control's choices: latest, all, then each year with changes to score."""
    years = growth_years(indicator)
    latest = _("Latest year ({year})").format(year=years[-1]) if years else _("Latest year")
    return [
        {"value": "latest", "label": latest},
        {"value": "all", "label": _("All years")},
        *({"value": str(y), "label": str(y)} for y in reversed(years)),
    ]


def checked_state(state: EmergingState) -> tuple[EmergingState, list[str]]:
    """Checks that need the store: a listed indicator, a year that has changes to score."""
    messages = []
    if state.indicator not in eligible():
        messages.append(
            _(
                "'{indicator}' cannot be scored here (it needs country counts of reports "
                "over enough years or countries); showing NCMEC CyberTipline reports by country."
            ).format(indicator=state.indicator)
        )
        state = state.model_copy(update={"indicator": DEFAULT_INDICATOR})
    years = growth_years(state.indicator)
    if isinstance(state.year, int) and state.year not in years:
        span = f"{years[0]}–{years[-1]}" if years else _("no years")
        messages.append(
            _(
                "No year-on-year change can be scored for {year} (this indicator: {span}); "
                "showing the latest year instead."
            ).format(year=state.year, span=span)
        )
        state = state.model_copy(update={"year": "latest"})
    return state, messages


STATE = PageState(
    EmergingState, "emerging", checked_state, controls={"focus": ("emerging-focus", "checked")}
)
