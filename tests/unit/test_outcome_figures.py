"""Outcome tables and the contribution Sankey, as pure functions."""

from __future__ import annotations

import polars as pl

from dashboard.figures.outcomes import contribution_sankey, theme_level_table
from tests.figures import validated

CONTRIBUTIONS = pl.DataFrame(
    {
        "modality": ["partner_visit", "expert_mission", "partner_visit", "none"],
        "theme": ["gender", "gender", "domestic_work", "gender"],
        "level": ["policy", "policy", "institutional", "service_delivery"],
        "outcomes": [1.5, 0.5, 1.0, 1.0],
        "shared_outcomes": [1, 1, 0, 0],
    }
)


def test_sankey_carries_each_outcome_once_through_every_stage() -> None:
    sankey = validated(contribution_sankey(CONTRIBUTIONS)).data[0]
    labels = list(sankey.node.label)
    into_levels = sum(
        v
        for t, v in zip(sankey.link.target, sankey.link.value, strict=True)
        if labels[t] in ("Policy", "Institutional", "Service delivery")
    )
    out_of_modalities = sum(
        v
        for s, v in zip(sankey.link.source, sankey.link.value, strict=True)
        if labels[s] in ("Partner-to-partner visit", "Expert mission", "No exchange recorded")
    )
    assert into_levels == out_of_modalities == 4.0


def test_counts_say_not_comparable_for_unmapped_themes() -> None:
    current = pl.DataFrame(
        {
            "theme": ["gender", "social_dialogue"],
            "mapped": [True, False],
            "level": ["policy", "policy"],
            "outcomes": [3, 2],
        }
    )
    previous = pl.DataFrame(
        {"theme": ["gender"], "mapped": [True], "level": ["policy"], "outcomes": [1]}
    )
    rows = {r["theme"]: r for r in theme_level_table(current, previous)}
    assert rows["Gender"]["policy"] == "3 (1)"
    assert rows["social_dialogue"]["policy"] == "2 (not comparable)"
    assert rows["Gender"]["total"] == 3


def test_counts_without_previous_records_show_plain_numbers() -> None:
    current = pl.DataFrame(
        {"theme": ["gender"], "mapped": [True], "level": ["policy"], "outcomes": [3]}
    )
    empty = current.head(0)
    assert theme_level_table(current, empty)[0]["policy"] == "3"
