"""Paste-ready sentences: numbers computed from the store, citations and qualifiers attached."""

from __future__ import annotations

from dashboard.wording.numbers import qualified
from dashboard.wording.sentences import Sentence, country_narrative, world_narrative


def test_the_philippines_sentence_reads_as_a_report_writer_would_paste_it(shipped_store):
    first = country_narrative(shipped_store, "PHL")[0].full()
    assert first == (
        "NCMEC received 2,740,905 CyberTipline reports geolocated to the Philippines in 2023, "
        "6.4% more than in 2022 (NCMEC, 2023 CyberTipline Reports by Country). Report counts "
        "measure reporting volume, not victims and not prevalence."  # data/measures.yaml
    )


def test_no_change_is_stated_across_the_2024_break(shipped_store):
    sentences = [s.full() for s in world_narrative(shipped_store)]
    at_break = next(s for s in sentences if "20,512,803 CyberTipline reports" in s)
    assert "not comparable with 2023" in at_break
    assert "% more" not in at_break and "% fewer" not in at_break
    assert "unverified third-party transcription" in at_break
    # 2025 follows the same bundling as 2024: its change is stated, with its label
    latest = sentences[-1]
    assert "21,351,493 CyberTipline reports worldwide in 2025, 4.1% more than in 2024" in latest
    assert "unverified third-party transcription" in latest


def test_referrals_are_not_called_reports_or_victims(shipped_store):
    sentences = country_narrative(shipped_store, "PHL")
    referrals = next(s.full() for s in sentences if "referrals" in s.text)
    assert "1,364,464 referrals" in referrals and "bundling" in referrals
    # what the sentences state never speaks of victims; only their caveats say "not victims"
    assert not any("victim" in s.text.lower() for s in sentences)


def test_qualifiers_are_words():
    assert qualified(67_000, "secondary_source;lower_bound") == "at least 67,000"
    assert qualified(4_700, "approximate") == "about 4,700"
    assert Sentence("A", "B", "C").full() == "A (B). C"


def test_denominator_from_another_year_is_said(shipped_store):
    india = [s.full() for s in country_narrative(shipped_store, "IND")]
    assert any("per 100,000 internet users in 2023 (denominator from 2022)" in s for s in india)
