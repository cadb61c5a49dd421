"""Site search over the catalogue: what a reader types, matched against pages, countries,
indicators and publications, forgiving typos and knowing the field's synonyms
(`synonyms.SYNONYMS`).

Matching uses rapidfuzz's edit-distance scorers: `ratio` for a whole label ("Philipines" is
95 against "Philippines"), `partial_ratio` for a word inside a longer label or text. difflib
offers only the first, and is many times slower over the whole catalogue per key press."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from dashboard.wording.synonyms import SYNONYMS

KINDS = ("country", "page", "indicator", "publication")  # order among equal scores
MIN_SCORE = 80
SYNONYM_FACTOR = 0.97  # a synonym's match counts a little less than the word typed
TEXT_FACTOR = 0.85  # a match in a definition or address counts less than one in a label
LABEL_PART_FACTOR = 0.9  # a word inside a label, less than the whole label
SHORT = 4  # shorter words match whole words only ("ai" is not inside "email")


@dataclass(frozen=True)
class Entry:
    """One thing search can find, and the address of the view that shows it."""

    kind: str  # one of KINDS
    label: str
    href: str
    detail: str = ""  # a line under the label: publisher, region, theme
    words: str = ""  # other text searched: definition, publisher, address
    code: str = ""  # found by this code typed exactly (ISO3, an id)
    weight: int = 0  # among equal matches, more data first


def normalise(text: str) -> str:
    """Lower case; hyphens, underscores, slashes and dots read as spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[-_/.:,()?=&]+", " ", text.lower())).strip()


def alternatives(query: str) -> dict[str, float]:
    """The query and, for each synonym group one of whose words it is (or nearly is, or
    contains), every word of that group, with how much a match on it counts."""
    typed = normalise(query)
    found = {typed: 1.0}
    for group in SYNONYMS.values():
        words = [normalise(w) for w in group]
        if any(typed == w or fuzz.ratio(typed, w) >= 85 or f" {w} " in f" {typed} " for w in words):
            for word in words:
                found.setdefault(word, SYNONYM_FACTOR)
    return found


class SearchIndex:
    """Entries with their searchable text prepared once (an index lives as long as its store
    version)."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self.labels = [normalise(e.label) for e in self.entries]
        self.texts = [normalise(e.words) for e in self.entries]
        self.label_lengths = np.array([len(t) for t in self.labels])
        self.text_lengths = np.array([len(t) for t in self.texts])
        self.codes = {e.code.lower(): i for i, e in enumerate(self.entries) if e.code}

    def scores(self, word: str) -> np.ndarray:
        """How well `word` matches each entry, 0-100: the whole label, a part of the label
        (the word must be the shorter), a part of the other text."""
        if len(word) < SHORT:
            pattern = re.compile(rf"\b{re.escape(word)}\b")
            return np.array(
                [
                    100.0
                    if word == label
                    else 90.0
                    if pattern.search(label)
                    else 85.0
                    if pattern.search(text)
                    else 0.0
                    for label, text in zip(self.labels, self.texts, strict=True)
                ]
            )
        whole = process.cdist([word], self.labels, scorer=fuzz.ratio)[0]
        part = process.cdist([word], self.labels, scorer=fuzz.partial_ratio)[0]
        text = process.cdist([word], self.texts, scorer=fuzz.partial_ratio)[0]
        part = np.where(self.label_lengths >= len(word), part * LABEL_PART_FACTOR, 0)
        text = np.where(self.text_lengths >= len(word), text * TEXT_FACTOR, 0)
        return np.maximum.reduce([whole.astype(float), part, text])

    def search(self, query: str, limit: int = 8) -> list[Entry]:
        """The best matches, best first: an exact code, then by score, kind and weight."""
        typed = normalise(query)
        if len(typed) < 2 or not self.entries:
            return []
        best = np.zeros(len(self.entries))
        for word, factor in alternatives(typed).items():
            best = np.maximum(best, self.scores(word) * factor)
        exact = self.codes.get(typed.replace(" ", "_"), self.codes.get(typed))
        if exact is not None:
            best[exact] = 101.0
        ranked = sorted(
            np.flatnonzero(best >= MIN_SCORE).tolist(),
            key=lambda i: (
                -round(best[i]),
                KINDS.index(self.entries[i].kind),
                -self.entries[i].weight,
                self.entries[i].label,
            ),
        )
        return [self.entries[i] for i in ranked[:limit]]
