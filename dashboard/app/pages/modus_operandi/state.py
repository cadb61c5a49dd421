"""Modus operandi's state: how many platforms are named, the scale of the line charts, and the
country whose incident-type mix is shown."""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from dashboard.app.urlstate import PageState


class MixState(BaseModel):
    top: int = Field(10, ge=3, le=20, description="platforms shown by name")
    scale: Literal["log", "linear"] = "log"
    # the country whose incident-type mix (NCMEC Global Platform) is shown
    country: str = Field("PHL", pattern="^[A-Z]{3}$")

    @field_validator("top", mode="before")
    @classmethod
    def _whole_platforms(cls, value: object) -> object:
        """A number typed with decimals names its whole part (5.7 -> 5); the URL stays strict."""
        if isinstance(value, float) and math.isfinite(value):
            return int(value)
        return value


STATE = PageState(MixState, "mo")
