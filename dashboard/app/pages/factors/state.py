"""The Factors page's state: indicator, normalisation, factor, year, scale and the country of
the within-country chart, checked against the store, each fallback said aloud; and the years
and countries the controls offer for an indicator."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, field_validator

from dashboard.analysis.factors import FACTORS, MIN_N
from dashboard.analysis.rates import NORMALISATIONS
from dashboard.analysis.series import indicator_rows
from dashboard.analysis.themes import in_themes
from dashboard.app import context
from dashboard.app.components.controls import normalisation_fallback
from dashboard.app.lookups import country_codes
from dashboard.app.urlstate import PageState
from dashboard.language import _

NORMS = [n for n in NORMALISATIONS if n != "index"]


class FactorsState(BaseModel):
    indicator: str = "cybertipline_reports"
    norm: str = "per_100k_population"
    factor: str = "internet_users_pct"
    year: str | None = None  # a year, "all" (pooled), or None = latest with enough countries
    scale: Literal["log", "linear"] = "log"
    country: str = "PHL"

    @field_validator("norm")
    @classmethod
    def _norm(cls, value: str) -> str:
        if value == "index":
            raise ValueError(_("an index compares a country with itself, not countries"))
        if value not in NORMS:
            raise ValueError(_("not one of {values}").format(values=", ".join(NORMS)))
        return value

    @field_validator("factor")
    @classmethod
    def _factor(cls, value: str) -> str:
        if value not in FACTORS:
            raise ValueError(_("not one of {values}").format(values=", ".join(FACTORS)))
        return value

    @field_validator("year")
    @classmethod
    def _year(cls, value: str | None) -> str | None:
        # isdecimal, not isdigit: '²' is a digit that int() refuses
        if value in (None, "all") or (value.isdecimal() and len(value) == 4):
            return value
        raise ValueError(_("a four-digit year or 'all'"))

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        return value.strip().upper()


@context.per_store
def indicator_years() -> dict[str, list[int]]:
    """Per indicator (not context): years in which at least MIN_N countries have a value."""
    store = context.store()
    kept = set(store.indicators.loc[~in_themes(store.indicators), "id"])
    obs = store.observations
    rows = obs[
        obs["preferred"]
        & (obs["category"] == "")
        & obs["indicator"].isin(kept)
        & obs["entity"].isin(country_codes())
    ]
    counts = rows.groupby(["indicator", "year"])["entity"].nunique()
    counts = counts[counts >= MIN_N].reset_index()
    return {i: sorted(map(int, g["year"])) for i, g in counts.groupby("indicator")}


@context.per_store
def country_options(indicator: str) -> list[dict]:
    store = context.store()
    used = set(indicator_rows(store.observations, indicator)["entity"].unique())
    rows = store.entities[store.entities["code"].isin(used & country_codes())].sort_values("name")
    return [{"value": c, "label": n} for c, n in zip(rows["code"], rows["name"], strict=True)]


def year_options(indicator: str) -> list[dict]:
    """The year control's choices: pooled, then each year with enough countries."""
    years = indicator_years().get(indicator, [])
    return [{"value": "all", "label": _("All years (pooled)")}] + [
        {"value": str(y), "label": str(y)} for y in reversed(years)
    ]


def checked_state(state: FactorsState) -> tuple[FactorsState, list[str]]:
    """Checks that need the store; each fallback is said out loud."""
    messages = []
    years = indicator_years()
    if state.indicator not in years:
        messages.append(
            _(
                "'{indicator}' is not available here (unknown, a context series, or fewer "
                "than {count} countries in every year); showing the default instead."
            ).format(indicator=state.indicator, count=MIN_N)
        )
        state = state.model_copy(update={"indicator": FactorsState().indicator})
    norm, found = normalisation_fallback(state.norm, state.indicator)
    messages += found
    state = state.model_copy(update={"norm": norm})
    available = years[state.indicator]
    if state.year not in (None, "all") and int(state.year) not in available:
        messages.append(
            _("Too few countries have a value in {year}; showing {shown} instead.").format(
                year=state.year, shown=available[-1]
            )
        )
        state = state.model_copy(update={"year": None})
    if state.year is None:
        state = state.model_copy(update={"year": str(available[-1])})
    options = [o["value"] for o in country_options(state.indicator)]
    if state.country not in options:
        if state.country != FactorsState().country or "PHL" not in options:
            messages.append(
                _("No values for country '{country}' in this indicator.").format(
                    country=state.country
                )
            )
        fallback = "PHL" if "PHL" in options else (options[0] if options else "PHL")
        state = state.model_copy(update={"country": fallback})
    return state, messages


STATE = PageState(FactorsState, "factors", checked_state)
