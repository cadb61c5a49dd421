"""The reader's language: which one is in use, its messages, and its way of writing numbers.

UI messages live in gettext catalogues under dashboard/locale (`make translations` extracts,
updates and compiles them with Babel). Numbers, percentages and plural forms follow Babel's
locale data; country names come from it too. Code marks a message with `_("...")` where it is
shown, or with `N_("...")` where it is defined at import time and translated later with `_()`.
Placeholders are named (`{country}`) and filled with `.format()` after translation, so a
translator may move them.

The language in use is a context variable: the app sets it per request (app/language.py), the
CLI per command, and everything below reads it with `current()`. Nothing here assumes a text
direction, a script or a word length: `direction()` says which way a language runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import NumberPattern, format_compact_decimal, parse_pattern
from babel.support import NullTranslations, Translations

DEFAULT = "en"
LANGUAGES = ("en", "de", "fr", "es")  # English first: the language of the published sources
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def current() -> str:
    return _current.get()


@contextmanager
def speaking(language: str | None) -> Iterator[str]:
    """Everything inside uses `language` (an unknown one means the default)."""
    token = _current.set(supported(language) or DEFAULT)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def use(language: str | None) -> object:
    """Set the language for the rest of this context (a request); returns the token to reset."""
    return _current.set(supported(language) or DEFAULT)


def reset(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]


def supported(language: str | None) -> str | None:
    """'de', 'de-AT' or 'DE' -> 'de'; None for a language the dashboard does not speak."""
    if not language:
        return None
    code = str(language).strip().replace("_", "-").split("-")[0].lower()
    return code if code in LANGUAGES else None


def native_name(language: str) -> str:
    """'Deutsch', 'français': a language's name in itself, as a switcher lists it."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def direction(language: str | None = None) -> str:
    """'ltr' or 'rtl', for the page's `dir` attribute."""
    return Locale.parse(language or current()).text_direction


@cache
def catalogue(language: str) -> NullTranslations:
    if language == DEFAULT:
        return NullTranslations()
    return Translations.load(str(LOCALE_DIR), [language], DOMAIN)


def _(message: str) -> str:
    """`message` in the current language (itself where no translation exists)."""
    return catalogue(current()).gettext(message) if message else message


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "mark, translate later")
    """Mark `message` for the catalogue without translating it now."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or a plural form, as the current language counts."""
    return catalogue(current()).ngettext(singular, plural, count)


# --- numbers --------------------------------------------------------------------------------


def decimal(value: float, pattern: str = "#,##0") -> str:
    """2,740,905 / 2.740.905 / 2 740 905: `value` written with the language's separators;
    `pattern` as Babel (CLDR) reads it, e.g. '#,##0.0' for one decimal. The float's exact
    value is rounded, as Python's own formatting does (0.165 -> 0.17, not 0.16)."""
    return _decimal(value, pattern, current())


# Babel's format_decimal, with the locale and the pattern read once rather than per number
# (half of its 120 us), and the texts kept: a map's hovers write some 440 numbers, the same
# ones for every reader of a year (about 5 MB per worker when full).
@lru_cache(maxsize=32768)
def _decimal(value: float, pattern: str, language: str) -> str:
    return _number_pattern(pattern).apply(Decimal(value), _locale(language))


@cache
def _number_pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def date_text(day: date | str) -> str:
    """2026-12-02 -> 'December 2, 2026' / '2. Dezember 2026' / '2 décembre 2026'; an ISO date
    given as text is read first ('' stays '')."""
    if isinstance(day, str):
        if not day:
            return day
        day = date.fromisoformat(day[:10])
    return format_date(day, format="long", locale=current())


def millions(value: float) -> str:
    """50,000,000 -> '50 million' / '50 Millionen' / '50 millions'."""
    return format_compact_decimal(value, format_type="long", locale=current())


# --- names from locale data -----------------------------------------------------------------


def territory_name(alpha2: str) -> str | None:
    """A country's name in the current language from Babel's locale data (CLDR), or None."""
    try:
        return Locale.parse(current()).territories.get(alpha2)
    except UnknownLocaleError:
        return None


def in_english(text: str) -> str:
    """An English text shown where a translation is missing, marked so a reader knows why."""
    if not text or current() == DEFAULT:
        return text
    marker = _("(English)")
    return f"{text} {marker}"
