"""Rewrite the generated sections of the READMEs from the one place each fact is written:
the settings table in README.md from `dashboard.settings.SETTINGS`, and the problem codes in
data/README.md from `REASONS` in dashboard/ingest/problems.py.

Usage: python scripts/readme_sections.py. The tests fail while a section is out of date.
"""

from __future__ import annotations

from pathlib import Path

from dashboard import settings
from dashboard.ingest.problems import reasons_table

REPOSITORY = Path(__file__).resolve().parents[1]
SECTIONS = {
    # name: (file, how the section is made)
    "settings": (REPOSITORY / "README.md", settings.markdown_table),
    "problem codes": (REPOSITORY / "data" / "README.md", reasons_table),
}


def with_section(text: str, name: str, body: str) -> str:
    """`text` with the section between its two markers replaced by `body`."""
    begin = f"<!-- {name}: written by scripts/readme_sections.py; do not edit -->"
    end = f"<!-- end of {name} -->"
    before, rest = text.split(begin, 1)
    return f"{before}{begin}\n{body}\n{end}{rest.split(end, 1)[1]}"


if __name__ == "__main__":
    for name, (path, make) in SECTIONS.items():
        path.write_text(with_section(path.read_text("utf-8"), name, make()), encoding="utf-8")
        print(f"wrote the {name} into {path}")
