"""Modus operandi mixes, checked against figures a person can read in data/sources."""

from __future__ import annotations

import pytest

from dashboard.analysis.mix import (
    OTHER_PLATFORMS,
    half_year_counts,
    incident_types,
    platform_mix,
)
from dashboard.store.localised import in_language


def test_incident_types_2023_with_shares(shipped_store):
    frame = incident_types(shipped_store.observations, shipped_store.indicators)
    y2023 = frame[frame["year"] == 2023].set_index("indicator")
    assert y2023.loc["cybertipline_reports_online_enticement", "value"] == 186_819
    assert len(y2023) == 8
    assert y2023["share_pct"].sum() == pytest.approx(100)
    # OJJDP CY2023: 35,925,098 of the 2023 incident-type sum are apparent CSAM
    total = y2023["value"].sum()
    assert y2023.loc["cybertipline_reports_child_pornography", "share_pct"] == pytest.approx(
        35_925_098 / total * 100
    )


@pytest.mark.parametrize(
    ("language", "enticement"),
    [
        ("en", "online enticement"),
        ("de", "Online-Anbahnung"),
        ("fr", "sollicitation en ligne"),
        ("es", "captación en línea"),
    ],
)
def test_incident_types_are_named_without_the_reports_prefix(shipped_store, language, enticement):
    translated = in_language(shipped_store, language)
    frame = incident_types(translated.observations, translated.indicators)
    names = set(frame["category"])
    assert not [n for n in names if "CyberTipline" in n], names
    row = frame[frame["indicator"] == "cybertipline_reports_online_enticement"]
    assert set(row["category"]) == {enticement}


def test_half_year_counts_are_labelled_january_june(shipped_store):
    frame = half_year_counts(shipped_store.observations, shipped_store.indicators)
    sextortion = frame[frame["indicator"] == "cybertipline_reports_financial_sextortion_h1"]
    assert sextortion.set_index("period")["value"].to_dict() == {
        "January-June 2024": 11_625,
        "January-June 2025": 18_898,
    }
    assert not frame["indicator"].isin(["cybertipline_reports_financial_sextortion"]).any()


def test_platform_mix_keeps_the_total_and_names_the_top(shipped_store):
    frame = platform_mix(shipped_store.observations, top=5)
    y2023 = frame[frame["year"] == 2023]
    assert y2023["value"].sum() == 35_944_826  # the ESP PDF's printed total
    assert len(y2023) == 6 and OTHER_PLATFORMS in set(y2023["platform"])
    discord = frame[(frame["platform"] == "Discord Inc.") & (frame["year"] == 2023)]
    assert discord.empty or discord["value"].iloc[0] == 339_412
