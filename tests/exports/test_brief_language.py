"""A brief in the reader's language: `ocse brief --lang de` writes its own words through the
message catalogue of that language and says which language the document is in.

The German catalogue is still empty, so a stand-in catalogue marks every message it is asked
for ("[de] Key figures"): a heading that comes out marked went through `_()` in German."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from babel.support import NullTranslations
from typer.testing import CliRunner

from dashboard import language
from dashboard.cli import app
from dashboard.exports.brief import Brief, Paragraph, Section
from dashboard.exports.brief_html import brief_html


class Marked(NullTranslations):
    """Every message 'translated' as itself with a language mark in front."""

    def __init__(self, code: str):
        super().__init__()
        self.code = code

    def gettext(self, message: str) -> str:
        return f"[{self.code}] {message}"

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return f"[{self.code}] {singular if n == 1 else plural}"


@pytest.fixture
def marked_catalogues(monkeypatch):
    english = language.catalogue
    monkeypatch.setattr(
        language, "catalogue", lambda code: english(code) if code == "en" else Marked(code)
    )


def test_cli_brief_in_german(shipped_store_path, tmp_path, monkeypatch, marked_catalogues):
    monkeypatch.setenv("OCSE_STORE", str(shipped_store_path))
    target = tmp_path / "phl-de.docx"
    result = CliRunner().invoke(
        app, ["brief", "PHL", "--lang", "de", "--format", "docx", "--out", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {target}")  # operator output stays English
    document = docx.Document(target)
    assert document.core_properties.language == "de"
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert sections == [
        "[de] Key figures",
        "[de] In words",
        "[de] Charts",
        "[de] Every published indicator",
        "[de] Caveats",
        "[de] Data gaps",
        "[de] Sources",
    ]
    title = document.paragraphs[0]
    assert title.style.name == "Title"
    assert title.text.startswith("[de] ") and "Philippinen" in title.text  # CLDR's name
    # a number the brief writes itself follows German: a thousands point, not a comma
    figures = document.tables[0]
    assert any(
        "." in cell.text and "," not in cell.text
        for row in figures.rows[1:]
        for cell in row.cells[2:3]
    )


def _small_brief(code: str) -> Brief:
    return Brief(
        subject="PHL",
        title="Philippines",
        subtitle="",
        sections=(Section("In words", (Paragraph("A sentence."),)),),
        caveats=(),
        gaps=(),
        citations=(),
        generated=date(2025, 6, 30),
        content_hash="0" * 64,
        language=code,
    )


def test_html_says_its_language(marked_catalogues):
    german = brief_html(_small_brief("de"))
    assert '<html lang="de">' in german
    assert "<h2>[de] Caveats</h2>" in german and "<h2>[de] Sources</h2>" in german
    assert '"[de] Page " counter(page) " of " counter(pages)' in german
    english = brief_html(_small_brief("en"))
    assert '<html lang="en">' in english and "<h2>Caveats</h2>" in english
    assert '"Page " counter(page) " of " counter(pages)' in english


def test_a_brief_remembers_the_language_it_was_built_in():
    with language.speaking("fr"):
        brief = Brief("x", "t", "s", (), (), (), (), date(2025, 1, 1), "h")
    assert brief.language == "fr"
    assert _small_brief("en").language == "en"
