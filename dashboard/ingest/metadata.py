"""Source metadata files (`data/sources/<id>/source.yaml`) and the indicator catalogue.

A source.yaml says who published what, where, under which terms, and how its table is laid out,
so that adding next year's table means copying a folder and editing a few lines, not code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dashboard.ingest.problems import Problem, Reason
from dashboard.models import Indicator, Source

Layout = Literal[
    "long",  # one observation a row
    "wide",  # one row per entity, one column per year (or per indicator)
    "ncmec_by_country_pdf",
    "ncmec_by_esp_pdf",
    "wdi_csv",  # World Bank WDI download: Country Name/Code, Series Name/Code, one column a year
    "owid_csv",  # OWID grapher: Entity, Code, Year, <value column>
    "excel",  # a sheet read with the long or wide rules below
    "ncmec_gpcep_json",  # NCMEC Global Platform by-country JSON (reports or ESP/ISP file)
]


class TableLayout(BaseModel):
    """How to read one published file. Column names are the file's own headers."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str
    layout: Layout
    # long: RAW column name -> header in the file (entity_as_published, indicator, value, ...)
    columns: dict[str, str] = {}
    # constants for RAW columns the file does not carry (indicator, unit, period, flags, ...)
    defaults: dict[str, str] = {}
    # wide: the header holding entity names; value columns are every other column, whose header is
    # the period (wide_by="period") or the indicator id (wide_by="indicator")
    entity_column: str = ""
    wide_by: Literal["period", "indicator"] = "period"
    # excel
    sheet: str | int = 0
    header_row: int = Field(1, ge=1, description="1-based row of the column headers")
    inner_layout: Literal["long", "wide"] = "long"


class PrintedCheck(BaseModel):
    """What a publication itself prints about one indicator's rows, checked at every build:
    the rows add up to its printed `total`, and there are `rows` of them. A misread row or a
    lost one fails the build."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    indicator: str
    total: float | None = None
    rows: int | None = Field(None, ge=1)


class SourceMeta(Source):
    """A source as written in source.yaml: the Source, how to read its files, and the checks
    its own printed totals allow."""

    tables: list[TableLayout] = []
    checks: list[PrintedCheck] = []

    def source(self) -> Source:
        return Source(**self.model_dump(exclude={"tables", "checks"}))


def _problems_from_validation(file: Path, error: ValidationError) -> list[Problem]:
    return [
        Problem(
            str(file),
            None,
            ".".join(str(part) for part in e["loc"]),
            Reason.BAD_METADATA,
            e["msg"],
        )
        for e in error.errors()
    ]


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: several times faster


def parse_yaml(text: str | bytes) -> object:
    """`yaml.safe_load`, with libyaml when it is installed."""
    return yaml.load(text, Loader=LOADER)  # noqa: S506 - a safe loader


def load_yaml(path: Path) -> tuple[object, list[Problem]]:
    try:
        return parse_yaml(path.read_text(encoding="utf-8")), []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return None, [Problem(str(path), None, "", Reason.BAD_METADATA, f"cannot read: {exc}")]


def load_source_meta(path: Path) -> tuple[SourceMeta | None, list[Problem]]:
    data, problems = load_yaml(path)
    if problems:
        return None, problems
    if not isinstance(data, dict):
        return None, [Problem(str(path), None, "", Reason.BAD_METADATA, "expected a mapping")]
    try:
        return SourceMeta(**data), []
    except ValidationError as exc:
        return None, _problems_from_validation(path, exc)


def load_indicators(path: Path) -> tuple[dict[str, Indicator], list[Problem]]:
    """indicators.yaml: a list of indicator definitions, one place for each."""
    data, problems = load_yaml(path)
    if problems:
        return {}, problems
    if not isinstance(data, list):
        return {}, [Problem(str(path), None, "", Reason.BAD_METADATA, "expected a list")]
    indicators: dict[str, Indicator] = {}
    for position, item in enumerate(data, start=1):
        try:
            indicator = Indicator(**item)
        except (ValidationError, TypeError) as exc:
            message = str(exc).splitlines()[0] if isinstance(exc, TypeError) else None
            found = (
                _problems_from_validation(path, exc)
                if isinstance(exc, ValidationError)
                else [Problem(str(path), position, "", Reason.BAD_METADATA, message or "")]
            )
            problems += [Problem(p.file, position, p.column, p.reason, p.message) for p in found]
            continue
        if indicator.id in indicators:
            problems.append(
                Problem(str(path), position, "id", Reason.BAD_METADATA, f"{indicator.id} twice")
            )
        indicators[indicator.id] = indicator
    return indicators, problems
