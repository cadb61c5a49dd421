"""Whose page is whose (`data/publishers.yaml`), and the qualifiers a quoted figure carries.

Two rules that keep labels true, shared by `scripts/import_shared.py` (which labels rows and
folders) and the build checks (`dashboard/pipeline/label_checks.py`, which refuse a mistake):

- a row read on a page that is not its publisher's own is `secondary` (or a transcription), never
  `primary`: `row_class()`;
- a quoted "at least", "more than", "about" ... in front of the row's own value needs the matching
  flag: `quoted_qualifiers()`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from urllib.parse import urlparse

import yaml

OWN, SECONDARY, TRANSCRIPTION = "own", "secondary", "transcription"
# the class of a row -> the reliability of a folder of such rows, and the flag each row carries
RELIABILITY = {OWN: "primary", SECONDARY: "secondary", TRANSCRIPTION: "third_party_transcription"}
CLASS_FLAG = {SECONDARY: "secondary_source", TRANSCRIPTION: "unverified_transcription"}


@dataclass(frozen=True)
class Family:
    family: str
    publisher: str
    sources: re.Pattern[str]
    domains: tuple[str, ...]
    copies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Publishers:
    families: list[Family]
    priority_10: re.Pattern[str]
    transcription_prefixes: tuple[str, ...] = ()
    transcription_domains: tuple[str, ...] = ()
    path: str = field(default="data/publishers.yaml")

    def family_of(self, source_id: str) -> Family | None:
        for fam in self.families:
            if fam.sources.search(source_id):
                return fam
        return None

    def row_class(self, source_id: str, source_url: str, indicator: str = "") -> str:
        """own, secondary or transcription: where the row was read, for this source's publisher.
        An NCMEC figure (cybertipline_*) quoted by another publisher is secondary even on the
        quoting organisation's own site."""
        url = (source_url or "").strip()
        if any(url.startswith(p) for p in self.transcription_prefixes):
            return TRANSCRIPTION
        host = host_of(url)
        if host and _matches(host, self.transcription_domains):
            return TRANSCRIPTION
        fam = self.family_of(source_id)
        if fam is None:
            return SECONDARY
        if indicator.startswith("cybertipline_") and fam.family != "ncmec":
            return SECONDARY
        if any(url.startswith(c) for c in fam.copies):
            return OWN
        if host and _matches(host, fam.domains):
            return OWN
        return SECONDARY

    def priority(self, source_id: str, reliability: str) -> int:
        """10 for the publisher's own tables that rank first, 20 other primary, 30 the rest."""
        if reliability in ("primary", "official_statement"):
            return 10 if self.priority_10.search(source_id) else 20
        return 30


