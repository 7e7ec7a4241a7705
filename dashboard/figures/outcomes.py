"""Tables for the outcomes page, as pure functions of query results."""

from __future__ import annotations

import polars as pl

from atlas.i18n import _
from dashboard.figures import Figure, figure, trace
from dashboard.figures.overview import NOT_COMPARABLE
from dashboard.figures.palette import theme_colour
from warehouse.codes import CODE_LISTS, label_of


def theme_level_table(
    current: pl.DataFrame, previous: pl.DataFrame | None
) -> list[dict[str, str | int]]:
    """Rows of theme × level counts: `level: "n (previous)"`, or "not comparable" where the
    theme has no common counterpart. Frames come from the `outcomes_theme_level` query."""
    levels = [c.code for c in CODE_LISTS["outcome_level"]]
    if previous is not None and previous.height == 0:
        previous = None  # nothing recorded before: no comparison to show
    before = (
        {(r["theme"], r["level"]): r["outcomes"] for r in previous.iter_rows(named=True)}
        if previous is not None
        else {}
    )
    rows = []
    for theme in sorted(set(current["theme"])):
        part = current.filter(pl.col("theme") == theme)
        mapped = bool(part["mapped"].all())
        counts = {r["level"]: r["outcomes"] for r in part.iter_rows(named=True)}
        row: dict[str, str | int] = {"theme": _(label_of("canonical_theme", theme))}
        for level in levels:
            now = counts.get(level, 0)
            if previous is None:
                row[level] = str(now)
            elif not mapped:
                row[level] = f"{now} ({_(NOT_COMPARABLE)})"
            else:
                row[level] = f"{now} ({before.get((theme, level), 0)})"
        row["total"] = sum(counts.values())
        rows.append(row)
    return rows


def contribution_sankey(contributions: pl.DataFrame) -> Figure:
    """Exchange modality → theme → outcome level, from the `outcome_contributions` query."""
    modalities = sorted(set(contributions["modality"]))
    themes = sorted(set(contributions["theme"]))
    levels = [c.code for c in CODE_LISTS["outcome_level"] if c.code in set(contributions["level"])]
    labels = (
        [
            _(label_of("modality", m)) if m != "none" else _("No exchange recorded")
            for m in modalities
        ]
        + [_(label_of("canonical_theme", t)) for t in themes]
        + [_(label_of("outcome_level", lv)) for lv in levels]
    )
    index = {("m", m): i for i, m in enumerate(modalities)}
    index |= {("t", t): len(modalities) + i for i, t in enumerate(themes)}
    index |= {("l", lv): len(modalities) + len(themes) + i for i, lv in enumerate(levels)}
    first = contributions.group_by("modality", "theme").agg(pl.col("outcomes").sum())
    second = contributions.group_by("theme", "level").agg(pl.col("outcomes").sum())
    sources = [index[("m", m)] for m in first["modality"]] + [
        index[("t", t)] for t in second["theme"]
    ]
    targets = [index[("t", t)] for t in first["theme"]] + [
        index[("l", lv)] for lv in second["level"]
    ]
    values = [round(v, 2) for v in [*first["outcomes"], *second["outcomes"]]]
    colours = (
        ["#999999"] * len(modalities)
        + [theme_colour(t) for t in themes]
        + ["#555555"] * len(levels)
    )
    return figure(
        [
            trace(
                "sankey",
                node={"label": labels, "color": colours, "pad": 12, "thickness": 14},
                link={"source": sources, "target": targets, "value": values},
                valueformat=".1f",
            )
        ],
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        title={"text": _("From exchanges to outcomes"), "x": 0.01},
    )
