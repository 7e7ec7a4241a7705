"""KoboToolbox exports, read through a column mapping file.

A Kobo form exports one table per submission (the workbook's first sheet, or a CSV file) and one
sheet per repeat group, whose rows point at their submission through `_parent_index`. The mapping
file is a CSV with the columns `kobo_sheet,kobo_column,sheet,column`: which export column feeds
which column of which intake sheet. `kobo_sheet` is empty for a CSV export. A `kobo_column`
written `../name` takes the value from the parent submission's column `name`, so a repeat group
of participants can carry its exchange's identifier. Each row of the export then becomes one
record of each intake sheet it maps to, and problems point at the export's own rows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from atlas.i18n import _
from etl.contract import SHEETS_BY_NAME
from etl.errors import Problem
from etl.read import RawSheet, csv_frame, normalise_header, with_rows

MAPPING_COLUMNS = ["kobo_sheet", "kobo_column", "sheet", "column"]


@dataclass(frozen=True)
class Rule:
    kobo_sheet: str
    kobo_column: str
    sheet: str
    column: str


def read_mapping(path: Path) -> tuple[list[Rule], list[Problem]]:
    name = str(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [], [
            Problem(name, path.name, 0, "", _("cannot read the mapping: {error}").format(error=exc))
        ]
    if not rows or list(rows[0]) != MAPPING_COLUMNS:
        return [], [
            Problem(
                name,
                path.name,
                1,
                "",
                _("expected the columns {columns}").format(columns=",".join(MAPPING_COLUMNS)),
            )
        ]
    rules, problems = [], []
    for number, row in enumerate(rows, start=2):
        rule = Rule(*(str(row[c] or "").strip() for c in MAPPING_COLUMNS))
        contract = SHEETS_BY_NAME.get(rule.sheet)
        if contract is None:
            problems.append(
                Problem(
                    name,
                    path.name,
                    number,
                    "sheet",
                    _("'{sheet}' is not a sheet of the data contract").format(sheet=rule.sheet),
                )
            )
        elif rule.column not in {c.name for c in contract.columns}:
            problems.append(
                Problem(
                    name,
                    path.name,
                    number,
                    "column",
                    _("'{column}' is not a column of {sheet}").format(
                        column=rule.column, sheet=rule.sheet
                    ),
                )
            )
        else:
            rules.append(rule)
    return rules, problems


def _tables(path: Path) -> dict[str, pl.DataFrame]:
    if path.suffix.lower() == ".csv":
        frame, _decimal_comma = csv_frame(path)
        return {"": frame}
    reader = fastexcel.read_excel(str(path))
    return {
        sheet: reader.load_sheet_by_name(sheet, dtypes="string").to_polars()
        for sheet in reader.sheet_names
    }


def read_export(path: Path, rules: list[Rule]) -> tuple[list[RawSheet], list[Problem]]:
    name = str(path)
    try:
        tables = _tables(path)
    except Exception as exc:  # any damage to the file is reported, with its place
        return [], [
            Problem(name, "", 0, "", _("cannot read the Kobo export: {error}").format(error=exc))
        ]
    main = next(iter(tables), "")
    sheets: list[RawSheet] = []
    problems: list[Problem] = []
    groups: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        groups.setdefault((rule.kobo_sheet, rule.sheet), []).append(rule)
    for (kobo_sheet, target), group in groups.items():
        table = tables.get(kobo_sheet)
        if table is None:
            problems.append(
                Problem(
                    name,
                    kobo_sheet,
                    0,
                    "",
                    _("the mapping names this export sheet, which the file does not have"),
                )
            )
            continue
        frame = with_rows(table)
        parent = with_rows(tables[main])
        selected: list[pl.Expr] = [pl.col("_row")]
        for rule in group:
            column = normalise_header(rule.kobo_column.removeprefix("../"))
            from_parent = rule.kobo_column.startswith("../")
            available = parent.columns if from_parent else frame.columns
            if column not in available or (from_parent and "_parent_index" not in frame.columns):
                problems.append(
                    Problem(
                        name,
                        kobo_sheet or path.name,
                        1,
                        rule.kobo_column,
                        _("column of the mapping missing in the export"),
                    )
                )
            elif from_parent:
                lookup = parent.select(
                    pl.col("_index").alias("_parent_index"), pl.col(column).alias(rule.column)
                )
                frame = frame.join(lookup, on="_parent_index", how="left")
                selected.append(pl.col(rule.column))
            else:
                selected.append(pl.col(column).alias(rule.column))
        sheets.append(
            RawSheet(
                name,
                kobo_sheet or path.name,
                SHEETS_BY_NAME[target],
                frame.sort("_row").select(selected),
            )
        )
    return sheets, problems
