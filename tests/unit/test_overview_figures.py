"""Overview figures and choices, as pure functions: no browser, no warehouse."""

from __future__ import annotations

import polars as pl

from dashboard.defaults import choose_programme
from dashboard.figures.overview import outcomes_by_theme_figure, theme_comparison
from tests.figures import validated

BY_THEME = pl.DataFrame(
    {
        "programme_code": ["2017-2021", "2017-2021", "2022-2026", "2022-2026", "2022-2026"],
        "theme_code": ["gender", "rights", "gender_equality", "social_dialogue", "rights"],
        "theme_name": ["Gender", "Rights", "Gender equality", "Social dialogue", "Rights"],
        "canonical_theme": ["gender", "trade_union_rights", "gender", None, "trade_union_rights"],
        "outcomes": [4, 2, 3, 5, 0],
    }
)


def test_themes_compare_through_their_mapping() -> None:
    comparison = theme_comparison(BY_THEME, "2022-2026", "2017-2021")
    rows = {r["theme_code"]: r for r in comparison.iter_rows(named=True)}
    assert rows["gender_equality"]["previous"] == 4 and rows["gender_equality"]["comparable"]
    assert rows["rights"]["current"] == 0 and rows["rights"]["previous"] == 2


def test_a_theme_without_mapping_is_not_comparable() -> None:
    comparison = theme_comparison(BY_THEME, "2022-2026", "2017-2021")
    [row] = comparison.filter(pl.col("theme_code") == "social_dialogue").iter_rows(named=True)
    assert row["comparable"] is False and row["previous"] is None


def test_figure_names_uncomparable_themes_and_draws_both_programmes() -> None:
    comparison = theme_comparison(BY_THEME, "2022-2026", "2017-2021")
    figure = validated(outcomes_by_theme_figure(comparison, "2022-2026", "2017-2021"))
    assert [trace.name for trace in figure.data] == ["2017-2021", "2022-2026"]
    assert "Social dialogue (not comparable)" in figure.data[1].y
    assert list(figure.data[1].x) == [3, 0, 5]


def test_first_programme_has_a_single_series() -> None:
    comparison = theme_comparison(BY_THEME, "2017-2021", None)
    figure = validated(outcomes_by_theme_figure(comparison, "2017-2021", None))
    assert len(figure.data) == 1 and "Gender" in figure.data[0].y


def test_choose_programme_prefers_the_url_then_the_latest_with_data() -> None:
    programmes = pl.DataFrame(
        {
            "programme_code": ["2022-2026", "2017-2021", "2003-2011"],
            "has_data": [False, True, False],
        }
    )
    assert choose_programme(programmes, ("2003-2011",)) == "2003-2011"
    assert choose_programme(programmes, ("nope",)) == "2017-2021"
    assert choose_programme(programmes.head(0), ()) is None
