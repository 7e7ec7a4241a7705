"""One gettext function `_()` for every user-visible string, with the language per request.

The language lives in a context variable, so each Dash callback (run in its own thread)
translates for the user who asked. Catalogues are `.po` files compiled in memory on first use,
so no binary `.mo` file is committed or built.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LANGUAGES: tuple[str, ...] = ("en", "fr", "nl", "es", "pt")
LANGUAGE_NAMES = {  # each in itself
    "en": "English",
    "fr": "Français",
    "nl": "Nederlands",
    "es": "Español",
    "pt": "Português",
}
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).with_name("locale")

_language: ContextVar[str] = ContextVar("atlas_language", default=DEFAULT_LANGUAGE)
# What a request falls back to when its URL names no language: the user's remembered choice or
# the browser's Accept-Language, set per request by the app.
_fallback: ContextVar[str] = ContextVar("atlas_fallback_language", default=DEFAULT_LANGUAGE)
# A second language shown beside the first (French and Dutch at a joint meeting).
_second: ContextVar[str | None] = ContextVar("atlas_second_language", default=None)


def normalise_language(value: str | None) -> str:
    """A supported language code, falling back to the request's default for anything else."""
    code = (value or "").strip().lower()[:2]
    return code if code in LANGUAGES else _fallback.get()


def fallback_language() -> str:
    return _fallback.get()


def set_fallback_language(code: str | None) -> None:
    """The language of this request when its URL names none (remembered or from the browser)."""
    _fallback.set(code if code in LANGUAGES else DEFAULT_LANGUAGE)


def second_language() -> str | None:
    return _second.get()


def set_second_language(code: str | None) -> None:
    """Show every string in a second language too, "Échanges / Uitwisselingen"; None to stop."""
    _second.set(code if code in LANGUAGES else None)


@cache
def translations(language: str) -> NullTranslations:
    po_path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def current_language() -> str:
    return _language.get()


def set_language(language: str | None) -> str:
    """Set the language for the rest of this context (one request or callback); a second
    language set before is dropped (threads serve one request after another)."""
    code = normalise_language(language)
    _language.set(code)
    _second.set(None)
    return code


@contextmanager
def language(code: str | None) -> Iterator[str]:
    token = _language.set(normalise_language(code))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def _(message: str) -> str:
    """Translate `message` into the current language (and the second one, when one is set)."""
    first = translations(current_language()).gettext(message)
    second = _second.get()
    if second is None or second == current_language():
        return first
    return f"{first} / {translations(second).gettext(message)}"


def N_(message: str) -> str:
    """Mark a module-level string for extraction; it is translated later by `_()` where shown."""
    return message


def country_name(code: str | None, language: str | None = None) -> str:
    """The country's name in the user's language, from CLDR (Babel), never typed by hand."""
    if not code:
        return "–"
    names = Locale.parse(language or current_language()).territories
    return str(names.get(code.upper(), code))


def format_day(value: date | None, language: str | None = None) -> str:
    """A date as the language writes it: 1 Mar 2016, 1 mars 2016, 1 mrt 2016."""
    if value is None:
        return "–"
    return format_date(value, format="medium", locale=language or current_language())


def format_number(value: float | int | None, language: str | None = None) -> str:
    """A count or amount in the user's locale: 1,234 in English, 1 234 in French, 1.234 in Dutch."""
    if value is None:
        return "–"
    return _decimal(value, language or current_language())


@lru_cache(maxsize=16384)
def _decimal(value: float | int, language: str) -> str:
    # Babel parses the locale and its pattern at every call (60 µs): a page of 100 plans
    # formats hundreds of the same small counts.
    return format_decimal(value, locale=language)


def format_share(value: float | None, language: str | None = None) -> str:
    if value is None:
        return "–"
    return _percent(value, language or current_language())


@lru_cache(maxsize=16384)
def _percent(value: float, language: str) -> str:
    return format_percent(value, locale=language)  # cached as `_decimal`, for the same reason
