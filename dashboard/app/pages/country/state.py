"""The profile chart's state: indicator, normalisation and axis scale, checked against what the
country in the path has. The page stores that country, checked, in `country-code`; the
callbacks read it from there."""

from __future__ import annotations

from typing import Literal

from dash import State
from dash.exceptions import PreventUpdate
from pydantic import BaseModel

from dashboard.app import context
from dashboard.app.components.controls import normalisation_fallback
from dashboard.app.lookups import country_codes
from dashboard.app.urlstate import Normalisation, PageState
from dashboard.language import _

NCMEC = "cybertipline_reports"


class CountryState(BaseModel):
    indicator: str = NCMEC
    norm: Normalisation = "raw"
    scale: Literal["linear", "log"] = "linear"


@context.per_store
def own_indicators(code: str) -> frozenset[str]:
    """The indicators with a preferred value for the country."""
    obs = context.store().observations
    rows = obs[obs["entity"] == code]
    return frozenset(rows.loc[rows["preferred"], "indicator"])


def checked_state(state: CountryState, code: str) -> tuple[CountryState, list[str]]:
    """An indicator the country has (NCMEC reports first), a normalisation its unit allows.
    `code` is the page's stored country: any other value is forged, and nothing updates."""
    if not isinstance(code, str) or code not in country_codes():
        raise PreventUpdate
    own = own_indicators(code)
    messages = []
    if state.indicator not in own:
        fallback = NCMEC if NCMEC in own else (sorted(own) or [NCMEC])[0]
        if state.indicator != CountryState().indicator or fallback != state.indicator:
            messages.append(
                _(
                    "No values for indicator '{indicator}' in this country; showing "
                    "'{fallback}' instead."
                ).format(indicator=state.indicator, fallback=fallback)
            )
        state = state.model_copy(update={"indicator": fallback})
    norm, found = normalisation_fallback(state.norm, state.indicator)
    state = state.model_copy(update={"norm": norm})
    return state, messages + found


STATE = PageState(CountryState, "country", checked_state, extra=[State("country-code", "data")])
