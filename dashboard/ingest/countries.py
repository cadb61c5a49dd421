"""Country names as published -> ISO 3166-1 alpha-3 or a declared region code.

country_converter does the work. Under pandas 3 its bundled table must be read with
`keep_default_na=False` (Namibia's ISO2 "NA" would otherwise become missing), so it is loaded here.
Spellings coco does not know live in `data/country_aliases.yaml`; regions in `data/regions.yaml`.
"""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import country_converter as coco
import pandas as pd

from dashboard.ingest.metadata import parse_yaml

NOT_FOUND = "\x00not-found"
FOOTNOTE = re.compile(r"[\s*†‡]+$")


@cache
def converter() -> coco.CountryConverter:
    logging.getLogger("country_converter").setLevel(logging.ERROR)  # misses are reported by us
    table = Path(coco.__file__).parent / "country_data.tsv"
    data = pd.read_csv(table, sep="\t", encoding="utf-8", keep_default_na=False, na_values=[""])
    return coco.CountryConverter(country_data=data)


@cache
def country_table() -> pd.DataFrame:
    """Every ISO3 country coco knows, with its short name, continent and UN region."""
    data = converter().data
    return (
        data[["ISO3", "name_short", "continent", "UNregion"]]
        .rename(columns={"ISO3": "code", "name_short": "name", "UNregion": "un_region"})
        .drop_duplicates("code")
        .reset_index(drop=True)
    )


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str
    aliases: tuple[str, ...]


def load_regions(path: Path) -> list[Region]:
    items = parse_yaml(path.read_text(encoding="utf-8")) or []
    return [Region(i["code"], i["name"], i["kind"], tuple(i.get("aliases", []))) for i in items]


def load_aliases(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return {str(k): str(v) for k, v in (parse_yaml(path.read_text("utf-8")) or {}).items()}


def clean_name(name: str) -> str:
    """Drop footnote marks and fold typographic apostrophes, as printed tables vary."""
    return FOOTNOTE.sub("", name.strip()).replace("’", "'").strip()


class NameResolver:
    """Resolves published names, remembering answers: the same names recur every year."""

    def __init__(self, regions: list[Region], aliases: dict[str, str]):
        self.aliases = aliases
        self.regions = {r.code: r for r in regions}
        self.lookup: dict[str, str] = {}
        for region in regions:
            for alias in (region.name, *region.aliases):
                self.lookup[clean_name(alias).casefold()] = region.code
        for name, code in aliases.items():
            self.lookup[clean_name(name).casefold()] = code
        self.iso3 = set(country_table()["code"])

    def is_code(self, code: str) -> bool:
        return code in self.iso3 or code in self.regions

    def resolve_many(self, names: list[str]) -> dict[str, str | None]:
        """Map each distinct name to a code, or None when nothing matches."""
        result: dict[str, str | None] = {}
        pending = []
        for name in dict.fromkeys(names):
            key = clean_name(name).casefold()
            if key in self.lookup:
                result[name] = self.lookup[key]
            elif key:
                pending.append(name)
            else:
                result[name] = None
        if pending:
            cleaned = [clean_name(n) for n in pending]
            codes = converter().convert(cleaned, to="ISO3", not_found=NOT_FOUND)
            codes = [codes] if isinstance(codes, str) else codes
            for name, code in zip(pending, codes, strict=True):
                ok = isinstance(code, str) and code in self.iso3
                result[name] = code if ok else None
                self.lookup[clean_name(name).casefold()] = code if ok else ""
        return {k: (v or None) for k, v in result.items()}

    def candidates(self, name: str, n: int = 3) -> list[str]:
        """Closest known names, for the error message of an unknown one."""
        known = list(country_table()["name"]) + [r.name for r in self.regions.values()]
        return difflib.get_close_matches(clean_name(name), known, n=n, cutoff=0.6)
