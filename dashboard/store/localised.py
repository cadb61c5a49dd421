"""A store's texts in the reader's language: the same figures, with indicator names, themes,
definitions and caveats, units, "what it measures" sentences, region names, UN regions and
continents from the
store's `translations` table (data/translations), and country names from Babel's locale data.

A text without a translation keeps its English words, marked "(English)" in the reader's
language, never a blank or a key. Publication titles, publishers and quotes stay as published;
only the caveats written for a publication are translated. The observations are shared with the
English store, not copied.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from dashboard.ingest.countries import converter
from dashboard.language import DEFAULT, in_english, speaking, territory_name
from dashboard.store.read import StoreData


def in_language(store: StoreData, language: str) -> StoreData:
    """`store` as a reader of `language` sees it (the store itself for English). Kept with the
    store, so each language is derived once per store version."""
    if language == DEFAULT:
        return store
    views = store.__dict__.setdefault("_in_language", {})
    if language not in views:
        with speaking(language):
            views[language] = _translated(store, language)
    return views[language]


def _translated(store: StoreData, language: str) -> StoreData:
    table = store.translations
    known = table[table["language"] == language]
    words = dict(zip(known["text"], known["translation"], strict=True))

    def text(value: object) -> object:
        if not isinstance(value, str) or not value:
            return value
        return words.get(value) or in_english(value)

    indicators = store.indicators.copy()
    indicators["theme_en"] = indicators["theme"]  # what the analysis compares (analysis/themes.py)
    for column in ["name", "theme", "definition"]:
        indicators[column] = indicators[column].map(text)
    indicators["caveats"] = indicators["caveats"].map(
        lambda caveats: [{**c, "text": text(c["text"])} for c in caveats]
    )
    units = store.units.copy()
    units["label"] = units["label"].map(text)
    units["after_value"] = units["after_value"].map(
        lambda v: text(v) if isinstance(v, str) and v else v
    )
    measures = store.measures.assign(statement=store.measures["statement"].map(text))
    groups = store.groups.assign(name=store.groups["name"].map(text))
    entities = store.entities.copy()
    countries = entities["kind"] == "country"
    entities.loc[countries, "name"] = [
        country_name(code, name)
        for code, name in zip(
            entities.loc[countries, "code"], entities.loc[countries, "name"], strict=True
        )
    ]
    entities.loc[~countries, "name"] = entities.loc[~countries, "name"].map(text)
    for column in ["un_region", "continent"]:  # names, also grouping keys: one word per name
        entities[column] = entities[column].map(text)
    # a publication keeps its title and publisher as published; the caveats written for it
    # are the dashboard's words
    sources = store.sources.assign(
        caveats=store.sources["caveats"].map(lambda caveats: [text(c) for c in caveats])
    )
    return replace(
        store,
        sources=sources,
        indicators=indicators,
        units=units,
        measures=measures,
        groups=groups,
        entities=entities,
    )


def country_name(alpha3: str, english: str) -> str:
    """A country's name in the current language (CLDR, through Babel), or its English name,
    marked, where the locale data has none."""
    alpha2 = _alpha2().get(alpha3)
    return (territory_name(alpha2) if alpha2 else None) or in_english(english)


@cache
def _alpha2() -> dict[str, str]:
    data = converter().data
    return dict(zip(data["ISO3"], data["ISO2"], strict=True))
