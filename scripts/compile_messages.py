"""Compile the UI catalogues (dashboard/locale/<lang>/LC_MESSAGES/messages.po) to .mo with
Babel, as `make translations` does.

`pybabel compile` would refuse "95% confidence band" and "Internet users (% of population)":
it reads a "%" followed by a letter as an old-style placeholder. The dashboard fills its
messages with str.format, so the check that matters is that each translation keeps the
message's {named} placeholders: tests/test_language.py makes it. Fuzzy entries are left out.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_folder(folder: Path) -> list[Path]:
    written = []
    for po in sorted(folder.glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        mo = po.with_suffix(".mo")
        temporary = mo.with_name(".messages.mo.tmp")
        with temporary.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        temporary.replace(mo)  # a running server never reads half a file
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_folder(Path(sys.argv[1] if len(sys.argv) > 1 else "dashboard/locale")):
        print(f"compiled {path}")
