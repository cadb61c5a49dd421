"""What a publication would change, shown before it goes live: its problems, its printed
totals checked, the rows it adds, where it repeats or contradicts figures already published
(side by side), and the existing series its values join.

The Publish page and `POST /api/v1/publications?dry_run=true` show the same preview.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.ingest.metadata import PrintedCheck, parse_yaml
from dashboard.pipeline.changes import Outcome
from dashboard.pipeline.checks import check_results
from dashboard.pipeline.publications import Submission, publish
from dashboard.store.read import StoreError, load_store

ROW_COLUMNS = ["indicator", "entity", "entity_as_published", "year", "period", "category"]
ROW_COLUMNS += ["value", "unit", "flags"]
KEY = ["indicator", "entity", "period", "category"]
SHOWN_ROWS = 2000  # rows listed on the page; the count says how many there are


@dataclass
class Preview:
    """A publication's effect on the served figures, or the problems that refuse it."""

    source_id: str
    base_hash: str | None  # the version it was previewed against
    problems: list[dict]
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    checks: list[dict] = field(default_factory=list)
    overlaps: pd.DataFrame = field(default_factory=pd.DataFrame)
    series: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        return not any(p["severity"] == "error" for p in self.problems)

    def as_json(self) -> dict:
        return {
            "ok": self.ok,
            "source": self.source_id,
            "base_hash": self.base_hash,
            "problems": self.problems,
            "row_count": len(self.rows),
            "rows": _records(self.rows.head(SHOWN_ROWS)),
            "checks": self.checks,
            "overlaps": _records(self.overlaps),
            "series": _records(self.series),
        }

    @classmethod
    def from_json(cls, data: dict) -> Preview:
        return cls(
            data["source"],
            data.get("base_hash"),
            data["problems"],
            pd.DataFrame(data["rows"], columns=ROW_COLUMNS),
            data["checks"],
            pd.DataFrame(data["overlaps"]),
            pd.DataFrame(data["series"]),
        )


def preview(
    offered: Submission, outcome: Outcome, served: pd.DataFrame | None, base_hash: str | None
) -> Preview:
    """The preview of `offered`, from the dry run's `outcome` and the served observations."""
    problems = [p.as_row() for p in outcome.problems]
    observations = outcome.tables.get("observations")
    if not outcome.ok or observations is None:
        return Preview(offered.source_id, base_hash, problems)
    mine = observations[observations["source_id"] == offered.source_id]
    others = served if served is not None else observations.iloc[0:0]
    others = others[others["source_id"] != offered.source_id]
    return Preview(
        offered.source_id,
        base_hash,
        problems,
        mine[ROW_COLUMNS].sort_values(["indicator", "period", "entity"]).reset_index(drop=True),
        _checks(offered, mine),
        overlaps(mine, others),
        _series(mine, others),
    )


def _checks(offered: Submission, mine: pd.DataFrame) -> list[dict]:
    """The publication's printed totals (NCMEC's add-up check), passed or not."""
    meta = parse_yaml(offered.files.get("source.yaml", b"") or b"{}") or {}
    declared = [PrintedCheck(**check) for check in meta.get("checks", [])]
    return [
        {
            "indicator": result.check.indicator,
            "printed_total": result.check.total,
            "rows_total": result.total,
            "printed_rows": result.check.rows,
            "rows": result.rows,
            "passed": result.passed,
        }
        for result in check_results(mine, offered.source_id, declared)
    ]


def overlaps(mine: pd.DataFrame, others: pd.DataFrame) -> pd.DataFrame:
    """Figures the publication gives that another publication already gives: a repeat when the
    values agree, a conflict when they differ; which one the store shows is `shown`."""
    columns = KEY + ["new_value", "published_value", "published_by", "kind", "shown"]
    if mine.empty or others.empty:
        return pd.DataFrame(columns=columns)
    joined = mine.merge(others, on=KEY, suffixes=("", "_other"))
    if joined.empty:
        return pd.DataFrame(columns=columns)
    same = (joined["value"] - joined["value_other"]).abs() <= 1e-9 * joined["value"].abs()
    return pd.DataFrame(
        {
            **{k: joined[k] for k in KEY},
            "new_value": joined["value"],
            "published_value": joined["value_other"],
            "published_by": joined["source_id_other"],
            "kind": same.map({True: "repeat", False: "conflict"}),
            "shown": joined["preferred"].map({True: "new", False: "published"}),
        }
    ).reset_index(drop=True)


def _series(mine: pd.DataFrame, others: pd.DataFrame, entities: int = 6) -> pd.DataFrame:
    """The existing series (shown figures) of the new rows' largest entities, for the chart."""
    if mine.empty:
        return pd.DataFrame(columns=["indicator", "entity", "year", "value", "source_id"])
    first = mine["indicator"].iloc[0]
    rows = mine[(mine["indicator"] == first) & (mine["category"] == "")]
    largest = rows.nlargest(entities, "value")["entity"].tolist()
    shown = others[
        (others["indicator"] == first)
        & others["entity"].isin(largest)
        & (others["category"] == "")
        & others["preferred"]
    ]
    return shown[["indicator", "entity", "year", "value", "source_id"]].reset_index(drop=True)


def _records(frame: pd.DataFrame) -> list[dict]:
    return json.loads(frame.to_json(orient="records")) if len(frame) else []


def preview_submission(
    data_dir: Path, store: Path, offered: Submission, who: str, wait: float = 0.0
) -> Preview:
    """A dry run of publishing `offered`: nothing changes; the preview says what would."""
    outcome = publish(data_dir, store, offered, who, dry_run=True, wait=wait)
    try:
        served = load_store(store)
    except StoreError:  # nothing served yet
        return preview(offered, outcome, None, None)
    return preview(offered, outcome, served.observations, served.content_hash)
