"""Site search matching, on a small catalogue written here: typos, synonyms, exact codes, and
what is never matched."""

from __future__ import annotations

from dashboard.wording.search import Entry, SearchIndex, alternatives

ENTRIES = [
    Entry("country", "Philippines", "/country/PHL", words="PHL", code="PHL"),
    Entry("country", "Estonia", "/country/EST", words="EST", code="EST"),
    Entry("page", "Map", "/map", words="One indicator in one year, by country."),
    Entry(
        "indicator",
        "CyberTipline reports: online enticement",
        "/compare?indicator=enticement",
        code="cybertipline_reports_online_enticement",
        weight=5,
    ),
    Entry("indicator", "Reports: financial sextortion", "/compare?indicator=sx", weight=2),
    Entry(
        "publication",
        "Scale of Harm",
        "/country/PHL?indicator=soh",
        words="https://example.org/children-exploited-in-livestreams",
    ),
    Entry("indicator", "Email reports", "/compare?indicator=email"),
]
INDEX = SearchIndex(ENTRIES)


def hrefs(query: str) -> list[str]:
    return [e.href for e in INDEX.search(query)]


def test_a_typo_still_finds_the_country_first():
    assert hrefs("Philipines")[0] == "/country/PHL"


def test_an_exact_code_finds_its_entry_whatever_the_case():
    assert hrefs("est")[0] == "/country/EST"
    assert hrefs("cybertipline_reports_online_enticement")[0] == "/compare?indicator=enticement"


def test_a_synonym_finds_what_is_written_with_another_word():
    assert hrefs("grooming")[0] == "/compare?indicator=enticement"
    assert hrefs("live-streaming")[0] == "/country/PHL?indicator=soh"  # only the address says it
    assert hrefs("sexual extortion")[0] == "/compare?indicator=sx"


def test_alternatives_read_hyphens_as_spaces_and_add_the_group():
    found = alternatives("Live-Streaming")
    assert found["live streaming"] == 1.0
    assert found["livestream"] < 1.0


def test_a_short_word_matches_whole_words_only():
    assert "/compare?indicator=email" not in hrefs("ai")
    assert hrefs("map") == ["/map"]


def test_nothing_is_found_for_unrelated_text_or_a_single_letter():
    assert hrefs("zzzzqqq") == []
    assert hrefs("p") == []
