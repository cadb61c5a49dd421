"""Texts from data/ in the reader's language: translated where data/translations has them,
English and marked where not, country names from Babel's locale data, figures untouched."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from dashboard.ingest.translations import load_translations
from dashboard.language import DEFAULT, LANGUAGES, speaking
from dashboard.store.localised import in_language

DATA = Path(__file__).resolve().parents[2] / "data"
TRANSLATED = [code for code in LANGUAGES if code != DEFAULT]


def names(store, code: str) -> str:
    return store.entities.set_index("code").loc[code, "name"]


def test_country_names_come_from_the_locale_data(shipped_store):
    german = in_language(shipped_store, "de")
    assert names(german, "PHL") == "Philippinen"
    assert names(in_language(shipped_store, "fr"), "KHM") == "Cambodge"
    assert names(in_language(shipped_store, "es"), "DEU") == "Alemania"
    assert names(shipped_store, "PHL") == "Philippines"  # the English store is untouched


def test_the_figures_are_the_same_in_every_language(shipped_store):
    german = in_language(shipped_store, "de")
    assert german.observations is shipped_store.observations
    assert german.content_hash == shipped_store.content_hash
    # publication titles and publishers stay as published; their caveats are the dashboard's
    for column in ["id", "title", "publisher", "url", "citation"]:
        assert german.sources[column].equals(shipped_store.sources[column])
    english = shipped_store.sources.set_index("id").loc["ncmec-bycountry-2019", "caveats"]
    shown = german.sources.set_index("id").loc["ncmec-bycountry-2019", "caveats"]
    assert len(shown) == len(english) and shown != english
    assert not any(c.endswith("(Englisch)") for c in shown)


def test_a_text_without_a_translation_shows_in_english_marked(shipped_store):
    """An indicator whose English name changed after it was translated: the new English name,
    marked, never a blank, a key or the stale translation."""
    indicators = shipped_store.indicators.copy()
    indicators.loc[indicators["id"] == "cybertipline_reports", "name"] = "A renamed indicator"
    store = replace(shipped_store, indicators=indicators)
    with speaking("de"):
        shown = in_language(store, "de").indicators.set_index("id").loc["cybertipline_reports"]
    assert shown["name"].startswith("A renamed indicator (")
    assert shown["name"] != "A renamed indicator ("


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_name_and_unit_and_the_focus_and_ncmec_texts_are_translated(shipped_store, language):
    """What the issue asks of data/translations: every indicator's name and unit; the
    definitions and caveats of every NCMEC indicator and of every indicator published for a
    focus country."""
    frame, problems = load_translations(DATA)
    assert not problems
    done = set(frame.loc[frame["language"] == language, "text"])
    store = shipped_store
    focus = set(store.focus())
    shown = store.observations[store.observations["entity"].isin(focus)]["indicator"]
    wanted = store.indicators[
        store.indicators["publisher"].str.contains("NCMEC") | store.indicators["id"].isin(shown)
    ]
    texts = set(store.indicators["name"]) | set(store.units["label"])
    texts |= {u for u in store.units["after_value"] if isinstance(u, str) and u}
    texts |= set(wanted["definition"]) | {c["text"] for cs in wanted["caveats"] for c in cs}
    missing = sorted(t for t in texts if t and t not in done)
    assert not missing, f"{len(missing)} texts without a {language} translation: {missing[:5]}"


def test_a_broken_catalogue_is_a_problem_naming_its_file_and_line(tmp_path):
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "de.po").write_text('msgid "a"\nmsgstr "b"\nmsgid "unterminated\n', "utf-8")
    frame, problems = load_translations(tmp_path)
    assert isinstance(frame, pd.DataFrame) and frame.empty
    assert [p.file for p in problems] == [str(folder / "de.po")]
    assert "gettext catalogue" in problems[0].message
