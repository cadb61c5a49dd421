"""The Data gaps page's state: who is looked at, the focus group or one country, and the
choices the control offers."""

from __future__ import annotations

from pydantic import BaseModel, field_validator

from dashboard.app import context
from dashboard.app.lookups import countries, country_codes, entity_names
from dashboard.app.urlstate import PageState
from dashboard.language import _

FOCUS_VALUE = "focus"


class GapsState(BaseModel):
    who: str = FOCUS_VALUE  # "focus" or one ISO3 country code

    @field_validator("who")
    @classmethod
    def _who(cls, value: str) -> str:
        value = value.strip()
        if value.lower() == FOCUS_VALUE:
            return FOCUS_VALUE
        if len(value) == 3 and value.isalpha():
            return value.upper()
        raise ValueError(_("'focus' or a three-letter country code"))


def checked_state(state: GapsState) -> tuple[GapsState, list[str]]:
    """Checks that need the store: a country it knows, else the focus group, said aloud."""
    if state.who != FOCUS_VALUE and state.who not in country_codes():
        message = _("Unknown country '{country}'; showing the focus group instead.").format(
            country=state.who
        )
        return GapsState(), [message]
    return state, []


def chosen(who: str) -> list[str]:
    """The countries a checked `who` stands for."""
    return context.store().focus() if who == FOCUS_VALUE else [who]


def who_options() -> list[dict]:
    """The focus group, then every country, as the country control offers them."""
    rows = countries()
    focus = ", ".join(entity_names()[c] for c in context.store().focus())
    return [
        {
            "group": _("Group"),
            "items": [
                {
                    "value": FOCUS_VALUE,
                    "label": _("Focus group ({countries})").format(countries=focus),
                }
            ],
        },
        {
            "group": _("Countries and territories"),
            "items": [
                {"value": c, "label": f"{n} ({c})"}
                for c, n in zip(rows["code"], rows["name"], strict=True)
            ],
        },
    ]


STATE = PageState(GapsState, "gaps", checked_state)
