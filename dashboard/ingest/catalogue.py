"""Read everything under `data/` into checked frames: load, normalise, resolve repeats.

The rule for a figure published by more than one source (same indicator, entity, period and
category): the source with the lowest `priority` wins (the NCMEC file's sources are 10, other
primary sources 20, secondary pages and transcriptions 30); then the one with fewer qualifying
flags; then the source id, alphabetically, so the choice never depends on file order. Every
observation is stored; the losers are marked `preferred = false` and listed as notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from pydantic import ValidationError

from dashboard.ingest import gpcep, readers
from dashboard.ingest.corrections import (
    CORRECTIONS,
    Corrections,
    apply_corrections,
    load_corrections,
)
from dashboard.ingest.metadata import (
    PrintedCheck,
    SourceMeta,
    load_source_meta,
    parse_yaml,
)
from dashboard.ingest.normalise import KEY, OBSERVATION_COLUMNS, normalise
from dashboard.ingest.problems import Problem, Reason, Severity, format_value
from dashboard.ingest.reference import Reference, load_reference
from dashboard.ingest.source_memo import reference_digest, remembered
from dashboard.ingest.uploads import outside_data
from dashboard.models import Source


@dataclass
class Catalogue:
    """Everything a build writes: the sources, what data/ says besides them (indicators, units,
    regions, focus countries) and the checked observations."""

    reference: Reference
    sources: dict[str, Source] = field(default_factory=dict)
    observations: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=[*OBSERVATION_COLUMNS, "preferred"])
    )
    problems: list[Problem] = field(default_factory=list)
    checks: dict[str, list[PrintedCheck]] = field(default_factory=dict)  # by source id
    corrections: Corrections = field(default_factory=Corrections)


def source_metas(data_dir: Path) -> tuple[list[tuple[Path, SourceMeta]], list[Problem]]:
    """Every source.yaml under data/sources, and the list in data/context/sources.yaml."""
    metas, problems = [], []
    for path in sorted((data_dir / "sources").glob("*/source.yaml")):
        meta, found = load_source_meta(path)
        problems += found
        if meta is not None:
            if meta.id != path.parent.name:
                problems.append(
                    Problem(
                        str(path),
                        None,
                        "id",
                        Reason.BAD_METADATA,
                        f"id {meta.id!r} differs from its folder {path.parent.name!r}",
                    )
                )
            metas.append((path.parent, meta))
    context = data_dir / "context" / "sources.yaml"
    if context.exists():
        for position, item in enumerate(parse_yaml(context.read_text("utf-8")), start=1):
            try:
                metas.append((context.parent, SourceMeta(**item)))
            except ValidationError as exc:
                problems.append(Problem(str(context), position, "", Reason.BAD_METADATA, str(exc)))
    return metas, problems


def read_source(
    folder: Path,
    meta: SourceMeta,
    reference: Reference,
    data_dir: Path | None = None,
    reference_key: str = "",
    memo: Path | None = None,
) -> tuple[pd.DataFrame, list[Problem]]:
    """The source's tables, read and normalised; a file that leads outside `data_dir` (a link,
    or a path with '..') is refused, not read. With `reference_key` (the digest of data/'s
    reference files), a source read before with the same content is not read again (`memo`: a
    folder to remember it in, across processes)."""
    outside = [
        problem
        for layout in meta.tables
        if data_dir is not None and (problem := outside_data(folder / layout.file, data_dir))
    ]
    if outside:
        frame, problems = _read_tables(folder, meta, reference, data_dir)
        return frame, outside + problems
    return remembered(
        folder, meta, reference_key, lambda: _read_tables(folder, meta, reference, data_dir), memo
    )


def _read_tables(
    folder: Path, meta: SourceMeta, reference: Reference, data_dir: Path | None
) -> tuple[pd.DataFrame, list[Problem]]:
    frames, problems = [], []
    source = meta.source()
    for layout in meta.tables:
        path = folder / layout.file
        if data_dir is not None and outside_data(path, data_dir) is not None:
            continue
        raw = readers.read(path, layout)
        observations, found = normalise(raw, source, reference)
        frames.append(observations)
        problems += found
    frame = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=OBSERVATION_COLUMNS)
    )
    return frame, problems


def load_catalogue(data_dir: Path, memo: Path | None = None) -> Catalogue:
    reference, problems = load_reference(data_dir)
    metas, found = source_metas(data_dir)
    problems += found
    catalogue = Catalogue(reference)
    reference_key = reference_digest(data_dir)
    frames = []
    for folder, meta in metas:
        if meta.id in catalogue.sources:
            problems.append(
                Problem(str(folder), None, "id", Reason.BAD_METADATA, f"source {meta.id} twice")
            )
            continue
        catalogue.sources[meta.id] = meta.source()
        if meta.checks:
            catalogue.checks[meta.id] = list(meta.checks)
        frame, found = read_source(folder, meta, reference, data_dir, reference_key, memo)
        frames.append(frame)
        problems += found
    observations = pd.concat(frames, ignore_index=True) if frames else catalogue.observations
    corrections, found = load_corrections(data_dir)
    catalogue.corrections = corrections
    file = str(data_dir / CORRECTIONS)
    observations, more = apply_corrections(observations, corrections, set(catalogue.sources), file)
    problems += found + more
    observations, found = resolve_repeats(observations, catalogue.sources)
    catalogue.observations = observations
    # two series of one figure kept apart (annual table, Global Platform): disagreements listed
    catalogue.problems = problems + found + gpcep.disagreement_notices(observations)
    return catalogue


def resolve_repeats(
    observations: pd.DataFrame, sources: dict[str, Source]
) -> tuple[pd.DataFrame, list[Problem]]:
    """Mark one preferred observation per figure; list every repeat and conflict as a notice."""
    frame = observations.copy()
    frame["_priority"] = frame["source_id"].map({s: src.priority for s, src in sources.items()})
    if frame["_priority"].isna().any():  # a row whose source the catalogue lacks: a bug upstream
        unknown = sorted(set(frame["source_id"]) - set(sources))
        raise KeyError(f"observations of unknown sources: {', '.join(map(str, unknown))}")
    flags = frame["flags"].unique()
    qualifiers = {f: len([x for x in f.split(";") if x]) for f in flags}
    frame["_qualifiers"] = frame["flags"].map(qualifiers)
    frame = frame.sort_values([*KEY, "_priority", "_qualifiers", "source_id"], kind="stable")
    preferred = ~frame.duplicated(KEY, keep="first").to_numpy()
    frame["preferred"] = preferred
    # sorted by KEY, so a figure's rows are together and its winner is the first of them
    winner_of = np.maximum.accumulate(np.where(preferred, np.arange(len(frame)), 0))
    losers = np.flatnonzero(~preferred)
    columns = ["indicator", "entity", "period", "category", "source_id", "value", "file", "row"]
    cells = {c: frame[c].to_numpy() for c in columns}
    problems = [
        _repeat_notice(cells, winner, loser)
        for winner, loser in zip(winner_of[losers].tolist(), losers.tolist(), strict=True)
    ]
    frame = frame.drop(columns=["_priority", "_qualifiers"]).sort_values(
        ["indicator", "entity", "year", "period", "category", "source_id"], kind="stable"
    )
    return frame.reset_index(drop=True), problems


def _repeat_notice(cells: dict[str, np.ndarray], winner: int, other: int) -> Problem:
    """The notice for row `other`, which gives the figure that row `winner` is preferred for."""
    same = cells["value"][other] == cells["value"][winner]
    what = f"{cells['indicator'][winner]} {cells['entity'][winner]} {cells['period'][winner]}"
    what += f" [{cells['category'][winner]}]" if cells["category"][winner] else ""
    message = (
        f"{what}: {cells['source_id'][other]} gives {'the same' if same else 'a different'} "
        f"value ({format_value(cells['value'][other])}); {cells['source_id'][winner]} "
        f"({format_value(cells['value'][winner])}) "
        "is used (lower priority number, fewer qualifiers, then source id)"
    )
    return Problem(
        str(cells["file"][other]),
        int(cells["row"][other]),
        "value",
        Reason.REPEATED_FIGURE if same else Reason.CONFLICTING_VALUE,
        message,
        Severity.NOTICE,
    )
