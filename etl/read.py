"""Read intake files as text: workbooks (.xlsx), CSV and Parquet files, or folders of them.

Every cell is read as text and cast strictly later (`etl.cast`): polars' Excel reader would
otherwise turn "n/a" in a number column into an empty value without a word.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from atlas.i18n import _
from etl.contract import SHEETS_BY_NAME, Sheet
from etl.errors import Problem

SUFFIXES = (".xlsx", ".csv", ".parquet")
# Sheets a workbook may carry beside the data (the template's README and lists).
IGNORED_SHEETS = {"readme", "lists"}
BATCH_ROWS = 250_000  # rows of a Parquet file read, cast and staged at a time


@dataclass(frozen=True)
class RawSheet:
    file: str
    sheet: str
    contract: Sheet
    frame: pl.DataFrame  # text columns named as in the header, plus `_row` (Excel's row number)
    decimal_comma: bool = False  # numbers written 1234,50


def expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", "."))
            )
        else:
            files.append(path)
    return files


def normalise_header(name: str) -> str:
    return name.strip().lower().replace(" ", "_")


def with_rows(frame: pl.DataFrame, first_row: int = 2) -> pl.DataFrame:
    """Normalised headers, Excel's row number in `_row`, empty rows dropped."""
    frame = frame.rename({c: normalise_header(c) for c in frame.columns})
    frame = frame.with_row_index("_row", offset=first_row).with_columns(
        pl.col("_row").cast(pl.Int32)
    )
    data = [c for c in frame.columns if c != "_row"]
    if not data:
        return frame
    # Rows left empty between records are not records.
    return frame.filter(pl.any_horizontal(pl.col(data).is_not_null()))


def _as_text(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(c).cast(pl.Utf8) for c in frame.columns if frame.schema[c] != pl.Utf8
    )


def read_file(path: Path) -> Iterator[tuple[list[RawSheet], list[Problem]]]:
    """The file's sheets as text, and the problems of reading it: once for a workbook or a CSV
    file, a Parquet file BATCH_ROWS rows at a time (10M exchanges' outcome texts do not fit in
    memory at once; each batch is cast and handed to DuckDB before the next is read)."""
    name = str(path)
    suffix = path.suffix.lower()
    if not path.exists():
        yield [], [Problem(name, "", 0, "", _("no such file or folder"))]
        return
    if suffix not in SUFFIXES:
        message = _(
            "not an intake file (expected an Excel workbook (.xlsx), a CSV or Parquet file)"
        )
        yield [], [Problem(name, "", 0, "", message)]
        return
    if suffix == ".xlsx":
        yield _read_workbook(path)
        return
    sheet_name = path.name
    contract = SHEETS_BY_NAME.get(normalise_header(path.stem))
    if contract is None:
        expected = ", ".join(SHEETS_BY_NAME)
        message = _(
            "the file name is not a sheet of the data contract (expected one of: {sheets})"
        ).format(sheets=expected)
        yield [], [Problem(name, sheet_name, 0, "", message)]
        return
    if suffix == ".csv":
        yield _read_csv(path, contract)
        return
    first_row = 2
    try:
        parquet = pq.ParquetFile(path)
        # An empty file still carries its sheet (and so removes that sheet's earlier rows).
        batches = (
            parquet.iter_batches(batch_size=BATCH_ROWS)
            if parquet.metadata.num_rows
            else [parquet.schema_arrow.empty_table()]
        )
        for batch in batches:
            frame = pl.from_arrow(batch)
            assert isinstance(frame, pl.DataFrame)  # a record batch is a frame, not a series
            yield [RawSheet(name, sheet_name, contract, with_rows(_as_text(frame), first_row))], []
            first_row += batch.num_rows
    except (pa.ArrowException, pl.exceptions.PolarsError, OSError) as exc:
        message = _("cannot be read as Parquet: {error}").format(error=exc)
        yield [], [Problem(name, sheet_name, 0, "", message)]


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without a byte-order mark), else
    Windows-1252, the two that spreadsheet programs write. Raises UnicodeDecodeError when
    neither fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252"), "cp1252"


def csv_frame(path: Path) -> tuple[pl.DataFrame, bool]:
    """A CSV file as text columns, and whether its numbers use decimal commas.

    Excel, LibreOffice and KoboToolbox write `,` or `;` separated files in UTF-8 or
    Windows-1252; a `;` separator comes with decimal commas, as European spreadsheets write them.
    Raises UnicodeDecodeError or a polars error when the file cannot be read.
    """
    text, _encoding = decode(path.read_bytes())
    header = text.split("\n", 1)[0]
    separator = ";" if header.count(";") > header.count(",") else ","
    frame = pl.read_csv(io.StringIO(text), separator=separator, infer_schema=False)
    return frame, separator == ";"


def _read_csv(path: Path, contract: Sheet) -> tuple[list[RawSheet], list[Problem]]:
    name = str(path)
    try:
        frame, decimal_comma = csv_frame(path)
    except UnicodeDecodeError as exc:
        data = path.read_bytes()
        line = data[: exc.start].count(b"\n") + 1
        message = _(
            "byte {byte} is neither UTF-8 nor Windows-1252 text (save the file as UTF-8)"
        ).format(byte=hex(data[exc.start]))
        return [], [Problem(name, path.name, line, "", message)]
    except pl.exceptions.PolarsError as exc:
        message = _("cannot be read as CSV: {error}").format(error=exc)
        return [], [Problem(name, path.name, 0, "", message)]
    return [RawSheet(name, path.name, contract, with_rows(frame), decimal_comma)], []


def _read_workbook(path: Path) -> tuple[list[RawSheet], list[Problem]]:
    name = str(path)
    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as exc:  # fastexcel raises its own error types for every kind of damage
        return [], [
            Problem(name, "", 0, "", _("not a readable Excel workbook: {error}").format(error=exc))
        ]
    sheets: list[RawSheet] = []
    problems: list[Problem] = []
    for sheet_name in reader.sheet_names:
        contract = SHEETS_BY_NAME.get(normalise_header(sheet_name))
        if contract is None:
            if normalise_header(sheet_name) not in IGNORED_SHEETS:
                problems.append(
                    Problem(
                        name,
                        sheet_name,
                        0,
                        "",
                        _("not a sheet of the data contract (expected one of: {sheets})").format(
                            sheets=", ".join(SHEETS_BY_NAME)
                        ),
                    )
                )
            continue
        try:
            frame = reader.load_sheet_by_name(sheet_name, dtypes="string").to_polars()
        except Exception as exc:
            problems.append(
                Problem(
                    name, sheet_name, 0, "", _("cannot read the sheet: {error}").format(error=exc)
                )
            )
            continue
        sheets.append(RawSheet(name, sheet_name, contract, with_rows(_as_text(frame))))
    return sheets, problems
