"""The compare view's state: indicator, up to ten countries or regions, normalisation, base
year and axis scale, checked against the store."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from dashboard.app import context
from dashboard.app.components.controls import normalisation_fallback
from dashboard.app.lookups import indicators_by_id
from dashboard.app.urlstate import Normalisation, PageState
from dashboard.language import _

MAX_ENTITIES = 10


class CompareState(BaseModel):
    indicator: str = "cybertipline_reports"
    entities: list[str] = Field(default_factory=lambda: context.store().focus())
    norm: Normalisation = "raw"
    base: int | None = None
    scale: Literal["linear", "log"] = "linear"

    @field_validator("entities", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            return [v.strip().upper() for v in value.split(",") if v.strip()]
        return value


@context.per_store
def base_years(indicator: str, entities: tuple[str, ...]) -> list[int]:
    """The years in which any of `entities` has a value of `indicator`: the base years an
    index can start from."""
    obs = context.store().observations
    rows = obs[obs["preferred"] & (obs["indicator"] == indicator) & obs["entity"].isin(entities)]
    return sorted(int(y) for y in rows["year"].unique())


def checked_state(state: CompareState) -> tuple[CompareState, list[str]]:
    """Checks that need the store: known indicator and entities, a sensible normalisation."""
    messages = []
    indicators = indicators_by_id()
    if state.indicator not in indicators.index:
        messages.append(
            _("Unknown indicator '{indicator}'; showing the default instead.").format(
                indicator=state.indicator
            )
        )
        state = state.model_copy(update={"indicator": CompareState().indicator})
    known = set(context.store().entities["code"])
    unknown = [e for e in state.entities if e not in known]
    if unknown:
        messages.append(
            _("Unknown countries or regions ignored: {codes}.").format(codes=", ".join(unknown))
        )
    entities = [e for e in dict.fromkeys(state.entities) if e in known]
    if len(entities) > MAX_ENTITIES:
        messages.append(
            _("At most {count} countries or regions; the first ten are shown.").format(
                count=MAX_ENTITIES
            )
        )
        entities = entities[:MAX_ENTITIES]
    state = state.model_copy(update={"entities": entities or context.store().focus()})
    norm, found = normalisation_fallback(state.norm, state.indicator)
    messages += found
    state = state.model_copy(update={"norm": norm})
    years = base_years(state.indicator, tuple(state.entities))
    if state.base is not None and state.base not in years:
        messages.append(
            _("No value in {year} for this selection; the index starts at the first year.").format(
                year=state.base
            )
        )
        state = state.model_copy(update={"base": None})
    return state, messages


STATE = PageState(CompareState, "compare", checked_state)
