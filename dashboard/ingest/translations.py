"""Translations of the texts in data/: indicator names, definitions and caveats, units, themes,
what each kind of figure measures, region names (data/regions.yaml, and the UN regions and
continents the build gives each country), and the caveats written for each publication
(source.yaml). Publication titles, publishers and notes stay as published.

They are gettext catalogues, one per language, in data/translations/: `<lang>.po`, with
data.pot as their template. Each message is the English text itself, so a text edited in
English shows in English (marked) until its translation is updated, never a stale one.
`make translations` rewrites data.pot from data/ and merges it into every `<lang>.po`;
translators edit the .po files with any gettext editor. The build reads them into the store's
`translations` table, leaving out fuzzy and empty entries.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from dashboard.ingest.countries import country_table
from dashboard.ingest.problems import Problem, Reason
from dashboard.language import DEFAULT, LANGUAGES

FOLDER = "translations"
TEMPLATE = "data.pot"
COLUMNS = ["language", "text", "translation"]
HEADER = (
    "# Texts from data/ (dashboard/ingest/translations.py). Each message is the English text.\n"
)
DATED = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')  # left out: a rewrite changes nothing


def data_texts(data_dir: Path) -> dict[str, list[str]]:
    """Every translatable text in data/, each with where it comes from (a comment for the
    translator): indicator names, units, definitions, caveats, themes, measures, regions."""
    found: dict[str, list[str]] = {}

    def add(text: object, where: str) -> None:
        if isinstance(text, str) and text.strip():
            found.setdefault(text, []).append(where)

    for indicator in _yaml(data_dir / "indicators.yaml") or []:
        key = indicator.get("id", "?")
        add(indicator.get("name"), f"indicator {key}: name")
        add(indicator.get("theme"), "theme")
        add(indicator.get("definition"), f"indicator {key}: definition")
        for caveat in indicator.get("caveats") or []:
            for kind, text in caveat.items() if isinstance(caveat, dict) else []:
                add(text, f"indicator {key}: caveat ({kind})")
    for unit in _yaml(data_dir / "units.yaml") or []:
        add(unit.get("label"), f"unit {unit.get('id')}: label")
        add(unit.get("after_value"), f"unit {unit.get('id')}: after a value")
    for kind, statement in (_yaml(data_dir / "measures.yaml") or {}).items():
        add(statement, f"measures {kind}")
    for region in _yaml(data_dir / "regions.yaml") or []:
        add(region.get("name"), f"region {region.get('code')}")
    add((_yaml(data_dir / "focus.yaml") or {}).get("name"), "focus group name")
    for path in sorted((data_dir / "sources").glob("*/source.yaml")):
        meta = _yaml(path)
        for caveat in (meta or {}).get("caveats") or [] if isinstance(meta, dict) else []:
            add(caveat, f"publication {path.parent.name}: caveat")
    countries = country_table()  # the UN regions and continents the build gives each country
    for column in ["un_region", "continent"]:
        for name in sorted(countries[column].dropna().unique()):
            add(name, f"{column.replace('_', ' ')} (country_converter)")
    return found


def _yaml(path: Path) -> object:
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def template(data_dir: Path) -> Catalog:
    catalog = Catalog(project="OCSE dashboard data", header_comment=HEADER, fuzzy=False)
    for text, where in data_texts(data_dir).items():
        catalog.add(text, auto_comments=sorted(set(where))[:5])
    return catalog


def update_catalogues(data_dir: Path) -> list[Path]:
    """Write data.pot from data/ and merge it into each language's .po (new texts empty,
    changed ones fuzzy, gone ones obsolete); returns the files written."""
    folder = data_dir / FOLDER
    folder.mkdir(exist_ok=True)
    pot = template(data_dir)
    written = [_write(folder / TEMPLATE, pot)]
    for language in LANGUAGES:
        if language == DEFAULT:
            continue
        path = folder / f"{language}.po"
        catalog = (
            _read(path, language)
            if path.exists()
            else Catalog(locale=language, header_comment=HEADER, fuzzy=False)
        )
        catalog.update(pot)
        written.append(_write(path, catalog))
    return written


def _write(path: Path, catalog: Catalog) -> Path:
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=100, omit_header=False, ignore_obsolete=False, sort_output=False
    )
    temporary = path.with_name(f".{path.name}.tmp")
    lines = buffer.getvalue().splitlines(keepends=True)
    temporary.write_bytes(b"".join(line for line in lines if not line.startswith(DATED)))
    temporary.replace(path)  # whole or not at all
    return path


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language, abort_invalid=True)


def load_translations(data_dir: Path) -> tuple[pd.DataFrame, list[Problem]]:
    """Every finished translation in data/translations: (language, English text, translation)."""
    rows, problems = [], []
    for language in LANGUAGES:
        path = data_dir / FOLDER / f"{language}.po"
        if language == DEFAULT or not path.exists():
            continue
        try:
            catalog = _read(path, language)
        except (PoFileError, ValueError, UnicodeDecodeError) as exc:
            message = f"not a readable gettext catalogue: {exc}"
            problems.append(
                Problem(str(path), getattr(exc, "lineno", None), "", Reason.MALFORMED, message)
            )
            continue
        rows += [
            (language, message.id, message.string)
            for message in catalog
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
        ]
    frame = pd.DataFrame(rows, columns=COLUMNS).sort_values(COLUMNS[:2], kind="stable")
    return frame.reset_index(drop=True), problems


if __name__ == "__main__":  # `make translations`: python -m dashboard.ingest.translations data
    import sys

    for written in update_catalogues(Path(sys.argv[1] if len(sys.argv) > 1 else "data")):
        print(f"wrote {written}")
