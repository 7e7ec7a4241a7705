"""The practice finder's ranking: which other organisations' practices best fit a challenge.

One definition, stated in four factors that the page explains one sentence each, so the ranking
is never a black box. Every factor is a number between 0 and 1, weighed as `WEIGHTS` says:

- evidence: positive outcomes on the theme that were substantiated (partly substantiated ones
  count half), claimed by the organisation or that followed an exchange it hosted, with
  diminishing returns (n outcomes give n / (n + 1)), so many weak claims never beat a few
  verified ones and unsubstantiated or negative outcomes add nothing;
- practice shown: exchanges on the theme the organisation hosted, again n / (n + 1);
- words: the share of the challenge's words found in the positive outcomes and hosted
  exchanges, rarer words weighing more
  (a word in few outcomes tells more than one in many);
- region: 1 when the organisation works in the asking organisation's region. A minor factor:
  the evaluation found learning across continents.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

WEIGHTS = {"evidence": 3.0, "practice": 1.0, "words": 2.0, "region": 0.5}


@dataclass(frozen=True)
class Suggestion:
    org_code: str
    score: float
    factors: dict[str, float]  # each factor's value in [0, 1], before its weight
    matched_terms: tuple[str, ...]


def diminishing(n: float) -> float:
    return n / (n + 1)


def term_weights(rarity: pl.DataFrame, terms: list[str]) -> dict[str, float]:
    """Inverse document frequency of each challenge word over the outcomes; a word no outcome
    holds weighs most."""
    outcomes = int(rarity["outcomes"][0]) if rarity.height else 0
    holding = dict(zip(rarity["term"], rarity["outcomes_with_term"], strict=True))
    return {t: math.log((outcomes + 1) / (holding.get(t, 0) + 1)) + 1 for t in terms}


def rank(candidates: pl.DataFrame, weights: Mapping[str, float]) -> list[Suggestion]:
    """Candidates from the `practice_candidates` query, best first (ties by code).

    `weights` maps each challenge word to its weight (`term_weights`); no words, no word factor.
    """
    total_weight = sum(weights.values())
    suggestions = []
    for row in candidates.iter_rows(named=True):
        matched = tuple(t for t in row["matched_terms"] if t in weights)
        factors = {
            "evidence": diminishing(row["substantiated"] + 0.5 * row["partly_substantiated"]),
            "practice": diminishing(row["hosted"]),
            "words": sum(weights[t] for t in matched) / total_weight if total_weight else 0.0,
            "region": 1.0 if row["same_region"] else 0.0,
        }
        score = sum(WEIGHTS[name] * value for name, value in factors.items())
        suggestions.append(Suggestion(row["org_code"], score, factors, matched))
    return sorted(suggestions, key=lambda s: (-s.score, s.org_code))
