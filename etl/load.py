"""Load intake files into the warehouse: validate everything, then publish all of it or nothing.

The load works on a copy of the published version and publishes it (`etl.publish`) only when
every row is valid and every warehouse check passes, so a failed or killed load leaves the
warehouse exactly as it was, and readers never see a half-written file. A lock keeps two loads
from racing. Each source (see `etl.sources`) replaces everything it carried before.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from atlas.i18n import _
from etl import kobo, publish, staging
from etl.cast import cast_sheet
from etl.contract import SHEETS, Sheet
from etl.errors import LoadRefusedError, Problem
from etl.read import RawSheet, read_file
from etl.sources import Source, sources_of
from warehouse import models
from warehouse.checks import identifier, identifiers, reading, run_checks

Progress = Callable[[str, float], None]
Reader = Callable[[Path], tuple[list[RawSheet], list[Problem]]]
Sink = Callable[[str, Sheet, pl.DataFrame], None]  # a source's typed rows of one sheet

# DuckDB would take 80 % of the machine's memory for its buffers: a load of 10M exchanges must
# stay within 8 GB with polars' batches beside it, so DuckDB spills to disk beyond this.
LOAD_DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {"memory_limit": "3GB"}


@dataclass(frozen=True)
class SheetChange:
    loaded: int
    added: int
    changed: int
    removed: int


@dataclass(frozen=True)
class LoadReport:
    load_id: int | None  # None when every source was identical to its last load
    files: list[str]
    sources: list[str]
    unchanged_sources: list[str] = field(default_factory=list)
    changes: dict[str, dict[str, SheetChange]] = field(default_factory=dict)

    @property
    def rows_by_sheet(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for sheets in self.changes.values():
            for sheet, change in sheets.items():
                totals[sheet] = totals.get(sheet, 0) + change.loaded
        return totals


def _no_progress(step: str, fraction: float) -> None:
    return None


def read_and_cast(
    sink: Sink,
    sources: list[Source],
    progress: Progress = _no_progress,
    mapping: Path | None = None,
    reader: Reader | None = None,
) -> list[Problem]:
    """Hand every source's typed rows to `sink`, batch by batch; return every problem found.

    With a Kobo `mapping` file, every file is read as a KoboToolbox export through it; a
    `reader` reads files of another kind (IATI XML) into raw sheets, cast like any other.
    A sheet that is present but empty is handed on too: it removes what its source carried.
    """
    problems: list[Problem] = []
    rules: list[kobo.Rule] = []
    if mapping is not None:
        rules, problems = kobo.read_mapping(mapping)
    files = [(source, path) for source in sources for path in source.files]
    if not files:
        problems.append(
            Problem(", ".join(s.source_id for s in sources), "", 0, "", _("no intake files found"))
        )
    for done, (source, path) in enumerate(files):
        progress(
            _("reading {file}").format(file=path.name), 0.05 + done / max(len(files), 1) * 0.45
        )
        if reader is not None:
            batches = iter([reader(path)])
        elif mapping is not None:
            batches = iter([kobo.read_export(path, rules)])
        else:
            batches = read_file(path)
        for raw_sheets, file_problems in batches:
            problems += file_problems
            for raw in raw_sheets:
                typed, sheet_problems = cast_sheet(raw)
                problems += sheet_problems
                if typed.height or not sheet_problems:
                    sink(source.source_id, raw.contract, typed)
    return problems


class _Incoming:
    """Typed rows as they are read, in a temporary table per sheet that DuckDB spills to disk,
    so that no load holds a whole file in memory."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection
        self.rows: dict[tuple[str, str], int] = {}  # (source, sheet): rows

    @staticmethod
    def table(sheet: Sheet) -> str:
        return "incoming_" + identifier(sheet.name)

    def add(self, source_id: str, sheet: Sheet, typed: pl.DataFrame) -> None:
        if not any(name == sheet.name for _source, name in self.rows):
            self.connection.execute(
                "create or replace temp table "
                + self.table(sheet)
                + " as from "
                + sheet.staging_table
                + " limit 0"
            )
        self.connection.register("batch", typed)
        self.connection.execute(
            "insert into " + self.table(sheet) + " by name select *, $source as _source from batch",
            {"source": source_id},
        )
        self.connection.unregister("batch")
        key = (source_id, sheet.name)
        self.rows[key] = self.rows.get(key, 0) + typed.height

    def carried(self, source_id: str) -> dict[str, int]:
        """Rows per sheet the source carries now."""
        return {name: n for (source, name), n in self.rows.items() if source == source_id}


