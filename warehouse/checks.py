"""Data checks, dbt-style: each check is a query for the rows that break a rule; none may return.

Model files declare their checks in their header (see `warehouse.models`); the loader adds checks
derived from the data contract. Table and column names come from those trusted files, and are
still validated as plain identifiers before they are placed in SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb

_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


def identifier(name: str) -> str:
    if not _IDENTIFIER.fullmatch(name):
        raise ValueError(f"not a plain identifier: {name!r}")
    return name


def identifiers(names: str | tuple[str, ...] | list[str]) -> str:
    items = [names] if isinstance(names, str) else list(names)
    return ", ".join(identifier(n.strip()) for n in items)


@dataclass(frozen=True)
class Check:
    table: str
    kind: str  # unique | not_null | relationship | accepted | expect
    description: str
    failing_rows_sql: str
    # For checks of one row at a time: when a row (aliased `s`) breaks the rule. These are
    # counted together, one scan per table, and only a broken rule is queried for examples.
    failing_condition: str | None = None


@dataclass(frozen=True)
class CheckFailure:
    check: Check
    failing_rows: int
    examples: list[tuple[object, ...]]

    def __str__(self) -> str:
        shown = "; ".join(str(e) for e in self.examples)
        return (
            f"{self.check.table}: {self.check.kind} {self.check.description}: "
            f"{self.failing_rows} row(s) fail, e.g. {shown}"
        )


def unique(table: str, columns: tuple[str, ...]) -> Check:
    cols = identifiers(columns)
    sql = (
        "select "
        + cols
        + ", count(*) as n from "
        + identifier(table)
        + " group by all having count(*) > 1"
    )
    return Check(table, "unique", cols, sql)


def not_null(table: str, column: str) -> Check:
    condition = "s." + identifier(column) + " is null"
    return Check(table, "not_null", column, _rows_where(table, condition), condition)


def relationship(
    table: str, columns: tuple[str, ...], target: str, target_columns: tuple[str, ...]
) -> Check:
    """Every non-null value of `columns` exists as `target_columns` in `target`."""
    pairs = " and ".join(
        "t." + identifier(tc) + " = s." + identifier(c)
        for c, tc in zip(columns, target_columns, strict=True)
    )
    present = " and ".join("s." + identifier(c) + " is not null" for c in columns)
    sql = (
        "select s.* from "
        + identifier(table)
        + " as s where "
        + present
        + " and not exists (select 1 from "
        + identifier(target)
        + " as t where "
        + pairs
        + ")"
    )
    description = f"({identifiers(columns)}) -> {target}({identifiers(target_columns)})"
    return Check(table, "relationship", description, sql)


def accepted(table: str, column: str, code_list: str) -> Check:
    """Every non-null value is a code of `code_list` in the ref_code table."""
    condition = (
        "s."
        + identifier(column)
        + " is not null and s."
        + identifier(column)
        + " not in (select code from ref_code"
        " where list_name = '" + identifier(code_list) + "')"
    )
    return Check(
        table, "accepted", f"{column} from {code_list}", _rows_where(table, condition), condition
    )


def expect(table: str, expression: str) -> Check:
    """Rows where the boolean `expression` is false (NULL passes, as in dbt's expression tests).

    The expression is written in a model file or the data contract, never taken from input.
    """
    condition = "not coalesce((" + expression + "), true)"
    return Check(table, "expect", expression, _rows_where(table, condition), condition)


def _rows_where(table: str, condition: str) -> str:
    return "select s.* from " + identifier(table) + " as s where " + condition


def names_in(sql: str) -> set[str]:
    """Every word of `sql` that could name a table (comments included: at worst, one more
    model is rebuilt or one more check run)."""
    return set(re.findall(r"\b[a-z_][a-z0-9_]*\b", sql))


def reading(checks: list[Check], tables: set[str]) -> list[Check]:
    """The checks that read one of `tables`: of its rows, or of rows it refers to."""
    return [c for c in checks if c.table in tables or names_in(c.failing_rows_sql) & tables]


def run_checks(
    connection: duckdb.DuckDBPyConnection, checks: list[Check], examples: int = 3
) -> list[CheckFailure]:
    """Every check's failures. Row checks are counted in one scan per table: 2M outcomes have
    a dozen such rules, and scanning once for each cost seconds per load."""
    counts: dict[Check, int] = {}
    by_table: dict[str, list[Check]] = {}
    for check in checks:
        if check.failing_condition is None:
            counts[check] = -1  # counted below, with its rows
        else:
            by_table.setdefault(check.table, []).append(check)
    for table, row_checks in by_table.items():
        filters = ", ".join(
            "count(*) filter (where " + str(c.failing_condition) + ")" for c in row_checks
        )
        row = connection.execute("select " + filters + " from " + identifier(table) + " as s")
        counts.update(zip(row_checks, row.fetchone() or (), strict=True))
    failures = []
    for check in checks:
        if counts[check] == 0:
            continue
        rows = connection.execute(check.failing_rows_sql).fetchall()
        if rows:
            failures.append(CheckFailure(check, len(rows), rows[:examples]))
    return failures
