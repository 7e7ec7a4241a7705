"""Regenerate `countries.csv`: every ISO 3166 country with its region and a label point.

Run `python -m warehouse.reference.build_countries PATH/TO/ne_110m_admin_0_countries.geojson`.
Region codes (list `region` in `warehouse.codes`) follow the UN M49 scheme, read from Natural
Earth's `REGION_UN`/`SUBREGION`, with the Americas split as M49 does into Latin America and the
Caribbean and Northern America: so Haiti is in Latin America and the Caribbean, Belgium in
Europe and Morocco in Africa. Natural Earth v4.0 gives -99 as ISO_A2 for France and Norway, so
countries are matched on ISO_A2 first and ADM0_A3 second.
"""

from __future__ import annotations

import csv
import itertools
import json
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).with_name("countries.csv")
NORTHERN_AMERICA = "Northern America"


REGION_CODES = {
    "Africa": "africa",
    "Asia": "asia",
    "Europe": "europe",
    "Oceania": "oceania",
    "Antarctica": "antarctica",
    "Seven seas (open ocean)": "",
}


def region_of(region_un: str, subregion: str) -> str:
    """The code of the `region` code list (warehouse/codes.py) for a Natural Earth region."""
    if region_un == "Americas":
        return "northern_america" if subregion == NORTHERN_AMERICA else "latin_america_caribbean"
    return REGION_CODES[region_un]


def _ring_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    return abs(area), cx / (6 * area), cy / (6 * area)


def label_point(geometry: dict) -> tuple[float, float]:
    """Centroid of the largest polygon: mainland France, not its overseas parts."""
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    _area, lon, lat = max(_ring_area_centroid(polygon[0]) for polygon in polygons)
    return round(lat, 3), round(lon, 3)


def main(geojson_path: str) -> None:
    features = json.loads(Path(geojson_path).read_text(encoding="utf-8"))["features"]
    by_code: dict[str, dict] = {}
    for feature in features:
        props = feature["properties"]
        for code in (props["ISO_A2"], props["ADM0_A3"]):
            if code != "-99":
                by_code.setdefault(code, feature)
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "country_code",
                "alpha3",
                "name",
                "region",
                "subregion",
                "centroid_lat",
                "centroid_lon",
            ]
        )
        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            feature = by_code.get(country.alpha_2) or by_code.get(country.alpha_3)
            name = getattr(country, "common_name", country.name)
            if feature is None:
                writer.writerow([country.alpha_2, country.alpha_3, name, "", "", "", ""])
                continue
            props = feature["properties"]
            lat, lon = label_point(feature["geometry"])
            region = region_of(props["REGION_UN"], props["SUBREGION"])
            writer.writerow(
                [country.alpha_2, country.alpha_3, name, region, props["SUBREGION"], lat, lon]
            )


if __name__ == "__main__":
    main(sys.argv[1])
