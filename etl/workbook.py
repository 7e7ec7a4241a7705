"""Write intake records as an Excel workbook: one sheet per contract sheet, header in row 1."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import xlsxwriter

from etl.contract import SHEETS


def write_workbook(path: Path, records: Mapping[str, Sequence[Mapping[str, object]]]) -> None:
    workbook = xlsxwriter.Workbook(str(path))
    header = workbook.add_format({"bold": True, "bg_color": "#E9ECEF"})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for sheet in SHEETS:
        worksheet = workbook.add_worksheet(sheet.name)
        names = [c.name for c in sheet.columns]
        worksheet.write_row(0, 0, names, header)
        worksheet.freeze_panes(1, 0)
        for row_index, record in enumerate(records.get(sheet.name, []), start=1):
            for col_index, name in enumerate(names):
                value = record.get(name)
                if value is None:
                    continue
                if isinstance(value, date):
                    worksheet.write_datetime(row_index, col_index, value, date_format)
                else:
                    worksheet.write(row_index, col_index, value)
        worksheet.set_column(0, len(names) - 1, 16)
    workbook.close()
