"""The yearly DGD accountability workbook of one specific objective, as a pure function.

Each 30 April the union accounts to DGD per specific objective: its indicators with baseline,
target, actual and comment, the performance scores per criterion with their justification, the
lessons learned and the management response to evaluations. The file is named by the
objective's IATI identifier and the year, as DGD asks.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping

import polars as pl
import xlsxwriter

from atlas.i18n import _
from warehouse.codes import CODE_LISTS, label_of


def workbook_name(iati_identifier: str | None, objective_id: str, year: int) -> str:
    """`XM-DAC-2-10-SO-1_2025.xlsx`: only characters every file system takes."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", iati_identifier or objective_id)
    return f"{stem}_{year}.xlsx"


def accountability_workbook(
    objective: Mapping[str, object],
    year: int,
    indicators: pl.DataFrame,
    record: pl.DataFrame,
    version: int,
) -> bytes:
    """`indicators` from the `programme_indicators` query for the objective, `record` from the
    `accountability` query for the year; `version` is the warehouse version it was built from."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})

    def sheet(title: str, header: list[str], rows: list[list[object]], widths: list[int]) -> None:
        page = book.add_worksheet(title[:31])
        page.write_row(0, 0, header, bold)
        for number, row in enumerate(rows, start=1):
            page.write_row(number, 0, ["" if v is None else v for v in row], wrap)
        for column, width in enumerate(widths):
            page.set_column(column, column, width)
        page.freeze_panes(1, 0)

    sheet(
        _("Objective"),
        [_("Field"), _("Value")],
        [
            [_("IATI identifier"), objective.get("iati_identifier")],
            [_("Specific objective"), objective.get("objective_id")],
            [_("Title"), objective.get("title")],
            [_("Country"), objective.get("country_code")],
            [_("Year reported on"), year],
            [_("Warehouse version"), version],
        ],
        [24, 80],
    )
    sheet(
        _("Indicators"),
        [_("Indicator"), _("Unit"), _("Baseline"), _("Target"), _("Actual"), _("Comment")],
        _indicator_rows(indicators, year),
        [50, 12, 24, 12, 12, 60],
    )
    scores = record.filter(pl.col("section") == "score")
    sheet(
        _("Scores"),
        [_("Criterion"), _("Score"), _("Justification")],
        [
            [_(c.label), _(label_of("performance_score", v)) if v else "", t]
            for c in CODE_LISTS["dac_criterion"]
            for v, t in [_score_of(scores, c.code)]
        ],
        [30, 28, 80],
    )
    lessons = {
        r["key"]: r for r in record.filter(pl.col("section") == "lesson").iter_rows(named=True)
    }
    learned = lessons.get("lesson_learned", {})
    response = lessons.get("management_response", {})
    sheet(_("Lessons learned"), [_("Lessons learned")], [[learned.get("text")]], [120])
    sheet(
        _("Management response"),
        [_("Evaluation"), _("Management response")],
        [[response.get("evaluation"), response.get("text")]],
        [40, 100],
    )
    book.close()
    return buffer.getvalue()


def _score_of(scores: pl.DataFrame, criterion: str) -> tuple[str | None, str | None]:
    found = scores.filter(pl.col("key") == criterion)
    return (found["value"][0], found["text"][0]) if found.height else (None, None)


def _indicator_rows(indicators: pl.DataFrame, year: int) -> list[list[object]]:
    rows = []
    for (_id,), part in indicators.group_by("indicator_id", maintain_order=True):
        first = part.row(0, named=True)
        values = {r["kind"]: r for r in part.filter(pl.col("year") == year).iter_rows(named=True)}
        target, actual = values.get("target", {}), values.get("actual", {})
        qualitative = first["measure_type"] == "qualitative"
        baseline = (
            first["baseline_comment"]
            if qualitative
            else f"{first['baseline_value']} ({first['baseline_year']})"
            if first["baseline_value"] is not None
            else None
        )
        comment = "; ".join(str(c) for c in (target.get("comment"), actual.get("comment")) if c)
        rows.append(
            [
                first["name"],
                first["unit"],
                baseline,
                None if qualitative else target.get("value"),
                None if qualitative else actual.get("value"),
                comment or None,
            ]
        )
    return rows
