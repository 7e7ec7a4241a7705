"""The map's figure functions, without a browser."""

from __future__ import annotations

import itertools
from datetime import date

import polars as pl

from dashboard.figures.map import arc, flow_traces, map_figure, theme_colour, width_of
from tests.figures import validated, validated_traces, values

FLOWS = pl.DataFrame(
    {
        "from_country": ["NE", "MA", "BR"],
        "to_country": ["MA", "NE", "MA"],
        "kind": ["visit", "visit", "seminar"],
        "exchanges": [2, 1, 1],
        "participations": [14, 6, 2],
        "women": [6, 3, None],
        "organisations": [["CNT"], ["CDT"], ["UGT"]],
        "themes": [["gender"], ["gender"], ["social_dialogue"]],
        "first_date": [date(2013, 10, 7)] * 3,
        "last_date": [date(2014, 10, 7)] * 3,
        "main_theme": ["gender", "gender", "social_dialogue"],
        "from_lat": [17.3, 29.9, -10.8],
        "from_lon": [9.3, -8.4, -53.1],
        "to_lat": [29.9, 17.3, 29.9],
        "to_lon": [-8.4, 9.3, -8.4],
    }
)
COUNTRIES = pl.DataFrame(
    {
        "country_code": ["NE", "MA", "BR"],
        "alpha3": ["NER", "MAR", "BRA"],
        "name": ["Niger", "Morocco", "Brazil"],
        "exchanges_hosted": [0, 3, 0],
        "participations_sent": [14, 6, 2],
        "participations_received": [6, 16, 0],
        "outcomes": [4, 1, 0],
        "partner_organisations": [1, 1, 1],
        "organisations": [["CNT"], ["CDT"], ["UGT"]],
    }
)


def test_arc_runs_from_origin_to_host() -> None:
    path = arc((17.3, 9.3), (29.9, -8.4))
    assert path[0] == (17.3, 9.3)
    assert abs(path[-1][0] - 29.9) < 1e-6 and abs(path[-1][1] + 8.4) < 1e-6


def test_both_directions_of_a_pair_bend_apart() -> None:
    there = arc((17.3, 9.3), (29.9, -8.4))
    back = arc((29.9, -8.4), (17.3, 9.3))
    middle_there, middle_back = there[len(there) // 2], back[len(back) // 2]
    assert abs(middle_there[0] - middle_back[0]) + abs(middle_there[1] - middle_back[1]) > 1


def test_arc_never_jumps_across_the_map_edge() -> None:
    path = arc((3.9, -73.1), (12.7, 104.9))  # Colombia to Cambodia
    assert all(abs(q[1] - p[1]) < 90 for p, q in itertools.pairwise(path))
    assert all(abs(lat) < 70 for lat, _ in path)


def test_one_arc_per_pair_and_kind_in_few_traces() -> None:
    traces = validated_traces(flow_traces(FLOWS, {"NE": "Niger", "MA": "Morocco", "BR": "Brazil"}))
    [hover] = [t for t in traces if t.meta["role"] == "flows"]
    assert sorted(hover.customdata) == ["BR>MA", "MA>NE", "NE>MA"]
    arcs = [t for t in traces if t.meta["role"] == "arcs"]
    assert len(arcs) <= 3 and sum(values(t.lat).count(None) for t in arcs) == 3
    # the arcs' points as sent (float32), each arc followed by its break
    sent = set()
    for t in arcs:
        lat, lon = values(t.lat), values(t.lon)
        assert len(lat) == len(lon) and lat[-1] is None
        points = list(zip(lat, lon, strict=True))
        while points:
            end = points.index((None, None))
            sent.add(tuple((round(a, 3), round(b, 3)) for a, b in points[:end]))  # type: ignore[arg-type]
            points = points[end + 1 :]
    expected = {
        tuple(
            (round(a, 3), round(b, 3))
            for a, b in arc((r["from_lat"], r["from_lon"]), (r["to_lat"], r["to_lon"]))
        )
        for r in FLOWS.iter_rows(named=True)
    }
    assert sent == expected
    heads = [t for t in traces if t.meta["role"] == "arrowheads"]
    assert len(heads) == 1 and list(heads[0].marker.size).count(11) == 3


def test_widths_and_colours() -> None:
    assert width_of(2) < width_of(10) < width_of(40)
    assert theme_colour("gender") != theme_colour("social_dialogue")


def test_map_figure_shades_the_measure_and_says_its_source() -> None:
    figure = validated(
        map_figure(COUNTRIES, FLOWS, "participations_received", "africa", "Title", "Source")
    )
    [choropleth] = [t for t in figure.data if t.type == "choropleth"]
    assert list(choropleth.locations) == ["NER", "MAR", "BRA"]
    assert list(choropleth.z) == [6, 16, 0]
    assert figure.layout.annotations[0].text == "Source"
    assert tuple(figure.layout.geo.lonaxis.range) == (-25.0, 55.0)
