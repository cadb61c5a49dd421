"""Indicator themes, compared in English. The context series (population, GDP, internet use)
are those of the theme "Context"; a store translated for a reader names its themes in the
reader's language and keeps the English names in `theme_en` (store/localised.py), so a
comparison with the names here holds in every language."""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

CONTEXT_THEMES = ("Context",)


def in_themes(indicators: pd.DataFrame, themes: Collection[str] = CONTEXT_THEMES) -> pd.Series:
    """Whether each indicator's theme is one of `themes` (English names), whichever language
    `indicators` is written in."""
    english = indicators["theme_en"] if "theme_en" in indicators.columns else indicators["theme"]
    return english.isin(list(themes))
