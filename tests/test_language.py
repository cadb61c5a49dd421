"""The dashboard's languages: every message translated with its placeholders kept, numbers in
each language's own format, and no module hiding the translation function."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dashboard.language import DEFAULT, LANGUAGES, LOCALE_DIR, _, speaking
from dashboard.wording.numbers import format_change, format_value, number

REPO = Path(__file__).resolve().parents[1]
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT]


def placeholders(text: str) -> set[str]:
    """The named fields of a str.format() message: '{country} in {year}' -> {country, year}."""
    try:
        return {field for _text, field, _spec, _conv in string.Formatter().parse(text) if field}
    except ValueError as exc:  # an unbalanced brace: a broken message
        return {f"<unreadable: {exc}>"}


def catalogue(path: Path, language: str):
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_ui_message_is_translated_with_its_placeholders(language):
    """`make translations` merges every message of the code into each catalogue: none may be
    left untranslated or fuzzy, and a translation keeps exactly the original's placeholders."""
    template = catalogue(LOCALE_DIR / "messages.pot", DEFAULT)
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    translated = catalogue(path, language)
    assert len([m for m in template if m.id]) > 300  # the code's messages were extracted
    missing, changed = [], []
    for message in template:
        if not message.id:
            continue
        found = translated.get(message.id)
        forms = found.string if found else None
        forms = list(forms) if isinstance(forms, tuple | list) else [forms]
        if not found or found.fuzzy or not all(forms):
            missing.append(message.id)
            continue
        ids = message.id if isinstance(message.id, tuple | list) else [message.id]
        wanted = set().union(*(placeholders(i) for i in ids))
        changed += [(message.id, f) for f in forms if placeholders(f) != wanted]
    assert not missing, f"{len(missing)} messages without a {language} translation: {missing[:10]}"
    assert not changed, f"translations that change a placeholder: {changed[:10]}"


@pytest.mark.parametrize(
    ("language", "written"),
    [("en", "2,740,905"), ("de", "2.740.905"), ("fr", "2\u202f740\u202f905"), ("es", "2.740.905")],
)
def test_numbers_are_written_in_the_languages_own_format(language, written):
    with speaking(language):
        assert format_value(2740905) == written
        assert number(2740905.0) == written


def test_a_decimal_and_a_change_use_the_decimal_comma_in_german():
    with speaking("de"):
        assert number(7.83) == "7,8"
        assert format_change(12.91).startswith("+12,9")


def test_german_has_translated_messages():
    """The compiled catalogue is found and used (not only English falling through)."""
    with speaking("de"):
        assert _("Skip to content") != "Skip to content"


def test_no_module_hides_the_translation_function():
    """A module that imports `_` and also assigns `_` (e.g. `value, _ = pair`) would call a
    tuple element instead of translating, in that function only."""
    offenders = []
    for path in (REPO / "dashboard").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports_it = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "dashboard.language"
            and any(alias.name == "_" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imports_it:
            continue
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            elif isinstance(node, ast.For | ast.comprehension):
                targets = [node.target]
            elif isinstance(node, ast.arguments):
                targets = [a for a in node.args + node.kwonlyargs]
            for target in targets:
                names = [n for n in ast.walk(target) if isinstance(n, ast.Name | ast.arg)]
                if any(getattr(n, "id", getattr(n, "arg", None)) == "_" for n in names):
                    line = getattr(node, "lineno", None) or getattr(target, "lineno", "?")
                    offenders.append(f"{path.relative_to(REPO)}:{line}")
    assert not offenders, offenders


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "December 2, 2026"),
        ("de", "2. Dezember 2026"),
        ("fr", "2 décembre 2026"),
        ("es", "2 de diciembre de 2026"),
    ],
)
def test_dates_are_written_in_the_language(language, written):
    from dashboard.language import date_text

    with speaking(language):
        assert date_text("2026-12-02T07:30:00+00:00") == written
