"""NCMEC's Global Platform JSON: values checked by hand against the files as published
(data/sources/ncmec-gpcep-*/), the "<50" and "<10" markers, the 2023 totals the 2024 file
carries, and the July-December file that is not read."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest.catalogue import read_source, source_metas
from dashboard.ingest.gpcep import (
    LAYOUT,
    MISALIGNED_2024H2,
    read_gpcep_json,
    referral_disagreements,
    rounding_unit,
    within_rounding,
)
from dashboard.ingest.metadata import TableLayout
from dashboard.ingest.problems import Reason, Severity
from dashboard.ingest.readers import guess_layout
from dashboard.ingest.reference import load_reference

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SOURCES = DATA / "sources"
FULL_YEAR = SOURCES / "ncmec-gpcep-2024" / "reports-2024.json"
H1 = SOURCES / "ncmec-gpcep-2024-h1" / "reports-2024-h1.json"
ESP_ISP = SOURCES / "ncmec-gpcep-esp-isp-2024" / "esp-isp-2024.json"
H2 = REPO.parent / "shared" / "data" / "raw" / "ncmec" / "global-platform" / "reports-2024-h2.json"
LAYOUT_ONLY = TableLayout(file="x.json", layout=LAYOUT)


def _one(frame: pd.DataFrame, entity: str, indicator: str, category: str = "") -> pd.Series:
    rows = frame[
        (frame["entity"] == entity)
        & (frame["indicator"] == indicator)
        & (frame["category"] == category)
    ]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.fixture(scope="module")
def full_year() -> pd.DataFrame:
    return read_gpcep_json(FULL_YEAR, LAYOUT_ONLY).frame


def test_philippines_2024_as_printed_in_the_file(full_year: pd.DataFrame) -> None:
    # reports-2024.json, record "Philippines" (id PH): referred 1400000, online enticement 7000,
    # child sex trafficking 900, child sex tourism "<50"
    row = _one(full_year, "PHL", "gpcep_referrals")
    assert (row["value"], row["period"], row["flags"]) == ("1400000", "2024", "rounded")
    enticement = "gpcep_referrals_by_incident_type"
    assert _one(full_year, "PHL", enticement, "Online enticement")["value"] == "7000"
    trafficking = _one(full_year, "PHL", enticement, "Child sex trafficking")
    assert (trafficking["value"], trafficking["flags"]) == ("900", "rounded")
    tourism = _one(full_year, "PHL", enticement, "Child sex tourism")
    assert (tourism["value"], tourism["flags"]) == ("50", "upper_bound")
    assert _one(full_year, "PHL", "gpcep_files_videos")["value"] == "3800000"


def test_generative_ai_files_eleven_countries_printed_the_rest_fewer_than_50(
    full_year: pd.DataFrame,
) -> None:
    rows = full_year[full_year["indicator"] == "gpcep_files_generative_ai"]
    printed = rows[rows["flags"] == "rounded"]
    # README: Argentina 60, Australia 60, Brazil 100, Canada 100, Germany 200, Japan 100,
    # Netherlands 90, Nigeria 600, Thailand 90, United Kingdom 200, United States 900
    assert dict(zip(printed["entity"], printed["value"].astype(int), strict=True)) == {
        "ARG": 60,
        "AUS": 60,
        "BRA": 100,
        "CAN": 100,
        "DEU": 200,
        "JPN": 100,
        "NLD": 90,
        "NGA": 600,
        "THA": 90,
        "GBR": 200,
        "USA": 900,
    }
    censored = rows[rows["flags"] == "upper_bound"]
    assert len(censored) == 220 and set(censored["value"]) == {"50"}


def test_every_record_maps_to_an_iso3_code(full_year: pd.DataFrame) -> None:
    assert (full_year["entity"].str.len() == 3).all()
    assert full_year["entity"].nunique() == 231
    assert _one(full_year, "XKX", "gpcep_referrals")["entity_as_published"] == "Kosovo"
    assert _one(full_year, "NAM", "gpcep_referrals")["entity_as_published"] == "Namibia"


def test_less_than_50_counts_as_printed_in_the_file(full_year: pd.DataFrame) -> None:
    document = json.loads(FULL_YEAR.read_text(encoding="utf-8"))
    read_fields = [
        "cybertipline_reports_referred",
        "esp_escalations",
        "file_information_gai_csam",
        "file_information_reported_images",
        "file_information_reported_videos",
    ] + [k for k in document["data"][0] if k.startswith("incident_type_")]
    printed = sum(r[f] == "<50" for r in document["data"] for f in read_fields)
    assert (full_year["flags"] == "upper_bound").sum() == printed
    assert set(full_year.loc[full_year["flags"] == "upper_bound", "value"]) == {"50"}


def test_the_2023_totals_in_the_2024_file_are_not_read(full_year: pd.DataFrame) -> None:
    # the Philippines' cybertipline_reports_total is 2,740,905: NCMEC's 2023 figure
    document = json.loads(FULL_YEAR.read_text(encoding="utf-8"))
    philippines = next(r for r in document["data"] if r["id"] == "PH")
    assert philippines["cybertipline_reports_total"] == 2740905
    assert "2740905" not in set(full_year["value"])
    assert not full_year["indicator"].str.contains("total").any()
    table = read_gpcep_json(FULL_YEAR, LAYOUT_ONLY)
    (notice,) = table.problems
    assert notice.severity is Severity.NOTICE and "previous year's totals" in notice.message


def test_january_june_file_gives_half_year_ids() -> None:
    frame = read_gpcep_json(H1, LAYOUT_ONLY).frame
    # reports-2024-h1.json, Philippines: online enticement 2300, child sex trafficking 70
    enticement = _one(frame, "PHL", "gpcep_referrals_by_incident_type_h1", "Online enticement")
    assert (enticement["value"], enticement["flags"]) == ("2300", "rounded;half_year")
    trafficking = _one(frame, "PHL", "gpcep_referrals_by_incident_type_h1", "Child sex trafficking")
    assert trafficking["value"] == "70"
    assert frame["indicator"].str.endswith("_h1").all()


@pytest.mark.skipif(not H2.exists(), reason="the shared raw files are not here")
def test_july_december_file_is_refused_and_names_the_misaligned_records() -> None:
    table = read_gpcep_json(H2, LAYOUT_ONLY)
    assert table.frame.empty
    (problem,) = table.problems
    assert problem.reason is Reason.BAD_METADATA and "39 jurisdictions" in problem.message
    assert len(MISALIGNED_2024H2) == 39
    # Niger's July-December record holds Nigeria's 220,000 referrals; Montserrat holds 52,000
    document = json.loads(H2.read_text(encoding="utf-8"))
    niger = next(r for r in document["data"] if r["id"] == "NE")
    assert niger["cybertipline_reports_referred"] == 220000 and "NE" in MISALIGNED_2024H2
    assert {"MS", "YT", "CR", "CK", "NG", "MK", "CD"} <= MISALIGNED_2024H2


def test_no_source_reads_a_july_december_file() -> None:
    metas, _ = source_metas(DATA)
    for folder, meta in metas:
        for table in meta.tables:
            if table.layout == LAYOUT:
                document = json.loads((folder / table.file).read_text(encoding="utf-8"))
                assert not document["period"].endswith("H2"), folder


def test_providers_less_than_10_is_an_upper_bound() -> None:
    frame = read_gpcep_json(ESP_ISP, LAYOUT_ONLY).frame
    # esp-isp-2024.json, India's top ESP
    document = json.loads(ESP_ISP.read_text(encoding="utf-8"))
    india = next(r for r in document["data"] if r["localized_name_en"] == "India")
    name, value = next(iter(india["esps"].items()))
    row = frame[
        (frame["entity_as_published"] == "India")
        & (frame["indicator"] == "gpcep_reports_by_esp")
        & (frame["category"] == name)
    ].iloc[0]
    assert row["value"] == str(value) and row["flags"] == "rounded"
    small = frame[frame["flags"] == "upper_bound"]
    assert len(small) == 552 and set(small["value"]) == {"10"}


def test_markers_in_a_small_file(tmp_path: Path) -> None:
    path = tmp_path / "next.json"
    record = {
        "id": "GH",
        "localized_name_en": "Ghana",
        "cybertipline_reports_total": 20586,
        "cybertipline_reports_referred": 21000,
        "esp_escalations": "--",
        "incident_type_online_enticement": "<50",
        "incident_type_child_sex_trafficking": "lots",
    }
    document = {"year": 2025, "period": "2025Y", "periodStringDisplay": "2025", "data": [record]}
    path.write_text(json.dumps(document), encoding="utf-8")
    layout = TableLayout(
        file=path.name, layout=LAYOUT, defaults={"flags": "unverified_transcription"}
    )
    table = read_gpcep_json(path, layout)
    rows = table.frame.set_index("indicator")
    assert rows.loc["gpcep_referrals", "flags"] == "rounded;unverified_transcription"
    assert rows.loc["gpcep_esp_escalations", "value"] == ""  # not published, never 0
    enticement = table.frame[table.frame["category"] == "Online enticement"].iloc[0]
    assert (enticement["value"], enticement["flags"]) == (
        "50",
        "upper_bound;unverified_transcription",
    )
    assert [p.reason for p in table.problems] == [Reason.BAD_NUMBER, Reason.MISSING_VALUE]
    assert "'lots'" in table.problems[0].message


def test_not_a_platform_file(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"rows": []}', encoding="utf-8")
    assert read_gpcep_json(path, LAYOUT_ONLY).problems[0].reason is Reason.NOT_A_TABLE
    path.write_text("{not json", encoding="utf-8")
    assert read_gpcep_json(path, LAYOUT_ONLY).problems[0].reason is Reason.UNREADABLE


def test_guess_layout_recognises_the_file_by_content(tmp_path: Path) -> None:
    renamed = tmp_path / "download.txt"
    renamed.write_bytes(FULL_YEAR.read_bytes())
    assert guess_layout(renamed).layout == LAYOUT
    assert guess_layout(ESP_ISP).layout == LAYOUT
    other = tmp_path / "other.json"
    other.write_text('{"data": [1, 2]}', encoding="utf-8")
    assert guess_layout(other) is None


@pytest.mark.parametrize(
    ("platform", "flags", "other", "agree"),
    [
        (58000, "rounded", 245365, False),  # Netherlands
        (58000, "rounded", 58400, True),
        (17000, "rounded", 15, False),  # Lao PDR
        (800, "rounded", 773, True),  # values of 100-9,999 are rounded to 100
        (9500, "rounded", 9570, False),
        (50, "upper_bound", 49, True),
        (50, "upper_bound", 104, False),  # Jersey: "<50" against 104
        (70, "rounded", 74, True),
    ],
)
def test_within_rounding(platform: int, flags: str, other: int, agree: bool) -> None:
    assert within_rounding(platform, flags, other) is agree


def test_rounding_units_seen_in_the_files() -> None:
    assert [rounding_unit(v) for v in (70, 900, 9500, 58000, 1400000)] == [
        10,
        100,
        100,
        1000,
        100000,
    ]


def test_disagreements_with_the_annual_table_are_listed() -> None:
    reference, _ = load_reference(DATA)
    metas = dict((m.id, (f, m)) for f, m in source_metas(DATA)[0])
    frames = [read_source(*metas[s], reference, DATA)[0] for s in ("ncmec-gpcep-2024",)]
    frames.append(read_source(*metas["grimm-bycountry-2024"], reference, DATA)[0])
    found = referral_disagreements(pd.concat(frames, ignore_index=True)).set_index("entity")
    assert found.loc["NLD", "value_platform"] == 58000
    assert found.loc["NLD", "value_table"] == 245365
    assert found.loc["LAO", "value_table"] == 15
    assert "PHL" not in found.index  # 1,400,000 against 1,364,464: within 50,000
