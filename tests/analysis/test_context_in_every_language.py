"""Context series (population, GDP, internet use) are left out of gaps, coverage, country
profiles and the factors' indicator list in every language, not only in English: a store
translated for a reader names the theme "Kontext", "Contexte" or "Contexto"
(analysis/themes.py, store/localised.py)."""

from __future__ import annotations

import pytest

from dashboard.analysis.comparison import country_codes
from dashboard.analysis.gaps import coverage_by_country, indicator_gaps
from dashboard.analysis.profile import profile_table
from dashboard.app import create_app
from dashboard.app.pages.factors.state import indicator_years
from dashboard.app.pages.gaps.view import gap_tables
from dashboard.language import speaking
from dashboard.store.localised import in_language

CONTEXT = {"population_total", "gdp_per_capita_const_usd", "internet_users_pct"}
LANGUAGES = ["de", "fr", "es"]


def theme_of(store, indicator: str) -> str:
    return str(store.indicators.set_index("id").loc[indicator, "theme"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_gaps_and_coverage_leave_context_out_in_every_language(shipped_store, language):
    translated = in_language(shipped_store, language)
    assert theme_of(translated, "population_total") != "Context"  # the premise: translated
    codes = country_codes(shipped_store.entities)
    english = indicator_gaps(shipped_store.observations, shipped_store.indicators, codes, ["PHL"])
    gaps = indicator_gaps(translated.observations, translated.indicators, codes, ["PHL"])
    assert not CONTEXT & set(gaps["indicator"])
    assert sorted(gaps["indicator"]) == sorted(english["indicator"])
    covered = coverage_by_country(translated.observations, translated.indicators, codes)
    expected = coverage_by_country(shipped_store.observations, shipped_store.indicators, codes)
    assert covered.equals(expected)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_profile_leaves_context_out_in_every_language(shipped_store, language):
    translated = in_language(shipped_store, language)
    codes = country_codes(shipped_store.entities)
    english = profile_table(shipped_store.observations, shipped_store.indicators, codes, "PHL")
    table = profile_table(translated.observations, translated.indicators, codes, "PHL")
    assert not CONTEXT & set(table["indicator"])
    assert sorted(table["indicator"]) == sorted(english["indicator"])


def test_the_pages_leave_context_out_in_german(shipped_store):
    app = create_app(shipped_store)
    with app.server.test_request_context("/"):
        rows, _spans = gap_tables()
        years = indicator_years()
    with app.server.test_request_context("/"), speaking("de"):
        german_rows, _spans = gap_tables()
        german_years = indicator_years()
    # 5,578 indicator-country-years in English on the shipped data; 40,487 in German before
    assert len(german_rows) == len(rows)
    assert not CONTEXT & set(german_rows["indicator"])
    assert german_years == years and not CONTEXT & set(german_years)
