"""The map's state: indicator, year, normalisation and colour scale, checked against the store."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from dashboard.app import context
from dashboard.app.components.controls import normalisation_fallback
from dashboard.app.urlstate import Normalisation, PageState
from dashboard.language import _


class MapState(BaseModel):
    indicator: str = "cybertipline_reports"
    year: int | None = None
    norm: Normalisation = "raw"
    scale: Literal["linear", "log"] = "log"


class YearFallback(str):
    """The notice that a year has no country values: the year slider shows the year used."""


@context.per_store
def country_years() -> dict[str, list[int]]:
    """Indicator -> years with at least one country value (what the map can show)."""
    store = context.store()
    obs = store.observations
    countries = set(store.entities.loc[store.entities["kind"] == "country", "code"])
    rows = obs[obs["preferred"] & (obs["category"] == "") & obs["entity"].isin(countries)]
    return {k: sorted(set(map(int, v))) for k, v in rows.groupby("indicator")["year"]}


def checked_state(state: MapState) -> tuple[MapState, list[str]]:
    """Store-aware checks: an indicator with country values, one of its years, a usable norm."""
    years = country_years()
    messages = []
    if state.indicator not in years:
        messages.append(
            _(
                "Unknown indicator '{indicator}' (or none with country values); showing the "
                "default instead."
            ).format(indicator=state.indicator)
        )
        state = state.model_copy(update={"indicator": MapState().indicator})
    available = years[state.indicator]
    if state.year is not None and state.year not in available:
        notice = _(
            "No country values for {year} in this indicator (years: {first}-{last}); "
            "showing {last}."
        ).format(year=state.year, first=available[0], last=available[-1])
        messages.append(YearFallback(notice))
    if state.year not in available:
        state = state.model_copy(update={"year": available[-1]})
    norm, found = normalisation_fallback(state.norm, state.indicator)
    messages += found
    state = state.model_copy(update={"norm": norm})
    return state, messages


STATE = PageState(MapState, "map", checked_state)
