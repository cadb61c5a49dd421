"""Published country names -> ISO3 or a declared region code, with data/'s aliases and regions."""

from __future__ import annotations

import pytest

from dashboard.ingest.countries import clean_name
from dashboard.ingest.reference import load_reference
from tests.conftest import DATA


@pytest.fixture(scope="module")
def resolver():
    return load_reference(DATA)[0].resolver


def test_names_as_printed_resolve_to_codes(resolver) -> None:
    names = ["Namibia", "Guiana, French", "French Guiana", "Côte d’Ivoire*", "Türkiye", "World"]
    assert resolver.resolve_many(names) == {
        "Namibia": "NAM",  # not read as a missing value ("NA" is its ISO2)
        "Guiana, French": "GUF",
        "French Guiana": "GUF",
        "Côte d’Ivoire*": "CIV",  # footnote mark and typographic apostrophe
        "Türkiye": "TUR",
        "World": "WLD",  # data/regions.yaml
    }


def test_spellings_only_the_aliases_know(resolver) -> None:
    assert resolver.resolve_many(["Sierre Leone", "No Country Listed"]) == {
        "Sierre Leone": "SLE",  # data/country_aliases.yaml, as NCMEC prints it
        "No Country Listed": "NO_COUNTRY",  # a declared region
    }


def test_unknown_and_blank_names_resolve_to_none(resolver) -> None:
    assert resolver.resolve_many(["Atlantis", ""]) == {"Atlantis": None, "": None}
    assert resolver.candidates("Ghanna") == ["Ghana", "Guyana"]


def test_codes_are_iso3_or_declared_regions(resolver) -> None:
    assert [resolver.is_code(c) for c in ("GHA", "WLD", "gha", "XXX")] == [
        True,
        True,
        False,
        False,
    ]


def test_clean_name_drops_footnotes_and_folds_apostrophes() -> None:
    assert clean_name(" Kenya *† ") == "Kenya"
    assert clean_name("Côte d’Ivoire") == "Côte d'Ivoire"
