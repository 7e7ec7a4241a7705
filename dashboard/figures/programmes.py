"""The results framework and the innovation plans pipeline, as pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from atlas.i18n import N_, _, format_number, format_share
from dashboard.figures import Figure, figure, trace
from warehouse.codes import CODE_LISTS, label_of
from warehouse.indicators import Status, aggregate, status

STATUS_COLOURS = {"achieved": "#009E73", "on_track": "#56B4E9", "behind": "#D55E00"}
STATUS_LABELS = {"achieved": "Achieved", "on_track": "On track", "behind": "Behind"}
# Okabe-Ito, for categories without a colour of their own
SEQUENCE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")


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
    # grouped in plain Python: a polars group_by costs a fixed ~0.6 ms on these few rows
    parts: dict[object, list[dict[str, Any]]] = {}
    for r in values.iter_rows(named=True):
        parts.setdefault(r["indicator_id"], []).append(r)
    rows = []
    for indicator_id, part in parts.items():
        first = part[0]
        targets = {
            r["year"]: float(r["value"])
            for r in part
            if r["kind"] == "target" and r["value"] is not None
        }
        actuals = {
            r["year"]: float(r["value"])
            for r in part
            if r["kind"] == "actual" and r["value"] is not None
        }
        comments = {(r["year"], r["kind"]): r["comment"] for r in part}
        has_actual = {r["year"] for r in part if r["kind"] == "actual"}
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


def pipeline_figure(pipeline: pl.DataFrame) -> Figure:
    """Plans that reached each status, with the median days spent in it."""
    labels = [_(label_of("plan_status", s)) for s in pipeline["status"]]
    days = [
        _("median {days} days in it").format(days=format_number(round(d))) if d is not None else ""
        for d in pipeline["median_days"]
    ]
    return figure(
        [
            trace(
                "bar",
                x=pipeline["plans"].to_list(),
                y=labels,
                orientation="h",
                text=days,
                textposition="auto",
                marker={"color": "#0072B2"},
            )
        ],
        title={"text": _("Innovation plans by the status they reached"), "x": 0.01},
        height=300,
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        xaxis={"title": {"text": _("plans")}},
        yaxis={"autorange": "reversed"},
    )


# The comparison table's rows: (query column, label, format). Shares read over the exchanges
# where their basis was recorded, as the query says.
COMPARISON_ROWS: tuple[tuple[str, str, str], ...] = (
    ("exchanges", N_("Exchanges"), "integer"),
    ("methods_used", N_("Kinds of exchange used"), "integer"),
    ("host_countries", N_("Host countries"), "integer"),
    ("demand_share", N_("Exchanges answering a stated demand"), "percent"),
    (
        "partner_initiated_share",
        N_("Exchanges initiated by partners, not the institute"),
        "percent",
    ),
    ("mixed_delegation_share", N_("Delegations of leaders with staff or militants"), "percent"),
    ("outcomes_per_mixed_delegation", N_("Outcomes per exchange, mixed delegations"), "decimal"),
    ("outcomes_per_other_delegation", N_("Outcomes per exchange, other delegations"), "decimal"),
    ("outcomes", N_("Outcomes, each counted once"), "integer"),
    ("policy_outcomes", N_("Policy outcomes"), "integer"),
    ("institutional_outcomes", N_("Institutional outcomes"), "integer"),
    ("plans", N_("Innovation plans"), "integer"),
    ("plans_with_outcome_share", N_("Plans that led to an outcome"), "percent"),
)


def formatted(value: float | None, kind: str) -> str:
    if value is None:
        return "–"
    if kind == "percent":
        return format_share(value)
    if kind == "decimal":
        return format_number(round(value, 1))
    return format_number(value)


def comparison_table(figures: pl.DataFrame) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """Programmes (columns) and one (column, label, values) row per comparison figure."""
    programmes = figures["programme_code"].to_list()
    rows = [
        (column, _(label), [formatted(v, kind) for v in figures[column].to_list()])
        for column, label, kind in COMPARISON_ROWS
    ]
    return programmes, rows


def _share_bars(mix: pl.DataFrame, dimension: str, code_list: str, title: str) -> Figure:
    part = mix.filter(pl.col("dimension") == dimension)
    programmes = sorted(set(part["programme_code"]))
    totals = {p: part.filter(pl.col("programme_code") == p)["value"].sum() for p in programmes}
    codes = [c.code for c in CODE_LISTS[code_list]] + [None]
    bars = []
    for index, code in enumerate(codes):
        rows = part.filter(pl.col("code").is_null() if code is None else pl.col("code") == code)
        if rows.is_empty():
            continue
        values = dict(zip(rows["programme_code"], rows["value"], strict=True))
        bars.append(
            trace(
                "bar",
                y=programmes,
                x=[values.get(p, 0) / totals[p] if totals[p] else 0 for p in programmes],
                customdata=[values.get(p, 0) for p in programmes],
                orientation="h",
                name=_(label_of(code_list, code)) if code else _("not recorded"),
                marker={"color": SEQUENCE[index % len(SEQUENCE)]},
                hovertemplate="%{fullData.name}: %{customdata} (%{x:.0%})<extra>%{y}</extra>",
            )
        )
    return figure(
        bars,
        barmode="stack",
        title={"text": title, "x": 0.01},
        height=120 + 40 * len(programmes),
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        xaxis={"tickformat": ".0%", "range": [0, 1]},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "y": -0.25},
    )


def methods_figure(mix: pl.DataFrame) -> Figure:
    """The mix of methods: each programme's exchanges by kind, as shares."""
    return _share_bars(mix, "modality", "modality", _("The mix of methods: exchanges by kind"))


