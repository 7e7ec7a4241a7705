"""Readable labels for organisations and countries that load back to their codes.

"CDT-MA · CDT (Morocco)" loads as CDT-MA; "Morocco (MA)" loads as MA, in whichever language the
workbook was written ("Maroc (MA)" too). Staff pick the labels from the workbook's drop-downs;
the loader takes the code they carry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

import pycountry

from atlas import i18n

SEPARATOR = " · "
_COUNTRY_LABEL = re.compile(r".*\(([A-Z]{2})\)\s*$")


def country_name(code: str) -> str:
    """The country's name in the current language (CLDR), English from ISO where CLDR has none."""
    name = i18n.country_name(code)
    if name != code:
        return name
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "common_name", None) or getattr(country, "name", code))


def country_label(code: str) -> str:
    return f"{country_name(code)} ({code})"


@cache
def country_labels(language: str) -> list[str]:
    """Every country's label in `language`, sorted (the current language must be `language`)."""
    return sorted(country_label(c.alpha_2) for c in pycountry.countries)


def code_in_country_label(value: str) -> str | None:
    match = _COUNTRY_LABEL.fullmatch(value)
    return match.group(1) if match else None


def organisation_label(organisation: Mapping[str, object]) -> str:
    country = str(organisation.get("country_code") or "")
    return (
        f"{organisation['org_code']}{SEPARATOR}{organisation.get('acronym', '')}"
        f" ({country_name(country) if country else '?'})"
    )
