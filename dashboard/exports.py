"""Exports of what a page shows: CSV and a formatted Excel workbook, built in memory.

Each export says which data it was built from (`Provenance`: the warehouse version, and the
snapshot's label when it reads a snapshot), so a figure sent out can be found again.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl
import xlsxwriter

from atlas.i18n import N_, _

# Column and filter names as a person reads them, in the workbook's language; a name not
# listed here is shown as it is.
HEADERS = {
    "outcome_id": N_("Outcome"),
    "programme_code": N_("Programme"),
    "programmes": N_("Programmes"),
    "observed_on": N_("Observed"),
    "theme_code": N_("Theme code"),
    "theme": N_("Theme"),
    "themes": N_("Themes"),
    "mapped": N_("Common theme"),
    "level": N_("Level"),
    "levels": N_("Levels"),
    "outcome_type": N_("Type"),
    "outcome_types": N_("Types"),
    "change_agents": N_("Change agents"),
    "countries": N_("Countries"),
    "regions": N_("Regions"),
    "organisations": N_("Organisations"),
    "in_high_risk_country": N_("In a high-risk country"),
    "social_actor": N_("Social actor who changed"),
    "description": N_("What changed"),
    "public_description": N_("Public wording"),
    "significance": N_("Why it matters"),
    "contribution": N_("How the programme contributed"),
    "substantiation_status": N_("Substantiation"),
    "substantiation": N_("Substantiation"),
    "is_positive": N_("Positive"),
    "positive": N_("Positive"),
    "is_intended": N_("Intended"),
    "intended": N_("Intended"),
    "contributing_exchanges": N_("Contributed to by"),
    "contributing_plans": N_("Innovation plans"),
    "is_illustrative": N_("Illustrative"),
    "illustrative": N_("Illustrative"),
    "outcomes": N_("Outcomes"),
    "q": N_("Words searched"),
    "year_from": N_("From year"),
    "year_to": N_("To year"),
}


def header(name: str) -> str:
    return _(HEADERS[name]) if name in HEADERS else name


@dataclass(frozen=True)
class Provenance:
    version: int  # the load batch the data comes from, as X-Atlas-Warehouse-Version says it
    snapshot: str | None = None  # the snapshot's label, when the export reads a snapshot

    def described(self) -> list[tuple[str, str]]:
        rows = [(_("Warehouse version"), str(self.version))]
        if self.snapshot:
            rows.append((_("Snapshot"), self.snapshot))
        return rows

    def file_part(self) -> str:
        """`v42`, or `dgd-2026-v42` for a snapshot: safe in any file name."""
        if not self.snapshot:
            return f"v{self.version}"
        ascii_label = unicodedata.normalize("NFKD", self.snapshot).encode("ascii", "ignore")
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_label.decode().lower()).strip("-")[:40]
        return f"{slug.strip('-') or 'snapshot'}-v{self.version}"


def export_name(stem: str, extension: str, provenance: Provenance, day: date) -> str:
    """`outcomes-2026-05-01-v42.csv`: the version shows before the file is even opened."""
    return f"{stem}-{day.isoformat()}-{provenance.file_part()}.{extension}"


def csv_bytes(frame: pl.DataFrame, provenance: Provenance | None = None) -> bytes:
    """CSV of `frame`; with `provenance`, a last column `warehouse_version` (and `snapshot`)
    repeats it on every row: a comment line would break CSV readers, a column breaks none."""
    if provenance is not None:
        frame = frame.with_columns(pl.lit(provenance.version).alias("warehouse_version"))
        if provenance.snapshot:
            frame = frame.with_columns(pl.lit(provenance.snapshot).alias("snapshot"))
    return frame.write_csv().encode("utf-8-sig")  # the mark lets Excel read the accents


def excel_bytes(
    sheets: Sequence[tuple[str, pl.DataFrame]],
    filters: Sequence[tuple[str, str]],
    provenance: Provenance | None = None,
) -> bytes:
    """A workbook: a sheet of the filter values used (with `provenance`, the warehouse version
    and snapshot first), then one sheet per frame, with bold frozen headers and columns sized
    to their content, as a person would format it."""
    if provenance is not None:
        given = {name for name, _value in filters}
        filters = [row for row in provenance.described() if row[0] not in given] + list(filters)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = workbook.add_format({"bold": True, "bg_color": "#E9ECEF", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    day = workbook.add_format({"num_format": "yyyy-mm-dd", "valign": "top"})
    about = workbook.add_worksheet(_("Filters"))
    about.write_row(0, 0, [_("Filter"), _("Value")], bold)
    for row, (name, value) in enumerate(filters, start=1):
        about.write_row(row, 0, [header(name), value])
    about.set_column(0, 0, 28)
    about.set_column(1, 1, 60)
    for name, frame in sheets:
        sheet = workbook.add_worksheet(name[:31])
        sheet.write_row(0, 0, [header(c) for c in frame.columns], bold)
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