def _duplicates(
    connection: duckdb.DuckDBPyConnection, sheet: Sheet, source_id: str
) -> list[Problem]:
    """Every row repeating a key of an earlier row of the same source, naming the first."""
    key = identifiers(sheet.key)
    rows = "from " + _Incoming.table(sheet) + " where _source = $source"
    params = {"source": source_id}
    [(repeated,)] = connection.execute(
        "select exists (select 1 " + rows + " group by " + key + " having count(*) > 1)", params
    ).fetchall()
    if not repeated:
        return []  # the common case, without ordering millions of rows
    found = connection.execute(
        "select _file, _sheet, _row, concat_ws(' / ', "
        + key
        + "), first from (select *, row_number() over w as nth,"
        " first_value(concat_ws(':', _file, _sheet, _row)) over w as first "
        + rows
        + " window w as (partition by "
        + key
        + " order by _file, _sheet, _row)) where nth > 1 order by _file, _sheet, _row",
        params,
    ).fetchall()
    return [
        Problem(
            file,
            sheet_name,
            row,
            sheet.key[-1],
            _("duplicate identifier {key} (first at {first})").format(key=shown, first=first),
        )
        for file, sheet_name, row, shown, first in found
    ]


def load(
    paths: list[Path],
    db_path: Path,
    loaded_by: str = "",
    progress: Progress = _no_progress,
    dry_run: bool = False,
    mapping: Path | None = None,
) -> LoadReport:
    """Validate `paths` and publish them into the warehouse at `db_path`, or raise.

    With `dry_run`, everything but the publishing is done: the report says what would change.
    """
    sources, problems = sources_of(paths)
    return load_sources(sources, problems, db_path, loaded_by, progress, dry_run, mapping)


def load_sources(
    sources: list[Source],
    problems: list[Problem],
    db_path: Path,
    loaded_by: str = "",
    progress: Progress = _no_progress,
    dry_run: bool = False,
    mapping: Path | None = None,
    reader: Reader | None = None,
) -> LoadReport:
    """Read, validate and publish `sources` into the warehouse, or raise LoadRefusedError.

    `problems` are those already found in finding the sources. Sources identical to their last
    load are not read again. The rows are read into a copy of the published version, checked
    there, and the copy is published only when nothing is wrong.
    """
    files = [str(path) for source in sources for path in source.files]
    with publish.exclusive(db_path):
        publish.remove_unpublished(db_path)
        unchanged = _unchanged_sources(db_path, sources)
        if not problems and sources and len(unchanged) == len(sources):
            return LoadReport(None, files, [s.source_id for s in sources], unchanged)
        work = publish.next_file(db_path)
        published = False
        try:
            progress(_("copying the warehouse"), 0.02)
            current = publish.current_file(db_path)
            if current is not None:
                shutil.copyfile(current, work)
            connection = duckdb.connect(str(work), config=LOAD_DUCKDB_CONFIG)
            try:
                staging.create_schema(connection)
                changed = [s for s in sources if s.source_id not in unchanged]
                incoming = _Incoming(connection)
                if changed or not sources:  # no source at all: say no file was found
                    problems = problems + read_and_cast(
                        incoming.add, changed, progress, mapping, reader
                    )
                report = _load_into(connection, changed, incoming, problems, loaded_by, progress)
                connection.execute("checkpoint")
            finally:
                connection.close()
            if not dry_run:
                progress(_("publishing"), 0.98)
                publish.publish(db_path, work)
                published = True
            progress(_("done"), 1.0)
            return LoadReport(
                report.load_id, files, [s.source_id for s in sources], unchanged, report.changes
            )
        finally:
            if not published:
                work.unlink(missing_ok=True)


