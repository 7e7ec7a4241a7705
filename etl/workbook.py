"""The intake workbook: the blank template staff fill in, and the same layout filled with records.

One sheet per entity with its header in row 1; drop-down lists for every coded column, fed from a
hidden `lists` sheet through named ranges (Excel's inline lists break above 255 characters);
organisations and countries offered as readable labels that load back to their codes; a README
sheet that explains every column and carries the workbook's `source_id`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from atlas.i18n import _, current_language
from etl.contract import SHEETS, Column
from etl.labels import country_label, country_labels, organisation_label
from warehouse.codes import CODE_LISTS

TEMPLATE_ROWS = 500  # rows that get drop-downs and checks in a blank template


def _list_name(name: str) -> str:
    return "list_" + name


def write_workbook(
    path: Path,
    records: Mapping[str, Sequence[Mapping[str, object]]] | None = None,
    organisations: Sequence[Mapping[str, object]] = (),
    source_id: str = "",
    as_labels: bool = False,
) -> None:
    """Write the intake workbook, filled with `records` when given.

    `organisations` feed the organisation drop-downs (those of the warehouse, for a template);
    the workbook's own organisations sheet is added to them. With `as_labels`, coded values are
    written as the labels a person picks from the drop-downs, which load back to the codes.
    """
    records = records or {}
    every_org = {str(o["org_code"]): o for o in [*organisations, *records.get("organisations", [])]}
    workbook = xlsxwriter.Workbook(str(path))
    formats = {
        "header": workbook.add_format({"bold": True, "bg_color": "#E9ECEF", "border": 1}),
        "required": workbook.add_format({"bold": True, "bg_color": "#FFE69C", "border": 1}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd"}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
    }
    _readme(workbook.add_worksheet("README"), formats, source_id)
    sheets = {sheet.name: workbook.add_worksheet(sheet.name) for sheet in SHEETS}
    lists = workbook.add_worksheet("lists")
    _lists(workbook, lists, sorted(every_org.values(), key=lambda o: str(o["org_code"])))
    lists.hide()
    for sheet in SHEETS:
        worksheet = sheets[sheet.name]
        rows = records.get(sheet.name, [])
        for index, column in enumerate(sheet.columns):
            worksheet.write(
                0, index, column.name, formats["required" if column.required else "header"]
            )
            worksheet.write_comment(0, index, _(column.description))
            last_row = max(TEMPLATE_ROWS, len(rows) + 1)
            _validation(worksheet, index, column, last_row)
            for row_index, record in enumerate(rows, start=1):
                value = record.get(column.name)
                if value is None:
                    continue
                if isinstance(value, date):
                    worksheet.write_datetime(row_index, index, value, formats["date"])
                elif as_labels:
                    worksheet.write(row_index, index, _label(column, value, every_org))
                else:
                    worksheet.write(row_index, index, value)
        worksheet.freeze_panes(1, 0)
        worksheet.set_column(0, len(sheet.columns) - 1, 18)
    workbook.close()


def _label(
    column: Column, value: object, organisations: Mapping[str, Mapping[str, object]]
) -> object:
    if column.codes:
        labels = {c.code: _(c.label) for c in CODE_LISTS[column.codes]}
        return labels.get(str(value), value)
    if column.references == "organisations" and str(value) in organisations:
        return organisation_label(organisations[str(value)])
    if column.type == "country":
        return country_label(str(value))
    return value


def _lists(
    workbook: xlsxwriter.Workbook, lists: Worksheet, organisations: Sequence[Mapping[str, object]]
) -> None:
    columns: dict[str, list[str]] = {
        name: [_(c.label) for c in codes] for name, codes in CODE_LISTS.items()
    }
    columns["boolean"] = ["TRUE", "FALSE"]
    columns["country"] = country_labels(current_language())
    columns["organisation"] = [organisation_label(o) for o in organisations] or [""]
    for index, (name, values) in enumerate(columns.items()):
        lists.write(0, index, name)
        lists.write_column(1, index, values)
        letter = xlsxwriter.utility.xl_col_to_name(index)
        workbook.define_name(_list_name(name), f"=lists!${letter}$2:${letter}${len(values) + 1}")


def _validation(worksheet: Worksheet, index: int, column: Column, last_row: int) -> None:
    list_name = (
        column.codes
        or ("boolean" if column.type == "boolean" else None)
        or ("country" if column.type == "country" else None)
        or ("organisation" if column.references == "organisations" else None)
    )
    if list_name:
        worksheet.data_validation(
            1,
            index,
            last_row,
            index,
            {
                "validate": "list",
                "source": "=" + _list_name(list_name),
                # organisations may also be ones typed into this workbook's own sheet
                "error_type": "warning" if list_name == "organisation" else "stop",
            },
        )
    elif column.type == "integer":
        worksheet.data_validation(
            1,
            index,
            last_row,
            index,
            {
                "validate": "integer",
                "criteria": ">=",
                "value": int(column.minimum or 0),
                "error_message": _("A whole number of at least {minimum}.").format(
                    minimum=int(column.minimum or 0)
                ),
            },
        )
    elif column.type == "date":
        worksheet.data_validation(
            1,
            index,
            last_row,
            index,
            {
                "validate": "date",
                "criteria": ">=",
                "value": date(1990, 1, 1),
                "error_message": _("A date (YYYY-MM-DD)."),
            },
        )


def _readme(
    worksheet: Worksheet, formats: dict[str, xlsxwriter.format.Format], source_id: str
) -> None:
    worksheet.write(0, 0, _("Solidarity Atlas intake workbook"), formats["title"])
    worksheet.write(1, 0, "source_id", formats["bold"])
    worksheet.write(1, 1, source_id)
    worksheet.write(
        1,
        2,
        _(
            "Name this workbook's source: loading it again replaces what it "
            "loaded before. Empty: the file name is used."
        ),
    )
    worksheet.write(
        2,
        0,
        _(
            "One sheet per entity; row 1 holds the column names; yellow columns "
            "are required. Pick coded values from the drop-downs. Dates as "
            "YYYY-MM-DD. Counts are participations, not persons."
        ),
    )
    headers = [_("sheet"), _("column"), _("type"), _("required"), _("meaning")]
    worksheet.write_row(4, 0, headers, formats["header"])
    row = 5
    for sheet in SHEETS:
        for column in sheet.columns:
            kind = column.codes or column.references or column.type
            worksheet.write_row(
                row,
                0,
                [
                    sheet.name,
                    column.name,
                    kind,
                    _("yes") if column.required else _("no"),
                    _(column.description),
                ],
            )
            row += 1
    worksheet.set_column(0, 1, 24)
    worksheet.set_column(2, 3, 16)
    worksheet.set_column(4, 4, 80, formats["wrap"])
