"""The map's state: indicator, year, normalisation and colour scale, checked against the store."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from dashboard.app import context
from dashboard.app.components.controls import normalisation_fallback
from dashboard.app.urlstate import Normalisation, PageState


class MapState(BaseModel):
    indicator: str = "cybertipline_reports"
    year: int | None = None
    norm: Normalisation = "raw"
    scale: Literal["linear", "log"] = "log"


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
            f"Unknown indicator '{state.indicator}' (or none with country values); "
            "showing the default instead."
        )
        state = state.model_copy(update={"indicator": MapState().indicator})
    available = years[state.indicator]
    if state.year is not None and state.year not in available:
        messages.append(
            f"No country values for {state.year} in this indicator "
            f"(years: {available[0]}-{available[-1]}); showing {available[-1]}."
        )
    if state.year not in available:
        state = state.model_copy(update={"year": available[-1]})
    norm, found = normalisation_fallback(state.norm, state.indicator)
    messages += found
    state = state.model_copy(update={"norm": norm})
    return state, messages


STATE = PageState(MapState, "map", checked_state)
