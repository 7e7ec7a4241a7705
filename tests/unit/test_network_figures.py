"""Reciprocity and the network drawing, on a hand-made set of learning flows."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.figures.network import (
    MAX_EDGES,
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


def test_overall_reciprocity_counts_flows_whose_reverse_exists() -> None:
    # 5 directed flows; A→B and B→A each have their reverse.
    assert overall_reciprocity(PAIRS) == pytest.approx(2 / 5)
    assert overall_reciprocity(PAIRS.head(0)) is None


def test_the_layout_is_stable_and_places_every_organisation() -> None:
    first, second = layout_positions(PAIRS), layout_positions(PAIRS)
    assert first == second
    assert set(first) == {"A", "B", "C", "D", "N"}


def test_arrows_point_to_the_host_and_two_way_flows_stand_out() -> None:
    figure = validated(network_figure(PAIRS))
    positions = layout_positions(PAIRS)
    arrows = {(a.ax, a.ay, a.x, a.y): a for a in figure.layout.annotations}
    a_to_b = arrows[(*positions["A"], *positions["B"])]
    c_to_a = arrows[(*positions["C"], *positions["A"])]
    assert a_to_b.arrowcolor != c_to_a.arrowcolor
    assert a_to_b.arrowwidth > c_to_a.arrowwidth  # 6 participations against 4
    assert [t.name for t in figure.data] == ["Africa", "Asia"]  # nodes coloured by region


def test_only_the_heaviest_flows_are_drawn() -> None:
    many = flows(*[(f"L{i:03d}", f"H{i:03d}", i + 1) for i in range(MAX_EDGES + 20)])
    figure = validated(network_figure(many))
    drawn = [a for a in figure.layout.annotations if a.showarrow]
    assert len(drawn) == MAX_EDGES
    assert min(a.arrowwidth for a in drawn) > 1 + 5 * 20 / (MAX_EDGES + 20)
