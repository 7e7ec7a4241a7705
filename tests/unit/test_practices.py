"""The practice finder's ranking definition, on hand-computed candidates."""

from __future__ import annotations

import math

import polars as pl
import pytest

from warehouse.practices import WEIGHTS, rank, term_weights


def candidates(*rows: dict[str, object]) -> pl.DataFrame:
    base = {
        "substantiated": 0,
        "partly_substantiated": 0,
        "unsubstantiated": 0,
        "negative": 0,
        "hosted": 0,
        "same_region": False,
        "matched_terms": [],
    }
    return pl.DataFrame([{**base, **row} for row in rows])


def test_each_factor_as_the_page_states_it() -> None:
    frame = candidates(
        {
            "org_code": "A",
            "substantiated": 1,
            "partly_substantiated": 2,  # 1 + 0.5 × 2 = 2 outcomes: 2/3
            "hosted": 3,  # 3/4
            "same_region": True,
            "matched_terms": ["market"],  # weight 1 of 1 + 3
        }
    )
    [only] = rank(frame, {"market": 1.0, "vendors": 3.0})
    assert only.factors == pytest.approx(
        {"evidence": 2 / 3, "practice": 3 / 4, "words": 1 / 4, "region": 1.0}
    )
    assert only.score == pytest.approx(3 * 2 / 3 + 1 * 3 / 4 + 2 * 1 / 4 + 0.5 * 1)
    assert WEIGHTS == {"evidence": 3.0, "practice": 1.0, "words": 2.0, "region": 0.5}


def test_verified_outcomes_beat_many_unverified_and_negative_ones() -> None:
    frame = candidates(
        {"org_code": "VERIFIED", "substantiated": 2, "matched_terms": ["vendors"]},
        {"org_code": "MANY-CLAIMS", "unsubstantiated": 40, "hosted": 1, "same_region": True},
        {"org_code": "NEGATIVE", "negative": 5, "same_region": True},
    )
    ranked = rank(frame, {"vendors": 1.0})
    # 3 × 2/3 + 2 × 1 = 4; 1 × 1/2 + 0.5 × 1 = 1; 0.5 × 1 = 0.5
    assert [(s.org_code, round(s.score, 6)) for s in ranked] == [
        ("VERIFIED", 4.0),
        ("MANY-CLAIMS", 1.0),
        ("NEGATIVE", 0.5),
    ]


def test_ties_break_by_code_and_no_words_means_no_word_factor() -> None:
    ranked = rank(candidates({"org_code": "B", "hosted": 1}, {"org_code": "A", "hosted": 1}), {})
    assert [s.org_code for s in ranked] == ["A", "B"]
    assert ranked[0].factors["words"] == 0.0


def test_rare_words_weigh_more() -> None:
    rarity = pl.DataFrame(
        {"outcomes": [9, 9], "term": ["workers", "vendors"], "outcomes_with_term": [9, 1]}
    )
    weights = term_weights(rarity, ["workers", "vendors", "unheard"])
    assert weights == pytest.approx(
        {
            "workers": math.log(10 / 10) + 1,
            "vendors": math.log(10 / 2) + 1,
            "unheard": math.log(10 / 1) + 1,
        }
    )
