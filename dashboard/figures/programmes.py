"""The results framework and the innovation plans pipeline, as pure functions."""

from __future__ import annotations

from dataclasses import dataclass

import plotly.graph_objects as go
import polars as pl

from atlas.i18n import _, format_number
from warehouse.codes import label_of
from warehouse.indicators import Status, aggregate, status

STATUS_COLOURS = {"achieved": "#009E73", "on_track": "#56B4E9", "behind": "#D55E00"}
STATUS_LABELS = {"achieved": "Achieved", "on_track": "On track", "behind": "Behind"}


@dataclass(frozen=True)
class Cell:
    """An indicator's standing in a year: target and actual aggregated over the years so far
    as the indicator says (summed, latest, highest or mean)."""

    target: float | None
    actual: float | None
    text: str | None  # a qualitative value, or the comment
    status: Status | None


@dataclass(frozen=True)
class IndicatorRow:
    indicator_id: str
    name: str
    measure_type: str
    unit: str
    baseline: str
    illustrative: bool
    cells: dict[int, Cell]


def framework(values: pl.DataFrame) -> tuple[list[int], list[IndicatorRow]]:
    """Years and one row per indicator, from the `programme_indicators` query."""
    years = sorted({y for y in values["year"].to_list() if y is not None})
    rows = []
    for (indicator_id,), part in values.group_by("indicator_id", maintain_order=True):
        first = part.row(0, named=True)
        targets = {
            r["year"]: float(r["value"])
            for r in part.iter_rows(named=True)
            if r["kind"] == "target" and r["value"] is not None
        }
        actuals = {
            r["year"]: float(r["value"])
            for r in part.iter_rows(named=True)
            if r["kind"] == "actual" and r["value"] is not None
        }
        comments = {(r["year"], r["kind"]): r["comment"] for r in part.iter_rows(named=True)}
        has_actual = {r["year"] for r in part.iter_rows(named=True) if r["kind"] == "actual"}
        how = first["aggregation"]
        cells = {
            year: Cell(
                aggregate(targets, year, how) if year in targets else None,
                aggregate(actuals, year, how) if year in actuals else None,
                comments.get((year, "actual")) or comments.get((year, "target")),
                status(
                    first["measure_type"],
                    first["direction"],
                    first["aggregation"],
                    targets,
                    actuals,
                    year,
                )
                if year in has_actual
                else None,
            )
            for year in years
        }
        baseline = (
            first["baseline_comment"] or "–"
            if first["measure_type"] == "qualitative"
            else f"{format_number(first['baseline_value'])} ({first['baseline_year']})"
            if first["baseline_value"] is not None
            else "–"
        )
        rows.append(
            IndicatorRow(
                str(indicator_id),
                first["name"],
                first["measure_type"],
                first["unit"] or "",
                baseline,
                bool(first["is_illustrative"]),
                cells,
            )
        )
    return years, rows


def pipeline_figure(pipeline: pl.DataFrame) -> go.Figure:
    """Plans that reached each status, with the median days spent in it."""
    labels = [_(label_of("plan_status", s)) for s in pipeline["status"]]
    days = [
        _("median {days} days in it").format(days=format_number(round(d))) if d is not None else ""
        for d in pipeline["median_days"]
    ]
    figure = go.Figure(
        go.Bar(
            x=pipeline["plans"].to_list(),
            y=labels,
            orientation="h",
            text=days,
            textposition="auto",
            marker_color="#0072B2",
        )
    )
    figure.update_layout(
        title={"text": _("Innovation plans by the status they reached"), "x": 0.01},
        height=300,
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        template="plotly_white",
        xaxis_title=_("plans"),
    )
    figure.update_yaxes(autorange="reversed")
    return figure
