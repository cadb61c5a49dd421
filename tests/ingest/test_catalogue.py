"""A figure printed by several sources: one is preferred by a stated rule, the rest are listed."""

from __future__ import annotations

import pandas as pd

from dashboard.ingest.catalogue import resolve_repeats
from dashboard.ingest.normalise import OBSERVATION_COLUMNS
from dashboard.ingest.problems import Reason, Severity
from dashboard.models import Source


def source(id: str, priority: int) -> Source:
    return Source(
        id=id,
        publisher="Test",
        title=id,
        url=f"https://example.org/{id}",
        licence="test only",
        reliability="primary",
        priority=priority,
    )


def row(source_id: str, entity: str, value: float, flags: str = "", row: int = 2) -> dict:
    return {
        "indicator": "cybertipline_reports",
        "source_id": source_id,
        "entity": entity,
        "entity_as_published": entity,
        "year": 2023,
        "period": "2023",
        "category": "",
        "value": value,
        "unit": "reports",
        "flags": flags,
        "source_url": "",
        "note": "",
        "file": f"{source_id}.csv",
        "row": row,
    }


def test_lowest_priority_then_fewest_qualifiers_then_id_is_preferred() -> None:
    sources = {s.id: s for s in [source("ncmec", 10), source("zz-page", 30), source("aa-page", 30)]}
    rows = [
        row("zz-page", "PHL", 2_740_905, row=5),
        row("aa-page", "PHL", 2_700_000, flags="approximate;secondary_source", row=7),
        row("ncmec", "PHL", 2_740_905, row=3),
        row("zz-page", "KEN", 10, row=6),
        row("aa-page", "KEN", 10, row=8),
    ]
    observations = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS)

    resolved, notices = resolve_repeats(observations, sources)

    preferred = resolved[resolved["preferred"]][["entity", "source_id"]].values.tolist()
    assert preferred == [["KEN", "aa-page"], ["PHL", "ncmec"]]
    assert len(resolved) == 5
    assert [(n.file, n.row, n.reason) for n in notices] == [
        ("zz-page.csv", 6, Reason.REPEATED_FIGURE),  # KEN: same value, id decides
        ("zz-page.csv", 5, Reason.REPEATED_FIGURE),  # PHL: priority 30 loses to 10
        ("aa-page.csv", 7, Reason.CONFLICTING_VALUE),  # and the qualified one after it
    ]
    assert all(n.severity is Severity.NOTICE for n in notices)
    assert notices[2].message == (
        "cybertipline_reports PHL 2023: aa-page gives a different value (2,700,000); ncmec "
        "(2,740,905) is used (lower priority number, fewer qualifiers, then source id)"
    )


def test_a_table_that_leads_out_of_data_is_refused_not_read(tmp_path) -> None:
    from dashboard.ingest.catalogue import read_source
    from dashboard.ingest.metadata import SourceMeta
    from dashboard.ingest.reference import load_reference
    from tests.conftest import DATA

    data = tmp_path / "data"
    folder = data / "sources" / "x"
    folder.mkdir(parents=True)
    secret = tmp_path / "secret.csv"
    secret.write_text("Country,Year,Reports\nGhana,2023,5\n", encoding="utf-8")
    (folder / "linked.csv").symlink_to(secret)
    layout = {"layout": "long", "defaults": {"indicator": "cybertipline_reports"}}
    meta = SourceMeta(
        **{k: v for k, v in source("x", 20).model_dump().items() if v is not None},
        tables=[
            {"file": "linked.csv", **layout},
            {"file": "../../../secret.csv", **layout},
        ],
    )
    frame, problems = read_source(folder, meta, load_reference(DATA)[0], data)

    assert frame.empty
    assert [(p.file, p.reason) for p in problems] == [
        (str(folder / "linked.csv"), Reason.OUTSIDE_DATA),
        (str(folder / "../../../secret.csv"), Reason.OUTSIDE_DATA),
    ]
    assert problems[0].message.startswith(f"a symbolic link to '{secret}' that leads outside")
    assert problems[1].message.startswith("a path that leads outside")
