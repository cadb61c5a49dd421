"""CSV downloads that cite themselves: a commented header, then tidy rows."""

from __future__ import annotations

import io
import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def header_line(text: str) -> str:
    """One `# ` comment line: a line break inside `text` (a title, a caveat) becomes a space, so
    no text can start a line of its own."""
    return "# " + LINE_BREAKS.sub(" ", text) + "\n"


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula get a leading apostrophe."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(FORMULA_START) else v
            )
    return safe


def csv_with_citation(frame: pd.DataFrame, header_lines: list[str]) -> str:
    buffer = io.StringIO()
    for line in header_lines:
        buffer.write(header_line(line))
    neutralise_formulas(frame).to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()
