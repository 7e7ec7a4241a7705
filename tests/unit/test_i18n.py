"""Translations: the catalogues cover every string, keep every placeholder, and are used."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from atlas.i18n import LANGUAGES, LOCALE_DIR, _, format_number, format_share, language

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_catalogue_is_complete_and_keeps_placeholders(code: str) -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as template:
        wanted = {m.id for m in read_po(template) if m.id}
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=code)
    translated = {m.id: m for m in catalog if m.id and m.string and not m.fuzzy}
    assert sorted(wanted - translated.keys()) == [], "run `make messages` and translate"
    for message_id, message in translated.items():
        assert set(PLACEHOLDER.findall(str(message.string))) == set(
            PLACEHOLDER.findall(str(message_id))
        ), message_id


def test_the_language_in_use_translates_and_formats() -> None:
    with language("fr"):
        assert _("Exchanges") == "Échanges"
        assert format_number(1234.5).replace("\u202f", " ") == "1 234,5"
        assert format_share(0.54).replace("\xa0", " ").replace("\u202f", " ") == "54 %"
    with language("nl"):
        assert format_number(1234.5) == "1.234,5"
    assert _("Exchanges") == "Exchanges"
