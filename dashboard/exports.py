"""Exports of what a page shows: CSV and a formatted Excel workbook, built in memory."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

import polars as pl
import xlsxwriter

from atlas.i18n import _


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return frame.write_csv().encode("utf-8-sig")  # the mark lets Excel read the accents


def excel_bytes(
    sheets: Sequence[tuple[str, pl.DataFrame]], filters: Sequence[tuple[str, str]]
) -> bytes:
    """A workbook: a sheet of the filter values used, then one sheet per frame, with bold
    frozen headers and columns sized to their content, as a person would format it."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#E9ECEF", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    about = workbook.add_worksheet(_("Filters"))
    about.write_row(0, 0, [_("Filter"), _("Value")], bold)
    for row, (name, value) in enumerate(filters, start=1):
        about.write_row(row, 0, [name, value])
    about.set_column(0, 0, 28)
    about.set_column(1, 1, 60)
    for name, frame in sheets:
        sheet = workbook.add_worksheet(name[:31])
        sheet.write_row(0, 0, frame.columns, bold)
        sheet.freeze_panes(1, 0)
        for column, series in enumerate(frame.iter_columns()):
            values = series.to_list()
            longest = max([len(str(v)) for v in values if v is not None] + [len(series.name)])
            width = min(max(longest + 2, 8), 60)
            is_text = series.dtype == pl.Utf8 and longest > 60
            sheet.set_column(column, column, width, wrap if is_text else None)
            for row, value in enumerate(values, start=1):
                if value is None:
                    continue
                if isinstance(value, date | datetime):
                    sheet.write_datetime(row, column, value, day)
                else:
                    sheet.write(row, column, value)
        if frame.height:
            sheet.autofilter(0, 0, frame.height, frame.width - 1)
    workbook.close()
    return buffer.getvalue()
