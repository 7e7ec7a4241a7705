"""The programme comparison's figures, built without a browser from hand-made query results."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.figures.programmes import (
    COMPARISON_ROWS,
    comparison_table,
    methods_figure,
    participation_by_sex_figure,
    theme_multiples,
)
from tests.figures import validated

MIX = pl.DataFrame(
    {
        "programme_code": ["P1", "P1", "P2", "P1", "P2", "P2"],
        "dimension": [
            "modality",
            "modality",
            "modality",
            "outcome_theme_level",
            "outcome_theme_level",
            "outcome_theme",
        ],
        "code": [
            "partner_visit",
            "expert_mission",
            "partner_visit",
            "gender/policy",
            "gender/policy",
            None,
        ],
        "value": [3, 1, 2, 4, 5, 7],
    }
)


def test_methods_are_shares_of_each_programmes_exchanges() -> None:
    figure = validated(methods_figure(MIX))
    shares = {(t.name, y): x for t in figure.data for y, x in zip(t.y, t.x, strict=True)}
    assert shares[("Partner-to-partner visit", "P1")] == pytest.approx(0.75)
    assert shares[("Expert mission", "P1")] == pytest.approx(0.25)
    assert shares[("Partner-to-partner visit", "P2")] == pytest.approx(1.0)


def test_small_multiples_count_mapped_themes_and_name_the_unmapped() -> None:
    figure = validated(theme_multiples(MIX))
    policy_gender = next(t for t in figure.data if t.name == "Policy" and t.xaxis == "x")
    assert list(policy_gender.y) == [4, 5]
    notes = [a.text for a in figure.layout.annotations if a.name == "not-comparable"]
    assert notes == ["not comparable (theme without a common counterpart): P2: 7"]


def test_comparison_rows_format_shares_and_missing_values() -> None:
    figures = pl.DataFrame(
        {
            "programme_code": ["P1", "P2"],
            **{name: [None, None] for name, _label, _kind in COMPARISON_ROWS},
            "mixed_delegation_share": [0.5, None],
        }
    )
    programmes, rows = comparison_table(figures)
    assert programmes == ["P1", "P2"]
    mixed = next(values for name, _, values in rows if name == "mixed_delegation_share")
    assert mixed == ["50%", "–"]


def test_participations_split_by_sex() -> None:
    by_year = pl.DataFrame(
        {"year": [2013], "participations": [10], "women": [3], "sex_recorded": [8]}
    )
    figure = validated(participation_by_sex_figure(by_year))
    assert [list(t.y) for t in figure.data] == [[3], [5], [2]]
    assert list(figure.data[0].text) == ["38%"]
