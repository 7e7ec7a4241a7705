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
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import NullTranslations, Translations

LANGUAGES: tuple[str, ...] = ("en", "fr", "nl")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).with_name("locale")

_language: ContextVar[str] = ContextVar("atlas_language", default=DEFAULT_LANGUAGE)


def normalise_language(value: str | None) -> str:
    """A supported language code, falling back to English for anything unknown."""
    code = (value or "").strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


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
    """Set the language for the rest of this context (one request or callback)."""
    code = normalise_language(language)
    _language.set(code)
    return code


@contextmanager
def language(code: str | None) -> Iterator[str]:
    token = _language.set(normalise_language(code))
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return translations(current_language()).gettext(message)


def N_(message: str) -> str:
    """Mark a module-level string for extraction; it is translated later by `_()` where shown."""
    return message


def format_number(value: float | int | None, language: str | None = None) -> str:
    """A count or amount in the user's locale: 1,234 in English, 1 234 in French, 1.234 in Dutch."""
    if value is None:
        return "–"
    return format_decimal(value, locale=language or current_language())


def format_share(value: float | None, language: str | None = None) -> str:
    if value is None:
        return "–"
    return format_percent(value, locale=language or current_language())
