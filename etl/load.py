"""Load intake files into the warehouse: validate everything, then publish all of it or nothing.

The load works on a copy of the published file and renames it over the original only when every
row is valid and every warehouse check passes, so a failed load leaves the warehouse exactly as it
was, and readers never see a half-written file. A lock file keeps two loads from racing.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from atlas.i18n import _
from etl import staging
from etl.cast import cast_sheet
from etl.contract import SHEETS, SHEETS_BY_NAME, Sheet
from etl.errors import LoadRefusedError, Problem
from etl.read import expand, read_file
from warehouse import models
from warehouse.checks import identifier, identifiers, run_checks


@dataclass(frozen=True)
class LoadReport:
    load_id: int
    files: list[str]
    rows_by_sheet: dict[str, int]


def read_and_cast(paths: list[Path]) -> tuple[dict[str, pl.DataFrame], list[Problem], list[str]]:
    """Typed rows per sheet, every problem found, and the files read."""
    files = expand(paths)
    problems: list[Problem] = []
    parts: dict[str, list[pl.DataFrame]] = {}
    if not files:
        problems.append(Problem(" ".join(map(str, paths)), "", 0, "", "no intake files found"))
    for path in files:
        raw_sheets, file_problems = read_file(path)
        problems += file_problems
        for raw in raw_sheets:
            typed, sheet_problems = cast_sheet(raw)
            problems += sheet_problems
            if not sheet_problems:
                parts.setdefault(raw.contract.name, []).append(typed)
    frames = {name: pl.concat(frame_list) for name, frame_list in parts.items()}
    for name, frame in frames.items():
        problems += _duplicates(SHEETS_BY_NAME[name], frame)
    return frames, problems, [str(f) for f in files]


def _duplicates(sheet: Sheet, frame: pl.DataFrame) -> list[Problem]:
    key = list(sheet.key)
    marked = frame.with_columns(
        pl.len().over(key).alias("_copies"),
        pl.format("{}:{}:{}", "_file", "_sheet", "_row").first().over(key).alias("_first"),
    ).filter(pl.col("_copies") > 1)
    repeats = marked.filter(pl.format("{}:{}:{}", "_file", "_sheet", "_row") != pl.col("_first"))
    return [
        Problem(
            row["_file"],
            row["_sheet"],
            row["_row"],
            key[-1],
            _("duplicate identifier {key} (first at {first})").format(
                key=" / ".join(str(row[k]) for k in key), first=row["_first"]
            ),
        )
        for row in repeats.iter_rows(named=True)
    ]


@contextlib.contextmanager
def _exclusive(db_path: Path) -> Iterator[None]:
    lock_path = db_path.with_name(db_path.name + ".lock")
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def load(paths: list[Path], db_path: Path) -> LoadReport:
    """Validate `paths` and publish them into the warehouse at `db_path`, or raise."""
    frames, problems, files = read_and_cast(paths)
    if problems:
        raise LoadRefusedError(problems)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(db_path):
        work = db_path.with_name(f".{db_path.name}.loading-{os.getpid()}")
        try:
            if db_path.exists():
                shutil.copyfile(db_path, work)
            connection = duckdb.connect(str(work))
            try:
                report = _load_into(connection, frames, files)
                connection.execute("checkpoint")
            finally:
                connection.close()
            os.replace(work, db_path)
            return report
        finally:
            work.unlink(missing_ok=True)


def _load_into(
    connection: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame], files: list[str]
) -> LoadReport:
    staging.create_schema(connection)
    [(load_id,)] = connection.execute(
        "select coalesce(max(load_id), 0) + 1 from load_log"
    ).fetchall()
    for sheet in SHEETS:
        frame = frames.get(sheet.name)
        if frame is not None:
            _upsert(connection, sheet, frame.with_columns(pl.lit(load_id).alias("_load_id")))
    problems = _cross_sheet_problems(connection, load_id)
    if problems:
        raise LoadRefusedError(problems)
    models.build(connection)
    failures = run_checks(connection, staging.staging_checks() + models.model_checks())
    if failures:
        raise LoadRefusedError(
            [Problem("warehouse", f.check.table, 0, "", str(f)) for f in failures]
        )
    rows = {name: frame.height for name, frame in frames.items()}
    connection.execute(
        "insert into load_log values ($id, $at, $files, map($sheets, $counts))",
        {
            "id": load_id,
            "at": datetime.now(),
            "files": files,
            "sheets": list(rows),
            "counts": list(rows.values()),
        },
    )
    return LoadReport(load_id=load_id, files=files, rows_by_sheet=rows)


def _upsert(connection: duckdb.DuckDBPyConnection, sheet: Sheet, frame: pl.DataFrame) -> None:
    """Replace the records with the same key, then insert (Arrow, not row by row)."""
    table = sheet.staging_table
    key = identifiers(sheet.key)
    columns = identifiers([c.name for c in sheet.columns]) + ", _file, _sheet, _row, _load_id"
    connection.register("incoming", frame)
    connection.execute(
        "delete from " + table + " where (" + key + ") in (select (" + key + ") from incoming)"
    )
    connection.execute(
        "insert into " + table + " (" + columns + ") select " + columns + " from incoming"
    )
    connection.unregister("incoming")


def _cross_sheet_problems(connection: duckdb.DuckDBPyConnection, load_id: int) -> list[Problem]:
    """Rules and references of this load's rows, checked against everything now staged."""
    problems: list[Problem] = []
    for sheet in SHEETS:
        table = sheet.staging_table
        for rule in sheet.rules:
            sql = (
                "select _file, _sheet, _row from "
                + table
                + " where _load_id = $id and not coalesce(("
                + rule.expression
                + "), true)"
            )
            for file, sheet_name, row in connection.execute(sql, {"id": load_id}).fetchall():
                problems.append(Problem(file, sheet_name, row, rule.column, _(rule.message)))
        for ref in sheet.references:
            target = "stg_" + identifier(ref.sheet)
            match = " and ".join(
                "t." + identifier(tc) + " = s." + identifier(c)
                for c, tc in zip(ref.columns, ref.target_columns, strict=True)
            )
            present = " and ".join("s." + identifier(c) + " is not null" for c in ref.columns)
            shown = " || ' / ' || ".join("s." + identifier(c) for c in ref.columns)
            sql = (
                "select s._file, s._sheet, s._row, " + shown + " from " + table + " as s"
                " where s._load_id = $id and "
                + present
                + " and not exists (select 1 from "
                + target
                + " as t where "
                + match
                + ")"
            )
            for file, sheet_name, row, value in connection.execute(sql, {"id": load_id}).fetchall():
                problems.append(
                    Problem(
                        file,
                        sheet_name,
                        row,
                        ref.columns[-1],
                        _(
                            "'{value}' does not exist in {sheet} (expected a record loaded now "
                            "or earlier)"
                        ).format(value=value, sheet=ref.sheet),
                    )
                )
    return problems
