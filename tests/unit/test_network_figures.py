"""Reciprocity and the network drawing, on a hand-made set of learning flows."""

from __future__ import annotations

import math

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboard.figures.network import (
    MAX_EDGES,
    arrow_width,
    balance,
    layout_positions,
    network_figure,
    overall_reciprocity,
    pair_reciprocity,
)
from tests.figures import validated


def flows(*rows: tuple[str, str, int]) -> pl.DataFrame:
    """(learner, host, participations) rows shaped like the `network_pairs` query."""
    return pl.DataFrame(
        [
            {
                "learner": learner,
                "learner_acronym": learner,
                "learner_country": "XX",
                "learner_region": "africa" if learner < "M" else "asia",
                "host": host,
                "host_acronym": host,
                "host_country": "XX",
                "host_region": "africa" if host < "M" else "asia",
                "exchanges": 1,
                "participations": participations,
            }
            for learner, host, participations in rows
        ]
    )


# A and B learned from each other (6 one way, 2 back); C only learned from A; D from B.
PAIRS = flows(("A", "B", 6), ("B", "A", 2), ("C", "A", 4), ("D", "B", 1), ("N", "A", 3))


def test_pair_reciprocity_is_the_smaller_flow_over_the_larger() -> None:
    table = pair_reciprocity(PAIRS)
    rows = {(r["a"], r["b"]): r for r in table.iter_rows(named=True)}
    assert rows[("A", "B")]["a_from_b"] == 6 and rows[("A", "B")]["b_from_a"] == 2
    assert rows[("A", "B")]["reciprocity"] == pytest.approx(2 / 6)
    assert rows[("A", "C")]["reciprocity"] == 0.0  # C learned from A, never the reverse
    assert table["a"][0] == "A" and table["b"][0] == "B"  # most reciprocal first
    assert table.height == 4


def test_balance_is_delegations_hosted_minus_visits_made() -> None:
    rows = {r["org_code"]: r for r in balance(PAIRS).iter_rows(named=True)}
    assert (rows["A"]["hosted"], rows["A"]["visited"], rows["A"]["balance"]) == (3, 1, 2)
    assert (rows["B"]["hosted"], rows["B"]["visited"], rows["B"]["balance"]) == (2, 1, 1)
    assert (rows["C"]["hosted"], rows["C"]["visited"], rows["C"]["balance"]) == (0, 1, -1)
    assert list(balance(PAIRS)["org_code"]) == ["A", "B", "C", "D", "N"]  # largest balance first
    assert balance(PAIRS.head(0)).columns == list(rows["A"])


def test_overall_reciprocity_counts_flows_whose_reverse_exists() -> None:
    # 5 directed flows; A→B and B→A each have their reverse.
    assert overall_reciprocity(PAIRS) == pytest.approx(2 / 5)
    assert overall_reciprocity(PAIRS.head(0)) is None


def test_the_layout_is_stable_and_places_every_organisation() -> None:
    first, second = layout_positions(PAIRS), layout_positions(PAIRS)
    assert first == second
    assert set(first) == {"A", "B", "C", "D", "N"}


Arrow = tuple[str, float, tuple[float, float], tuple[float, float]]


def _arrows(figure: go.Figure) -> dict[str, Arrow]:
    """Per drawn pair "learner>host": its line's colour and width, its start and its end,
    having checked that its head sits at its end."""
    drawn: dict[tuple[float, float], Arrow] = {}
    for line in (t for t in figure.data if t.meta["role"] == "arrows"):
        for i in range(0, len(line.x), 3):
            drawn[(line.x[i], line.y[i])] = (
                line.line.color,
                line.line.width,
                (line.x[i], line.y[i]),
                (line.x[i + 1], line.y[i + 1]),
            )
    flows = next(t for t in figure.data if t.meta["role"] == "flows")
    heads = next(t for t in figure.data if t.meta["role"] == "arrowheads")
    by_pair = {}
    for n, pair in enumerate(flows.customdata):
        start = (heads.x[3 * n], heads.y[3 * n])
        assert (heads.x[3 * n + 1], heads.y[3 * n + 1]) == drawn[start][3]
        assert heads.marker.size[3 * n] == 0 < heads.marker.size[3 * n + 1]
        by_pair[pair] = drawn[start]
    return by_pair


def test_arrows_point_to_the_host_and_two_way_flows_stand_out() -> None:
    figure = validated(network_figure(PAIRS))
    positions = layout_positions(PAIRS)
    arrows = _arrows(figure)
    assert len(arrows) == len(PAIRS)
    a_to_b, c_to_a = arrows["A>B"], arrows["C>A"]
    # each runs from near the learner to near the host, stopping short of both nodes
    for (learner, host), (_, _, start, end) in [(("A", "B"), a_to_b), (("C", "A"), c_to_a)]:
        span = math.dist(positions[learner], positions[host])
        assert 0 < math.dist(start, positions[learner]) < 0.1 * span
        assert 0 < math.dist(end, positions[host]) < 0.1 * span
    assert a_to_b[0] != c_to_a[0]  # B also learned from A; nobody went back to C
    assert a_to_b[1] > c_to_a[1]  # 6 participations against 4
    organisations = [t for t in figure.data if t.meta["role"] == "organisations"]
    assert [t.name for t in organisations] == ["Africa", "Asia"]  # nodes coloured by region
    assert not figure.layout.annotations  # arrows are traces: see network_figure


def test_only_the_heaviest_flows_are_drawn() -> None:
    many = flows(*[(f"L{i:03d}", f"H{i:03d}", i + 1) for i in range(MAX_EDGES + 20)])
    figure = validated(network_figure(many))
    arrows = _arrows(figure)
    assert len(arrows) == MAX_EDGES
    assert "L000>H000" not in arrows and "L169>H169" in arrows
    assert min(width for _, width, _, _ in arrows.values()) >= arrow_width(21, MAX_EDGES + 20)
    assert "150 heaviest of 170" in figure.layout.annotations[0].text


def test_coordinates_are_sent_to_a_tenth_of_a_pixel() -> None:
    many = flows(*[(f"L{i:03d}", f"H{i % 7}", i + 1) for i in range(60)])
    figure = network_figure(many)
    numbers = [
        v for t in figure["data"] for axis in ("x", "y") for v in t.get(axis, []) if v is not None
    ]
    assert len(numbers) > 200
    assert all(round(v, 4) == v for v in numbers)
