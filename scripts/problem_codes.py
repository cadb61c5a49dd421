"""Rewrite the "Problem codes" section of data/README.md from `REASONS` in
dashboard/ingest/problems.py, the one place a code's title and description are written.

Usage: python scripts/problem_codes.py [data/README.md]. tests/ingest/test_problems.py fails while
the section is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dashboard.ingest.problems import reasons_table

BEGIN = "<!-- problem codes: written by scripts/problem_codes.py from REASONS; do not edit -->"
END = "<!-- end of problem codes -->"
HEADING = """## Problem codes

`ocse validate` names every problem by a code; `ocse validate --explain CODE` prints its title
and description. The message beside each problem says which cell or figure it is about.
"""


def with_codes(readme: str) -> str:
    """`readme` with the generated section replaced, or appended when it has none yet."""
    section = f"{BEGIN}\n{reasons_table()}\n{END}"
    if BEGIN in readme:
        before, rest = readme.split(BEGIN, 1)
        return before + section + rest.split(END, 1)[1]
    return f"{readme.rstrip()}\n\n{HEADING}\n{section}\n"


if __name__ == "__main__":
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "data/README.md")
    path.write_text(with_codes(path.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote the problem codes into {path}")
