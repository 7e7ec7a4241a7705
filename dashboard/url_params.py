"""The one shared definition of URL query parameters, used by every page.

A link from one page to another carries its filter: every page reads its state with `parse`
and writes links with `encode`. Values that do not fit a parameter's pattern are dropped, never
passed on; they reach SQL only as bound parameters anyway.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

from atlas.i18n import fallback_language, normalise_language
from warehouse.search import search_terms


@dataclass(frozen=True)
class Param:
    name: str  # the name in the URL
    attribute: str  # the ViewState field
    pattern: re.Pattern[str]
    multiple: bool
    max_length: int = 0  # longer values are cut to this, not refused (free text)


_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
_YEAR = re.compile(r"(19|20)\d\d")
_YES_NO = re.compile(r"yes|no")

PARAMS: tuple[Param, ...] = (
    Param("programme", "programmes", _CODE, multiple=True),
    Param("theme", "themes", _CODE, multiple=True),
    Param("country", "countries", re.compile(r"[A-Z]{2}"), multiple=True),
    Param("organisation", "organisations", _CODE, multiple=True),
    Param("modality", "modalities", _CODE, multiple=True),
    Param("region", "regions", re.compile(r"[a-z_]{2,30}"), multiple=True),
    Param("level", "levels", _CODE, multiple=True),
    Param("outcome_type", "outcome_types", _CODE, multiple=True),
    Param("substantiation", "substantiation", _CODE, multiple=True),
    Param("positive", "positive", _YES_NO, multiple=False),
    Param("intended", "intended", _YES_NO, multiple=False),
    Param("illustrative", "illustrative", _YES_NO, multiple=False),
    # free text, searched as words; never placed in SQL but as bound search terms
    Param("q", "q", re.compile(r"[^\x00-\x1f]+"), multiple=False, max_length=200),
    Param("year_from", "year_from", _YEAR, multiple=False),
    Param("year_to", "year_to", _YEAR, multiple=False),
    Param("measure", "measure", re.compile(r"[a-z_]{2,30}"), multiple=False),
    Param("zoom", "zoom", re.compile(r"[a-z_]{2,30}"), multiple=False),
    Param("present", "present", re.compile(r"1"), multiple=False),
    # the part of a page shown, where a page has several (`/programmes`: plans, compare)
    Param("section", "section", re.compile(r"[a-z_]{2,30}"), multiple=False),
    # a snapshot's label (`atlas snapshot`): figures as reported beside today's
    Param("snapshot", "snapshot", re.compile(r"[^\x00-\x1f]{1,80}"), multiple=False, max_length=80),
    Param("lang", "lang", re.compile(r"[a-z]{2}"), multiple=False),
    # presentation mode in two languages at once, e.g. lang=fr&lang2=nl at a joint meeting
    Param("lang2", "lang2", re.compile(r"[a-z]{2}"), multiple=False),
)


@dataclass(frozen=True)
class ViewState:
    """What a URL says about the view: data filters and the interface language."""

    programmes: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    outcome_types: tuple[str, ...] = ()
    substantiation: tuple[str, ...] = ()
    positive: str | None = None  # "yes" | "no" | None for both
    intended: str | None = None
    illustrative: str | None = None
    q: str | None = None  # free-text search
    year_from: int | None = None
    year_to: int | None = None
    measure: str | None = None  # the map's choropleth measure
    zoom: str | None = None  # the map's region in view
    present: str | None = None  # "1": presentation mode
    section: str | None = None  # the part of the page shown; None for its first
    snapshot: str | None = None  # the label of a snapshot to compare with
    lang: str = field(default="en")
    lang2: str | None = None

    def with_(self, **changes: Any) -> ViewState:
        return replace(self, **changes)

    def described(self) -> list[tuple[str, str]]:
        """The values set, as (field, value) pairs for the cover of an export."""
        return [
            (name, ", ".join(value) if isinstance(value, tuple) else str(value))
            for name, value in vars(self).items()
            if value not in ((), None, "") and name != "lang"
        ]

    def filters(self) -> dict[str, Any]:
        """The data filters as the parameters of the `filtered_exchanges` query fragment."""
        return {
            "programmes": list(self.programmes),
            "themes": list(self.themes),
            "modalities": list(self.modalities),
            "organisations": list(self.organisations),
            "regions": list(self.regions),
            "year_from": self.year_from,
            "year_to": self.year_to,
        }

    def outcome_filters(self) -> dict[str, Any]:
        """The parameters of the `filtered_outcomes` query fragment."""

        def flag(value: str | None) -> bool | None:
            return None if value is None else value == "yes"

        return {
            "programmes": list(self.programmes),
            "themes": list(self.themes),
            "levels": list(self.levels),
            "outcome_types": list(self.outcome_types),
            "substantiation": list(self.substantiation),
            "countries": list(self.countries),
            "organisations": list(self.organisations),
            "regions": list(self.regions),
            "positive": flag(self.positive),
            "intended": flag(self.intended),
            "illustrative": flag(self.illustrative),
            "terms": search_terms(self.q or ""),
            "year_from": self.year_from,
            "year_to": self.year_to,
        }


def _values(raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [str(v) for v in raw]
    return [str(raw)]


def parse(query: str | Mapping[str, object] | None) -> ViewState:
    """Read a ViewState from a query string ("?a=1&a=2") or from Dash's `layout(**query)` dict."""
    if isinstance(query, str):
        mapping: Mapping[str, object] = parse_qs(query.lstrip("?"), keep_blank_values=False)
    else:
        mapping = query or {}
    values: dict[str, Any] = {}
    for param in PARAMS:
        raw = _values(mapping.get(param.name))
        if param.max_length:
            raw = [v[: param.max_length] for v in raw]
        accepted = [v for v in raw if param.pattern.fullmatch(v)]
        if param.multiple:
            values[param.attribute] = tuple(dict.fromkeys(accepted))
        elif accepted:
            values[param.attribute] = accepted[0]
    if "year_from" in values:
        values["year_from"] = int(values["year_from"])
    if "year_to" in values:
        values["year_to"] = int(values["year_to"])
    values["lang"] = normalise_language(values.get("lang"))
    return ViewState(**values)


def encode(state: ViewState) -> str:
    """The query string for a ViewState, "" when it holds nothing but the language the request
    falls back to anyway (English, or the user's remembered or browser language)."""
    pairs: list[tuple[str, str]] = []
    for param in PARAMS:
        value = getattr(state, param.attribute)
        if param.multiple:
            pairs.extend((param.name, v) for v in value)
        elif value is not None and not (param.name == "lang" and value == fallback_language()):
            pairs.append((param.name, str(value)))
    return "?" + urlencode(pairs) if pairs else ""
