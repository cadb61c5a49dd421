"""What data/ says besides the publications: indicator definitions, units, what each kind of
figure measures, regions and printed spellings of countries, the focus countries, and the
translations of these texts (data/translations).

Loaded and checked together, so that a publication is read against the same facts at every
build, and a fact (a unit, a focus country) is written once, in data/, never in code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from pydantic import TypeAdapter, ValidationError

from dashboard.ingest.countries import NameResolver, load_aliases, load_regions
from dashboard.ingest.metadata import load_indicators, load_yaml
from dashboard.ingest.problems import Problem, Reason
from dashboard.ingest.translations import COLUMNS, load_translations
from dashboard.models import Indicator, Measures, Unit


@dataclass
class Reference:
    indicators: dict[str, Indicator]
    units: dict[str, Unit]
    measures: dict[str, str]  # Measures value -> the one sentence that says what it measures
    resolver: NameResolver
    focus: list[str]  # ISO3 codes, in display order
    focus_name: str = "Focus countries"
    # (language, English text, translation) from data/translations (ingest/translations.py)
    translations: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS))

    @property
    def non_negative_units(self) -> set[str]:
        return {u.id for u in self.units.values() if u.non_negative}


def _bad(path: Path, column: str, message: str, row: int | None = None) -> Problem:
    return Problem(str(path), row, column, Reason.BAD_METADATA, message)


def load_units(path: Path) -> tuple[dict[str, Unit], list[Problem]]:
    data, problems = load_yaml(path)
    if problems:
        return {}, problems
    try:
        units = TypeAdapter(list[Unit]).validate_python(data)
    except ValidationError as exc:
        return {}, [_bad(path, ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
    return {u.id: u for u in units}, []


def load_measures(path: Path) -> tuple[dict[str, str], list[Problem]]:
    data, problems = load_yaml(path)
    if problems:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [_bad(path, "", "expected a mapping of kind -> sentence")]
    kinds = {m.value for m in Measures}
    problems = [
        _bad(path, str(kind), f"{kind!r} is not a kind of measure")
        for kind in data
        if kind not in kinds
    ]
    problems += [_bad(path, k, "no sentence for this kind of measure") for k in kinds - set(data)]
    return {str(k): str(v) for k, v in data.items()}, problems


def load_focus(path: Path, resolver: NameResolver) -> tuple[str, list[str], list[Problem]]:
    data, problems = load_yaml(path)
    if problems:
        return "", [], problems
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        return "", [], [_bad(path, "members", "expected `name` and a list of `members`")]
    members = [str(m) for m in data["members"]]
    problems = [
        _bad(path, "members", f"{m!r} is not an ISO 3166-1 alpha-3 code")
        for m in members
        if m not in resolver.iso3
    ]
    return str(data.get("name") or "Focus countries"), members, problems


def load_reference(data_dir: Path) -> tuple[Reference, list[Problem]]:
    indicators, problems = load_indicators(data_dir / "indicators.yaml")
    units, found = load_units(data_dir / "units.yaml")
    problems += found
    measures, found = load_measures(data_dir / "measures.yaml")
    problems += found
    regions = load_regions(data_dir / "regions.yaml")
    resolver = NameResolver(regions, load_aliases(data_dir / "country_aliases.yaml"))
    name, focus, found = load_focus(data_dir / "focus.yaml", resolver)
    problems += found
    translations, found = load_translations(data_dir)
    problems += found
    if units:
        problems += [
            _bad(
                data_dir / "indicators.yaml",
                "unit",
                f"{i.id}: unit {i.unit!r} is not in data/units.yaml",
            )
            for i in indicators.values()
            if i.unit not in units
        ]
    return Reference(indicators, units, measures, resolver, focus, name, translations), problems