def host_of(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        return ""
    return (urlparse(url).hostname or "").lower().removeprefix("www.")


def _matches(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def load_publishers(path: Path) -> Publishers:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    transcriptions = data.get("transcriptions", {})
    return Publishers(
        families=[
            Family(
                f["family"],
                f.get("publisher", f["family"]),
                re.compile(f["sources"]),
                tuple(f.get("domains", [])),
                tuple(f.get("copies", [])),
            )
            for f in data["families"]
        ],
        priority_10=re.compile(data["priority_10"]),
        transcription_prefixes=tuple(transcriptions.get("prefixes", [])),
        transcription_domains=tuple(transcriptions.get("domains", [])),
        path=str(path),
    )


# --- quoted qualifiers -------------------------------------------------------------------------

QUALIFIERS = {
    "lower_bound": [
        "at least",
        "more than",
        "over",
        "upwards of",
        "in excess of",
        "exceeding",
        "mehr als",
    ],
    "upper_bound": ["less than", "fewer than", "up to", "as many as", "no more than"],
    "approximate": [
        "about",
        "around",
        "approximately",
        "approx.",
        "roughly",
        "circa",
        "an estimated",
        "etwa",
        "rund",
        "nearly",
        "almost",
        "close to",
        "some",
        "~",
    ],
}
# "nearly" / "almost" / "close to" are approximate, and may also be read as an upper bound
ALSO_ACCEPTED = {"nearly": {"upper_bound"}, "almost": {"upper_bound"}, "close to": {"upper_bound"}}
SMALL_NUMBERS = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    12: "twelve",
    15: "fifteen",
    20: "twenty",
    50: "fifty",
}
SCALES = [(1e9, "billion"), (1e6, "million"), (1e3, "thousand")]


def _number_forms(value: float) -> list[str]:
    """Ways a value is printed: 1,044,420 / 1.044.420 / 1 044 420 / 1044420, 8.2 million,
    two million, half a million, 57%."""
    forms: set[str] = set()
    if value != int(value):
        text = f"{value:g}"
        return [re.escape(text), re.escape(text.replace(".", ","))]
    n = int(value)
    for sep in [",", ".", " ", "\u202f", ""]:
        forms.add(re.escape(f"{n:,}".replace(",", sep)))
    if n in SMALL_NUMBERS:
        forms.add(SMALL_NUMBERS[n])
    for scale, word in SCALES:
        if n >= scale / 4 and n % (scale / 100) == 0:
            scaled = f"{n / scale:g}"
            forms.add(rf"{re.escape(scaled)}\s*{word}")
            forms.add(rf"{re.escape(scaled.replace('.', ','))}\s*{word}")
            whole = n / scale
            if whole == int(whole) and int(whole) in SMALL_NUMBERS:
                forms.add(rf"{SMALL_NUMBERS[int(whole)]}\s+{word}")
            if whole == 0.5:
                forms.add(rf"half\s+a\s+{word}")
            if whole == 0.25:
                forms.add(rf"a\s+quarter\s+of\s+a\s+{word}")
    return sorted(forms, key=len, reverse=True)


ANY_QUALIFIER = re.compile(
    "|".join(
        (r"(?<![\w-])" if w[0].isalnum() else "") + re.escape(w)
        for words in QUALIFIERS.values()
        for w in words
    ),
    re.IGNORECASE,
)


@cache
def _qualifier(word: str) -> re.Pattern[str]:
    start = r"(?<![\w-])" if word[0].isalnum() else ""
    return re.compile(start + re.escape(word), re.IGNORECASE)


@lru_cache(maxsize=4096)
def _value_after(value: float) -> re.Pattern[str]:
    """The value, up to three words after a qualifier: "at least 2 million children", "more than
    8.2 million"; not "over 5 years"."""
    numbers = "|".join(_number_forms(value))
    return re.compile(
        rf"\s*(?:\w+\s+){{0,3}}?(?:{numbers})(?![\d,.]*\d)(?!\s*(?:year|yr|s\b|-year))",
        re.IGNORECASE,
    )


@lru_cache(maxsize=20_000)
def quoted_qualifiers(text: str, value: float) -> frozenset[str]:
    """The flags the quoted words ask for: a qualifier directly before the row's own value."""
    if not text or value != value or not ANY_QUALIFIER.search(text):  # NaN, or no qualifier
        return frozenset()
    after = _value_after(value)
    lowered = text.lower()
    wanted: set[str] = set()
    for flag, words in QUALIFIERS.items():
        for word in (w for w in words if w.lower() in lowered):
            if any(after.match(text, m.end()) for m in _qualifier(word).finditer(text)):
                wanted.add(word if word in ALSO_ACCEPTED else flag)
    return frozenset(wanted)


def missing_qualifier_flags(text: str, value: float, flags: set[str]) -> list[str]:
    """The quoted qualifiers whose flag the row lacks, as "at least -> lower_bound" texts."""
    missing = []
    for wanted in sorted(quoted_qualifiers(text, value)):
        if wanted in ALSO_ACCEPTED:
            if not ({"approximate"} | ALSO_ACCEPTED[wanted]) & flags:
                missing.append(f'"{wanted}" -> approximate')
        elif wanted not in flags:
            missing.append(wanted)
    return missing
