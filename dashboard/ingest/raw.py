"""The one shape every reader returns: rows as published, before names and numbers are checked.

Readers only understand a layout (a PDF table, a WDI download, a long CSV). They hand back text as
printed; `dashboard.ingest.normalise` then parses numbers, maps names and checks every row, so the
rules for bad input live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dashboard.ingest.problems import Problem
from dashboard.models import Indicator, Source

# row: 1-based line (or table row) in the file, so a problem can point at it.
# value: the cell as printed ("1,234", "12.5%", "-", ""); parsed later.
# flags: ";"-separated Flag values; category: a breakdown such as a platform or recipient.
# entity: optional, a code (ISO3 or declared region) the file already carries.
RAW_COLUMNS = (
    "row entity_as_published indicator period category value unit flags source_url note entity"
).split()


@dataclass
class RawTable:
    file: str
    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    source: Source | None = None  # a format that identifies its publication says which
    indicators: list[Indicator] = field(default_factory=list)


def empty_raw_frame() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c == "row" else "str") for c in RAW_COLUMNS})


def raw_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Rows with any subset of RAW_COLUMNS; missing text columns become ''."""
    if not rows:
        return empty_raw_frame()
    return pd.DataFrame(
        {
            column: pd.Series(
                [r.get(column, 0 if column == "row" else "") for r in rows],
                dtype="int64" if column == "row" else "str",
            ).fillna("")
            if column != "row"
            else pd.Series([int(r["row"]) for r in rows], dtype="int64")
            for column in RAW_COLUMNS
        }
    )