def initiator_figure(mix: pl.DataFrame) -> Figure:
    """Who set the agenda: each programme's exchanges by who initiated them."""
    return _share_bars(mix, "initiator", "initiator", _("Who asked for the exchanges"))


def theme_multiples(mix: pl.DataFrame) -> Figure:
    """One small chart per common theme: each programme's outcomes on it, by level. Themes a
    programme used without a common counterpart are not comparable and are counted apart."""
    part = mix.filter(pl.col("dimension") == "outcome_theme_level")
    themes = [c.code for c in CODE_LISTS["canonical_theme"]]
    programmes = sorted(set(mix["programme_code"]))
    values = {(r["programme_code"], r["code"]): r["value"] for r in part.iter_rows(named=True)}
    bars = [
        trace(
            "bar",
            x=programmes,
            y=[values.get((p, f"{theme}/{level}"), 0) for p in programmes],
            name=_(label_of("outcome_level", level)),
            legendgroup=level,
            showlegend=column == 1,
            marker={"color": SEQUENCE[index]},
            xaxis=_axis("x", column),
            yaxis=_axis("y", column),
        )
        for index, level in enumerate(c.code for c in CODE_LISTS["outcome_level"])
        for column, theme in enumerate(themes, start=1)
    ]
    # One column per theme, as plotly's make_subplots lays them out, sharing the y axis.
    gap = 0.02
    width = (1 - gap * (len(themes) - 1)) / len(themes)
    axes: dict[str, object] = {}
    annotations: list[dict[str, object]] = []
    for column, code in enumerate(CODE_LISTS["canonical_theme"], start=1):
        left = (column - 1) * (width + gap)
        x, y = _axis("x", column), _axis("y", column)
        axes[x.replace("x", "xaxis", 1)] = {"domain": [left, left + width], "anchor": y}
        axes[y.replace("y", "yaxis", 1)] = {"domain": [0.0, 1.0], "anchor": x} | (
            {"matches": "y", "showticklabels": False} if column > 1 else {}
        )
        annotations.append(
            {
                "text": _(code.label),
                "x": left + width / 2,
                "xanchor": "center",
                "xref": "paper",
                "y": 1.0,
                "yanchor": "bottom",
                "yref": "paper",
                "showarrow": False,
                "font": {"size": 16},
            }
        )
    unmapped = mix.filter((pl.col("dimension") == "outcome_theme") & pl.col("code").is_null())
    note = "; ".join(
        f"{r['programme_code']}: {format_number(r['value'])}"
        for r in unmapped.iter_rows(named=True)
    )
    if note:
        annotations.append(
            {
                "text": _("not comparable (theme without a common counterpart)") + ": " + note,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.36,
                "showarrow": False,
                "font": {"size": 11},
                "name": "not-comparable",
            }
        )
    return figure(
        bars,
        **axes,
        annotations=annotations,
        barmode="stack",
        title={"text": _("Outcomes per common theme and level"), "x": 0.01},
        height=360,
        margin={"l": 10, "r": 10, "t": 70, "b": 90},
        legend={"orientation": "h", "y": -0.12},
    )


def _axis(letter: str, column: int) -> str:
    """plotly's name of a column's axis: "x", "x2", ..."""
    return letter if column == 1 else f"{letter}{column}"


def participation_by_sex_figure(by_year: pl.DataFrame) -> Figure:
    """Participations per year split into women, men and not recorded, with women's share."""
    years = [str(y) for y in by_year["year"]]
    # nulls filled in Python: each polars `fill_null` costs a fixed ~0.4 ms on a few years
    women = [n or 0 for n in by_year["women"].to_list()]
    recorded = [n or 0 for n in by_year["sex_recorded"].to_list()]
    total = [n or 0 for n in by_year["participations"].to_list()]
    men = [r - w for r, w in zip(recorded, women, strict=True)]
    unknown = [t - r for t, r in zip(total, recorded, strict=True)]
    shares = [format_share(w / r) if r else "–" for w, r in zip(women, recorded, strict=True)]
    return figure(
        [
            trace(
                "bar",
                x=years,
                y=women,
                name=_("women"),
                marker={"color": "#CC79A7"},
                text=shares,
                textposition="inside",
            ),
            trace("bar", x=years, y=men, name=_("men"), marker={"color": "#0072B2"}),
            trace(
                "bar", x=years, y=unknown, name=_("sex not recorded"), marker={"color": "#BBBBBB"}
            ),
        ],
        barmode="stack",
        title={"text": _("Participations by sex; the label is women's share"), "x": 0.01},
        height=300,
        margin={"l": 10, "r": 10, "t": 40, "b": 30},
        legend={"orientation": "h", "y": -0.2},
        yaxis={"title": {"text": _("participations")}},
    )