def _unchanged_sources(db_path: Path, sources: list[Source]) -> list[str]:
    """Sources whose digest equals the one their last load recorded."""
    if not db_path.exists():
        return []
    with duckdb.connect(str(db_path), read_only=True) as connection:
        tables = {r[0] for r in connection.execute("show tables").fetchall()}
        if "load_batches" not in tables:
            return []
        rows = connection.execute(
            "select source_id, arg_max(source_digest, load_id) from load_batches"
            " where source_id in $ids group by source_id",
            {"ids": [s.source_id for s in sources]},
        ).fetchall()
    last = dict(rows)
    return [s.source_id for s in sources if last.get(s.source_id) == s.digest]


def _load_into(
    connection: duckdb.DuckDBPyConnection,
    sources: list[Source],
    incoming: _Incoming,
    problems: list[Problem],
    loaded_by: str,
    progress: Progress,
) -> LoadReport:
    [(load_id,)] = connection.execute(
        "select coalesce(max(load_id), 0) + 1 from load_batches"
    ).fetchall()
    changes: dict[str, dict[str, SheetChange]] = {}
    for index, source in enumerate(sources):
        progress(
            _("staging {source}").format(source=source.source_id),
            0.6 + 0.2 * index / max(len(sources), 1),
        )
        carried = incoming.carried(source.source_id)
        problems = problems + _missing_sheets(connection, source, carried)
        for sheet in SHEETS:
            if sheet.name in carried:
                problems += _duplicates(connection, sheet, source.source_id)
        changes[source.source_id] = {
            sheet.name: _replace(connection, sheet, source.source_id, carried[sheet.name], load_id)
            for sheet in SHEETS
            if sheet.name in carried
        }
    written = {s.staging_table for s in SHEETS for c in changes.values() if s.name in c}
    problems += _cross_sheet_problems(connection, load_id, written)
    if problems:
        raise LoadRefusedError(problems)
    progress(_("building the warehouse models"), 0.85)
    every_check = staging.staging_checks() + models.model_checks()
    fingerprint = models.fingerprint(
        connection,
        [*map(staging.staging_ddl, SHEETS), *(c.failing_rows_sql for c in every_check)],
    )
    # Models and checks of tables this load did not write came out the same last time, and
    # passed: a small load (one review entered in the app) redoes only what it changed.
    if models.built_fingerprint(connection) == fingerprint:
        rebuilt = models.build(connection, written)
        checks = reading(every_check, written | rebuilt)
    else:
        models.build(connection)
        checks = every_check
    progress(_("checking the warehouse"), 0.9)
    failures = run_checks(connection, checks)
    if failures:
        raise LoadRefusedError(
            [Problem("warehouse", f.check.table, 0, "", str(f)) for f in failures]
        )
    models.record_fingerprint(connection, fingerprint)
    _record_batch(connection, load_id, sources, changes, loaded_by)
    return LoadReport(load_id, [], [s.source_id for s in sources], [], changes)


def _record_batch(
    connection: duckdb.DuckDBPyConnection,
    load_id: int,
    sources: list[Source],
    changes: dict[str, dict[str, SheetChange]],
    loaded_by: str,
) -> None:
    now = datetime.now()
    for source in sources:
        connection.execute(
            "insert into load_batches values ($id, $source, $digest, $at, $by, $files)",
            {
                "id": load_id,
                "source": source.source_id,
                "digest": source.digest,
                "at": now,
                "by": loaded_by,
                "files": [str(f) for f in source.files],
            },
        )
    rows = [
        {
            "load_id": load_id,
            "source_id": source_id,
            "sheet": sheet,
            "rows_loaded": c.loaded,
            "rows_added": c.added,
            "rows_changed": c.changed,
            "rows_removed": c.removed,
        }
        for source_id, sheets in changes.items()
        for sheet, c in sheets.items()
    ]
    if rows:
        connection.register("batch_sheets", pl.DataFrame(rows))
        connection.execute("insert into load_batch_sheets select * from batch_sheets")
        connection.unregister("batch_sheets")


