"""Country names as staff and partners write them, normalised to ISO 3166 alpha-2 codes.

Names come from ISO (pycountry) and CLDR (Babel) in English, French, Spanish, Portuguese and
Dutch, plus the variants common in union paperwork. A name that means two countries ("Congo" is
Brazzaville in Spanish and usually Kinshasa in French speech) is refused as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pycountry
from babel import Locale

NAME_LANGUAGES = ("en", "fr", "es", "pt", "nl")
VARIANTS = {
    "rdc": "CD",
    "drc": "CD",
    "dr congo": "CD",
    "rd congo": "CD",
    "congo kinshasa": "CD",
    "democratic republic of congo": "CD",
    "republique democratique du congo": "CD",
    "congo brazzaville": "CG",
    "ivory coast": "CI",
    "cote divoire": "CI",
    "brasil": "BR",
    "usa": "US",
    "uk": "GB",
    "south korea": "KR",
    "holland": "NL",
    "belgie": "BE",
    "belgique": "BE",
}
# Names that partners use for more than one country: refused, with the candidates.
AMBIGUOUS = {"congo": frozenset({"CD", "CG"}), "guinea": frozenset({"GN", "GQ", "GW", "PG"})}


def normalise(text: str) -> str:
    """Lower case, no accents, apostrophes dropped, other punctuation as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"['’`]", "", plain)
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


@cache
def _names() -> dict[str, frozenset[str]]:
    names: dict[str, set[str]] = {}

    def add(name: str, code: str) -> None:
        names.setdefault(normalise(name), set()).add(code)

    codes = {c.alpha_2 for c in pycountry.countries}
    for country in pycountry.countries:
        add(country.alpha_2, country.alpha_2)
        add(country.alpha_3, country.alpha_2)
        for attribute in ("name", "common_name", "official_name"):
            if value := getattr(country, attribute, None):
                add(value, country.alpha_2)
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            if code in codes:
                add(name, code)
    for variant, code in VARIANTS.items():
        names[normalise(variant)] = {code}
    return {name: frozenset(found) for name, found in names.items()} | AMBIGUOUS


def resolve(text: str) -> tuple[str | None, list[str]]:
    """(alpha-2 code, []) when the name is known, (None, candidates) when it is ambiguous,
    (None, []) when unknown."""
    found = _names().get(normalise(text), frozenset())
    if len(found) == 1:
        return next(iter(found)), []
    return None, sorted(found)


def known_names() -> list[str]:
    return list(_names())
