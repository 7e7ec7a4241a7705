"""Translations: the catalogues cover every string, keep every placeholder, and are used."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest
from babel.messages.pofile import read_po

from atlas.i18n import (
    LANGUAGES,
    LOCALE_DIR,
    _,
    country_name,
    format_day,
    format_number,
    format_share,
    language,
)

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


# Names and codes that read the same in every language.
SAME_EVERYWHERE = {
    "CSV",
    "Excel",
    "PDF",
    "SVG",
    "IATI",
    "DGD",
    "HTML",
    "PNG",
    "Kobo",
    "Solidarity Atlas",
    "English",
    "Français",
    "Nederlands",
    "Español",
    "Português",
}


def glossary() -> list[dict[str, str]]:
    with (LOCALE_DIR / "glossary.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def catalogue(code: str) -> dict[str, str]:
    with (LOCALE_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return {str(m.id): str(m.string) for m in read_po(po, locale=code) if m.id and m.string}


# Words spelled the same in English and the language, checked one by one.
COGNATES = {
    "fr": {
        "Budget",
        "Europe",
        "Expert",
        "Ordinal",
        "Organisation",
        "Organisation.",
        "Organisations",
        "Participations",
        "Programme",
        "Programme.",
        "Programmes",
        "Public",
        "Service",
        "Source",
        "Sources",
        "Total",
        "Type",
        "Type.",
    },
    "nl": {
        "Antarctica",
        "Budget",
        "Detail",
        "Expert",
        "Facilitator",
        "Filter",
        "Filters",
        "Gender",
        "Indicator",
        "Indicator.",
        "Partner",
        "Percentage",
        "Type",
        "Type.",
    },
    "es": {"Asia"},
    "pt": {"Asia"},
}


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_translations_differ_from_english_outside_names(code: str) -> None:
    same = sorted(
        message_id
        for message_id, text in catalogue(code).items()
        if text == message_id
        and message_id not in SAME_EVERYWHERE | COGNATES.get(code, set())
        and not re.fullmatch(r"[\W\d_{}a-z.%-]*", message_id)  # placeholders and codes only
    )
    assert same == []


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_glossary_terms_are_translated_as_the_glossary_says(code: str) -> None:
    wrong = []
    for entry in glossary():
        english = re.compile(r"\b(" + entry["english"] + r")\b", re.IGNORECASE)
        accepted = [term.lower() for term in entry[code].split("|")]
        for message_id, text in catalogue(code).items():
            if english.search(message_id) and not any(t in text.lower() for t in accepted):
                wrong.append(f"{entry['english']}: {message_id!r} -> {text!r}")
    assert wrong == []


def test_dates_and_country_names_follow_the_language() -> None:
    day = date(2016, 3, 1)
    assert format_day(day, "en") == "Mar 1, 2016"
    assert format_day(day, "fr") == "1 mars 2016"
    assert format_day(day, "nl") == "1 mrt 2016"
    assert [country_name("BE", code) for code in ("en", "fr", "nl")] == [
        "Belgium",
        "Belgique",
        "België",
    ]
