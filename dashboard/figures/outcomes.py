"""Tables for the outcomes page, as pure functions of query results."""

from __future__ import annotations

import polars as pl

from atlas.i18n import _
from warehouse.codes import CODE_LISTS, label_of

NOT_COMPARABLE = "not comparable"


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
