"""Staging and reference tables of the warehouse, derived from the data contract.

Staging tables hold the accepted intake records, typed, one table per sheet, each row with the
file, sheet and row it came from. Reference tables hold the code lists and the countries.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import polars as pl

from etl.contract import SHEETS, Sheet
from warehouse import checks
from warehouse.checks import Check, identifier
from warehouse.codes import CODE_LISTS

COUNTRIES_CSV = Path(__file__).resolve().parents[1] / "warehouse" / "reference" / "countries.csv"
# Where each staged row came from: its file, sheet and row, its load batch and its source.
PROVENANCE_COLUMNS = {
    "_file": "varchar",
    "_sheet": "varchar",
    "_row": "integer",
    "_load_id": "integer",
    "_source": "varchar",
}


def staging_ddl(sheet: Sheet) -> str:
    columns = [identifier(c.name) + " " + c.sql_type for c in sheet.columns]
    columns += [name + " " + sql_type for name, sql_type in PROVENANCE_COLUMNS.items()]
    return "create table if not exists " + sheet.staging_table + " (" + ", ".join(columns) + ")"


def create_schema(connection: duckdb.DuckDBPyConnection) -> None:
    """Create whatever is missing: staging tables, reference tables and the load log."""
    for sheet in SHEETS:
        connection.execute(staging_ddl(sheet))
    # A warehouse published before a column joined the contract gains it, empty.
    present = set(
        connection.execute(
            "select table_name, column_name from information_schema.columns"
            " where table_catalog = current_database() and table_schema = current_schema()"
        ).fetchall()
    )
    for sheet in SHEETS:
        for column in sheet.columns:
            if (sheet.staging_table, column.name) not in present:
                connection.execute(
                    "alter table "
                    + sheet.staging_table
                    + " add column "
                    + identifier(column.name)
                    + " "
                    + column.sql_type
                )
    connection.execute(
        "create table if not exists load_batches (load_id integer, source_id varchar,"
        " source_digest varchar, loaded_at timestamp, loaded_by varchar, files varchar[],"
        " primary key (load_id, source_id))"
    )
    connection.execute(
        "create table if not exists load_batch_sheets (load_id integer, source_id varchar,"
        " sheet varchar, rows_loaded integer, rows_added integer, rows_changed integer,"
        " rows_removed integer)"
    )
    codes = pl.DataFrame(
        [
            {"list_name": name, "code": c.code, "label": c.label, "position": i}
            for name, items in CODE_LISTS.items()
            for i, c in enumerate(items)
        ]
    )
    connection.register("codes_frame", codes)
    connection.execute("create or replace table ref_code as select * from codes_frame")
    connection.unregister("codes_frame")
    connection.execute(
        "create or replace table ref_country as select * from read_csv($path, header = true,"
        " all_varchar = true)",
        {"path": str(COUNTRIES_CSV)},
    )
    connection.execute(
        "create or replace table ref_country as select country_code, alpha3, name,"
        " nullif(region, '') as region, nullif(subregion, '') as subregion,"
        " try_cast(centroid_lat as double) as centroid_lat,"
        " try_cast(centroid_lon as double) as centroid_lon from ref_country"
    )


def staging_checks() -> list[Check]:
    """The contract's rules as checks on the staging tables: keys, codes, references, row rules."""
    found: list[Check] = []
    for sheet in SHEETS:
        table = sheet.staging_table
        found.append(checks.unique(table, sheet.key))
        for column in sheet.columns:
            if column.required:
                found.append(checks.not_null(table, column.name))
            if column.codes:
                found.append(checks.accepted(table, column.name, column.codes))
            if column.type == "country":
                found.append(
                    checks.relationship(table, (column.name,), "ref_country", ("country_code",))
                )
            if column.minimum is not None:
                found.append(checks.expect(table, column.name + " >= " + repr(column.minimum)))
        for ref in sheet.references:
            target = "stg_" + ref.sheet
            found.append(checks.relationship(table, ref.columns, target, ref.target_columns))
        found.extend(checks.expect(table, rule.expression) for rule in sheet.rules)
    return found
