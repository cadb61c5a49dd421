"""The data model at the boundaries: sources, indicators and their caveats, units.

Only published aggregate statistics fit here: an observation is a number for a country or a
declared region in a year. There is no field that could describe a person.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator


class Flag(StrEnum):
    """Qualifiers a publication attaches to a figure, carried onto every screen and export."""

    APPROXIMATE = "approximate"
    LOWER_BOUND = "lower_bound"
    UPPER_BOUND = "upper_bound"
    SECONDARY_SOURCE = "secondary_source"
    UNVERIFIED_TRANSCRIPTION = "unverified_transcription"
    DOUBTFUL = "doubtful"
    SERIES_BREAK = "series_break"
    ESTIMATE = "estimate"
    PROVISIONAL = "provisional"
    HALF_YEAR = "half_year"
    ROUNDED = (
        "rounded"  # rounded by the publisher (NCMEC's Global Platform: two significant figures)
    )


def split_flags(flags: str) -> list[str]:
    """The flags of a ";"-separated text, as stored on every observation."""
    return [f for f in (flags or "").split(";") if f]


class Measures(StrEnum):
    """What kind of thing an indicator counts; decides how it may be read and compared."""

    REPORTING_VOLUME = "reporting_volume"
    HOSTING = "hosting"
    PREVALENCE_SURVEY = "prevalence_survey"
    MODELLED_ESTIMATE = "modelled_estimate"
    VICTIMS_IDENTIFIED = "victims_identified"
    LAW_ENFORCEMENT = "law_enforcement"
    CAPACITY = "capacity"
    CONTEXT = "context"


class CaveatKind(StrEnum):
    """What a caveat tells a reader; pages, exports and briefs pick caveats by kind."""

    MEASURES = "measures"  # what the figure counts, and what it does not (victims, prevalence)
    BREAK = "break"  # a change of method, unit or coverage: years not comparable across it
    READING = "reading"  # how to read the values: a part year, a bound, not a total, do not add
    METHOD = "method"  # where the figures come from and how they were read or processed


# The kinds that change how a chart must be read, shown before the rest ("What you should know").
KEY_CAVEATS = (CaveatKind.MEASURES, CaveatKind.BREAK, CaveatKind.READING)


class Reliability(StrEnum):
    PRIMARY = "primary"
    OFFICIAL_STATEMENT = "official_statement"
    SECONDARY = "secondary"
    THIRD_PARTY_TRANSCRIPTION = "third_party_transcription"


SLUG = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    """One publication (or one page that quotes it), with everything a citation needs."""

    id: str
    publisher: str
    title: str
    year_published: int | None = Field(None, ge=1990, le=2100)
    url: str
    licence: str
    reliability: Reliability
    priority: int = Field(50, description="lower wins when two sources give the same figure")
    caveats: list[str] = []
    notes: str = ""

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"source id {value!r} must be a lowercase slug")
        return value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        if value.startswith("github:"):
            return value
        HttpUrl(value)
        return value

    def citation(self) -> str:
        year = f", {self.year_published}" if self.year_published else ""
        return f"{self.publisher}, {self.title}{year}. {self.url}"


class Caveat(Strict):
    """One caveat of an indicator, written in indicators.yaml as `- <kind>: <text>`."""

    kind: CaveatKind
    text: str

    @model_validator(mode="before")
    @classmethod
    def _from_pair(cls, value: object) -> object:
        if isinstance(value, dict) and len(value) == 1 and "text" not in value:
            ((kind, text),) = value.items()
            return {"kind": kind, "text": text}
        return value


class Unit(Strict):
    """How values of one unit are written and what may be done with them (data/units.yaml)."""

    id: str
    label: str = Field(description="on an axis or in a title: 'reports', 'per 1,000'")
    after_value: str = Field("", description="after a number: '2,740,905 reports'")
    count: bool = Field(False, description="a count of things: may be normalised per 100,000")
    non_negative: bool = False


class Indicator(Strict):
    """A published measure with its definition, caveats and the years where its series breaks."""

    id: str
    name: str
    unit: str
    theme: str
    publisher: str
    definition: str
    measures: Measures
    caveats: list[Caveat] = []
    breaks: list[int] = Field(
        [], description="years from which values are not comparable with before"
    )
    summable: bool = Field(False, description="values may be added across countries")
    worse: str = Field("up", pattern="^(up|down|neither)$")
    half_year: bool = False

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.match(value):
            raise ValueError(f"indicator id {value!r} must be a lowercase slug")
        return value