def _missing_sheets(
    connection: duckdb.DuckDBPyConnection, source: Source, carried: dict[str, int]
) -> list[Problem]:
    """A sheet this source carried before must still be there (empty, to delete its rows)."""
    problems = []
    for sheet in SHEETS:
        if sheet.name in carried:
            continue
        [(before,)] = connection.execute(
            "select count(*) from " + sheet.staging_table + " where _source = $source",
            {"source": source.source_id},
        ).fetchall()
        if before:
            problems.append(
                Problem(
                    str(source.files[0]) if source.files else source.source_id,
                    sheet.name,
                    0,
                    "",
                    _(
                        "missing sheet: this source carried {rows} row(s) of it before (keep the "
                        "sheet, even empty, to remove them)"
                    ).format(rows=before),
                )
            )
    return problems


def _replace(
    connection: duckdb.DuckDBPyConnection,
    sheet: Sheet,
    source_id: str,
    rows: int,
    load_id: int,
) -> SheetChange:
    """Replace what the source carried of this sheet with its incoming rows; count the change."""
    table = sheet.staging_table
    key = identifiers(sheet.key)
    data = identifiers([c.name for c in sheet.columns])
    columns = data + ", _file, _sheet, _row, _load_id, _source"
    fingerprint = "hash(row(" + data + "))"
    connection.execute(
        "create or replace temp table previous as select "
        + key
        + ", "
        + fingerprint
        + " as fingerprint from "
        + table
        + " where _source = $source",
        {"source": source_id},
    )
    incoming = "(select * from " + _Incoming.table(sheet) + " where _source = $source)"
    # Rows of this source, and rows of other sources with a key this source now carries.
    connection.execute("delete from " + table + " where _source = $source", {"source": source_id})
    connection.execute(
        "delete from "
        + table
        + " where ("
        + key
        + ") in (select ("
        + key
        + ") from "
        + incoming
        + ")",
        {"source": source_id},
    )
    connection.execute(
        "insert into "
        + table
        + " ("
        + columns
        + ") select "
        + data
        + ", _file, _sheet, _row, $load_id, _source from "
        + incoming,
        {"source": source_id, "load_id": load_id},
    )
    [(before,)] = connection.execute("select count(*) from previous").fetchall()
    if not before:  # a first load: everything is new, no need to compare millions of rows
        return SheetChange(rows, rows, 0, 0)
    [(added, changed, removed)] = connection.execute(
        "with current_rows as (select "
        + key
        + ", "
        + fingerprint
        + " as fingerprint from "
        + table
        + " where _source = $source and _load_id = $load_id) "
        "select count(*) filter (where p.fingerprint is null),"
        " count(*) filter (where p.fingerprint <> c.fingerprint),"
        " (select count(*) from previous where ("
        + key
        + ") not in (select ("
        + key
        + ") from current_rows))"
        " from current_rows as c left join previous as p using (" + key + ")",
        {"source": source_id, "load_id": load_id},
    ).fetchall()
    return SheetChange(rows, int(added), int(changed), int(removed))


def _cross_sheet_problems(
    connection: duckdb.DuckDBPyConnection, load_id: int, written: set[str]
) -> list[Problem]:
    """Rules of this load's rows, and references of every row, against everything now staged.

    References are checked for all rows of a table written or referring to a table written:
    a new version of a source may remove a record that another source's rows point at. Those of
    tables untouched on both sides held at the last load and still do.
    """
    problems: list[Problem] = []
    for sheet in SHEETS:
        table = sheet.staging_table
        for rule in sheet.rules if table in written else ():
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
            if not {table, target} & written:
                continue
            match = " and ".join(
                "t." + identifier(tc) + " = s." + identifier(c)
                for c, tc in zip(ref.columns, ref.target_columns, strict=True)
            )
            present = " and ".join("s." + identifier(c) + " is not null" for c in ref.columns)
            shown = " || ' / ' || ".join("s." + identifier(c) for c in ref.columns)
            sql = (
                "select s._file, s._sheet, s._row, " + shown + " from " + table + " as s"
                " where "
                + present
                + " and not exists (select 1 from "
                + target
                + " as t where "
                + match
                + ")"
            )
            for file, sheet_name, row, value in connection.execute(sql).fetchall():
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
