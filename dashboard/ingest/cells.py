"""One cell of a published table: a period ("2023", "2022-23"), a number as printed ("1,234",
"12 %", "4,560*"), or a mark that nothing was published ("-", "..")."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

NOT_PUBLISHED = {"", "-", "–", "—", "..", "n/a", "na."}
DECORATION = re.compile(r"[,'\u00a0\u202f\u2009 *†‡]")
PERIOD = re.compile(r"^(\d{4})(?:\s*[-–/]\s*(\d{2}|\d{4}))?$")


def parse_period(text: str) -> int | None:
    match = PERIOD.match(text.strip())
    if not match:
        return None
    start, end = match.group(1), match.group(2)
    if end is None:
        return int(start)
    return int(start[: 4 - len(end)] + end) if len(end) == 2 else int(end)


def parse_number(text: str) -> float | None:
    cleaned = DECORATION.sub("", text.strip())
    cleaned = cleaned.removesuffix("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


def per_cell(column: pd.Series, rule: Callable[[Any], Any], dtype: type = object) -> np.ndarray:
    """`rule(cell)` for every row, worked out once per distinct cell."""
    codes, cells = pd.factorize(column, use_na_sentinel=False)
    answers = np.empty(len(cells), dtype=dtype)
    answers[:] = [rule(cell) for cell in cells]
    return answers[codes]


def stripped(cell: object) -> str:
    return str(cell).strip()
