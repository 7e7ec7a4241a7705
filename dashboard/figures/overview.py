"""Figures and comparisons for the overview page."""

from __future__ import annotations

import polars as pl

from atlas.i18n import N_, _
from dashboard.figures import Figure, figure, trace
from warehouse.codes import label_of

NOT_COMPARABLE = N_("not comparable")


def theme_comparison(by_theme: pl.DataFrame, programme: str, previous: str | None) -> pl.DataFrame:
    """Outcomes per theme of `programme` beside `previous`, through the common-theme mapping.

    Returns theme (label), current (int) and previous (int, or null) with `comparable` false
    where the theme has no mapping to a common theme, or the previous programme none for it.
    """
    current = by_theme.filter(pl.col("programme_code") == programme)
    before = by_theme.filter(pl.col("programme_code") == (previous or ""))
    previous_by_canonical = {
        row["canonical_theme"]: row["outcomes"]
        for row in before.group_by("canonical_theme")
        .agg(pl.col("outcomes").sum())
        .iter_rows(named=True)
        if row["canonical_theme"] is not None
    }
    rows = []
    for row in current.sort("theme_code").iter_rows(named=True):
        canonical = row["canonical_theme"]
        comparable = canonical is not None and canonical in previous_by_canonical
        rows.append(
            {
                "theme_code": row["theme_code"],
                "theme": row["theme_name"],
                "current": row["outcomes"],
                "previous": previous_by_canonical.get(canonical) if comparable else None,
                "comparable": comparable,
            }
        )
    schema = {
        "theme_code": pl.Utf8,
        "theme": pl.Utf8,
        "current": pl.Int64,
        "previous": pl.Int64,
        "comparable": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema)


def outcomes_by_theme_figure(
    comparison: pl.DataFrame, programme: str, previous: str | None
) -> Figure:
    """Grouped horizontal bars; themes with no comparison are named so on the axis."""
    labels = [
        theme if comparable or previous is None else f"{theme} ({_(NOT_COMPARABLE)})"
        for theme, comparable in zip(comparison["theme"], comparison["comparable"], strict=True)
    ]
    bars = [(previous, "previous", "#adb5bd")] if previous is not None else []
    bars.append((programme, "current", "#0d6efd"))
    return figure(
        [
            trace(
                "bar",
                name=name,
                y=labels,
                x=comparison[column].to_list(),
                orientation="h",
                marker={"color": colour},
            )
            for name, column, colour in bars
        ],
        barmode="group",
        title={"text": _("Outcomes by theme, each counted once")},
        xaxis={"title": {"text": _("outcomes")}},
        yaxis={"autorange": "reversed"},
        legend={"title": {"text": _("Programme")}},
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        height=360,
    )


def code_label(list_name: str, code: str) -> str:
    return _(label_of(list_name, code))
