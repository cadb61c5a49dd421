"""UNODC's detected trafficking victims by country (a third-party copy of data_glotip.xlsx): the
copy's own inconsistencies are flagged, "<5" is an upper bound, and trafficking figures sit
under their own theme, apart from report counts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest.catalogue import read_source, source_metas
from dashboard.ingest.metadata import load_indicators
from dashboard.ingest.reference import load_reference

DATA = Path(__file__).resolve().parents[2] / "data"
TRAFFICKING = "Trafficking & modern slavery"


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    reference, _ = load_reference(DATA)
    metas = {m.id: (f, m) for f, m in source_metas(DATA)[0]}
    frame, problems = read_source(*metas["unodc_glotip_data_copy"], reference, DATA)
    assert problems == []
    return frame


def _value(rows: pd.DataFrame, entity: str, year: int, indicator: str) -> pd.Series:
    found = rows[
        (rows["entity"] == entity) & (rows["year"] == year) & (rows["indicator"] == indicator)
    ]
    assert len(found) == 1
    return found.iloc[0]


def test_parts_above_the_total_are_doubtful(rows: pd.DataFrame) -> None:
    b = "glotip_detected_victims"
    # Thailand 2014: children 375 + adults 238 = 613 against a total of 595
    for indicator, value in ((b + "_all", 595), (b + "_children", 375), (b + "_adults", 238)):
        row = _value(rows, "THA", 2014, indicator)
        assert row["value"] == value and "doubtful" in row["flags"].split(";")
    # Thailand 2017: sexual exploitation 807 against a total of 471
    row = _value(rows, "THA", 2017, b + "_sexual_exploitation")
    assert row["value"] == 807 and "doubtful" in row["flags"] and "exceeds the total" in row["note"]
    # Ghana 2017: 192 + 362 = 554 against 558 is named, not flagged doubtful
    ghana = _value(rows, "GHA", 2017, b + "_all")
    assert "doubtful" not in ghana["flags"] and "554" in ghana["note"]
    assert (rows["flags"].str.contains("doubtful")).sum() == 5


def test_less_than_5_is_an_upper_bound(rows: pd.DataFrame) -> None:
    bounded = rows[rows["flags"].str.contains("upper_bound")]
    assert len(bounded) == 44 and set(bounded["value"]) == {5}
    assert not rows["indicator"].str.endswith("_lt").any()
    assert rows["flags"].str.contains("unverified_transcription").all()


def test_trafficking_sits_under_its_own_theme() -> None:
    indicators, problems = load_indicators(DATA / "indicators.yaml")
    assert problems == []
    for indicator in indicators.values():
        if indicator.id.startswith(("glotip_", "gsi_")):
            assert indicator.theme == TRAFFICKING, indicator.id
        if indicator.theme == TRAFFICKING:
            assert indicator.measures != "reporting_volume", indicator.id
    # the CyberTipline incident type "child sex trafficking" counts reports, not victims
    assert indicators["gpcep_referrals_by_incident_type"].theme == "CyberTipline incident types"
