"""Colours shared by every figure."""

from __future__ import annotations

# Okabe-Ito: distinguishable with the common colour-vision deficiencies and on a projector.
THEME_COLOURS = {
    "gender": "#CC79A7",
    "informal_economy": "#E69F00",
    "domestic_work": "#56B4E9",
    "trade_union_rights": "#D55E00",
    "environment_climate": "#009E73",
}
OTHER_THEME_COLOUR = "#0072B2"  # themes with no common counterpart


def theme_colour(theme: str | None) -> str:
    return THEME_COLOURS.get(theme or "", OTHER_THEME_COLOUR)


# Okabe-Ito again, for the organisations' regions in the learning network.
REGION_COLOURS = {
    "africa": "#009E73",
    "asia": "#CC79A7",
    "latin_america_caribbean": "#D55E00",
    "europe": "#0072B2",
    "northern_america": "#56B4E9",
    "oceania": "#F0E442",
}
