"""Cybertip.ca's 2022 reports from the public (C3P's own page) and the 2023 figures read on a
news page: the printed total checks the incident types, and the news page stays secondary."""

from __future__ import annotations

from pathlib import Path

from dashboard.ingest.catalogue import read_source, source_metas
from dashboard.ingest.reference import load_reference

DATA = Path(__file__).resolve().parents[2] / "data"
TYPES = [
    "csam",
    "online_harms_concerns",
    "luring",
    "trafficking_of_children",
    "ncii",
    "travelling_to_exploit",
    "commercial_sexual_exploitation",
    "explicit_material_to_child",
]


def _read(source_id: str):
    reference, _ = load_reference(DATA)
    metas = {m.id: (f, m) for f, m in source_metas(DATA)[0]}
    frame, problems = read_source(*metas[source_id], reference, DATA)
    assert problems == []
    return frame.set_index("indicator"), metas[source_id][1]


def test_2022_incident_types_add_up_to_the_printed_total() -> None:
    rows, meta = _read("c3p_cybertip_2022")
    # "Total Reports 18,891"; CSAM 14,260, luring 2,052, trafficking of children 272
    assert rows.loc["cybertip_reports_processed", "value"] == 18_891
    assert sum(rows.loc[f"cybertip_reports_{t}", "value"] for t in TYPES) == 18_891
    assert rows.loc["cybertip_reports_trafficking_of_children", "value"] == 272
    assert meta.reliability == "primary" and (rows["entity"] == "CAN").all()


def test_2023_figures_from_a_news_page_are_secondary() -> None:
    rows, meta = _read("c3p_cybertip_2023_epoch")
    assert meta.reliability == "secondary" and meta.priority == 30
    assert (rows["flags"] == "secondary_source").all()
    assert rows.loc["cybertip_reports_processed", "value"] == 27_429
