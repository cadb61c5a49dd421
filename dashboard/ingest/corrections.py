"""Withdrawals and doubtful figures (data/corrections.yaml): editors correct what is published
without editing a number in place, and every correction says who, when and why.

At every build a withdrawn publication's figures leave the store (the publication stays listed,
with the reason), and a doubtful figure carries the `doubtful` flag and its reason beside it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, ValidationError

from dashboard.ingest.metadata import load_yaml
from dashboard.ingest.problems import Problem, Reason

CORRECTIONS = "corrections.yaml"
HEADER = (
    "# Withdrawals and doubtful figures, written by the Publish page and `ocse withdraw` /\n"
    "# `ocse doubt`: each with who, when and why. Applied at every build (see data/README.md).\n"
)


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    reason: str
    by: str
    date: str  # yyyy-mm-dd


class Withdrawal(Correction):
    """A publication whose figures no longer count, e.g. one published in error."""


class Doubt(Correction):
    """One figure (indicator, entity, period, category) of a publication marked doubtful."""

    indicator: str
    entity: str
    period: str
    category: str = ""


class Corrections(BaseModel):
    model_config = ConfigDict(extra="forbid")

    withdrawn: list[Withdrawal] = []
    doubtful: list[Doubt] = []

    def frame(self) -> pd.DataFrame:
        """The store's corrections table: one row each, withdrawals first."""
        rows = [{"kind": "withdrawn", **w.model_dump()} for w in self.withdrawn]
        rows += [{"kind": "doubtful", **d.model_dump()} for d in self.doubtful]
        columns = ["kind", "source", "indicator", "entity", "period", "category"]
        columns += ["reason", "by", "date"]
        frame = pd.DataFrame(rows, columns=columns, dtype="object")
        return frame.fillna("").astype("str")


def load_corrections(data_dir: Path) -> tuple[Corrections, list[Problem]]:
    path = data_dir / CORRECTIONS
    if not path.exists():
        return Corrections(), []
    data, problems = load_yaml(path)
    if problems:
        return Corrections(), problems
    try:
        return Corrections.model_validate(data or {}), []
    except ValidationError as exc:
        return Corrections(), [
            Problem(str(path), None, ".".join(map(str, e["loc"])), Reason.BAD_METADATA, e["msg"])
            for e in exc.errors()
        ]


def apply_corrections(
    observations: pd.DataFrame, corrections: Corrections, sources: set[str], file: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Drop withdrawn publications' rows; flag doubtful figures and note why. A correction that
    names no published figure is a problem: it would otherwise be silently ignored."""
    problems = []
    for withdrawal in corrections.withdrawn:
        if withdrawal.source not in sources:
            problems.append(
                _unknown(file, f"withdrawn source {withdrawal.source!r} is not in data/")
            )
    withdrawn = {w.source for w in corrections.withdrawn}
    frame = observations[~observations["source_id"].isin(withdrawn)].copy()
    for doubt in corrections.doubtful:
        rows = (
            (frame["source_id"] == doubt.source)
            & (frame["indicator"] == doubt.indicator)
            & (frame["entity"] == doubt.entity)
            & (frame["period"] == doubt.period)
            & (frame["category"] == doubt.category)
        )
        if not rows.any():
            what = f"{doubt.source} {doubt.indicator} {doubt.entity} {doubt.period}"
            problems.append(_unknown(file, f"doubtful figure {what} is not published"))
            continue
        frame.loc[rows, "flags"] = frame.loc[rows, "flags"].map(_with_doubtful)
        note = f"doubtful ({doubt.date}, {doubt.by}): {doubt.reason}"
        before = frame.loc[rows, "note"]
        frame.loc[rows, "note"] = before.where(before == "", before + "; ") + note
    return frame, problems


def _with_doubtful(flags: str) -> str:
    found = [f for f in flags.split(";") if f]
    return ";".join(found if "doubtful" in found else [*found, "doubtful"])


def _unknown(file: str, message: str) -> Problem:
    return Problem(file, None, "", Reason.BAD_METADATA, message)
