"""Run named queries: `warehouse/queries/NAME.sql` with `$parameters`, returning polars frames.

Callers pass values, never SQL text. The viewer's visibility levels (`$visible`) and organisation
(`$viewer_org`), and the reader's language (`$language`), are bound to every query that mentions
them, so access rules live in the SQL that reads the data.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from atlas.i18n import current_language
from warehouse.guards import without_empty_guards
from warehouse.viewer import PUBLIC, STAFF, Viewer

QUERY_DIR = Path(__file__).with_name("queries")
_PARAMETER = re.compile(r"\$([a-z_][a-z0-9_]*)")
_NAME = re.compile(r"[a-z][a-z0-9_]*")


_INCLUDE = re.compile(r"^-- include: ([a-z_]+)$", re.MULTILINE)


def _with_includes(text: str) -> str:
    """`-- include: NAME` lines replaced by `queries/fragments/NAME.sql`, itself with its own."""
    return _INCLUDE.sub(
        lambda m: _with_includes(
            (QUERY_DIR / "fragments" / f"{m.group(1)}.sql").read_text(encoding="utf-8")
        ),
        text,
    )


@cache
def sql_of(name: str) -> str:
    """The query's SQL, with `-- include: NAME` lines replaced by `queries/fragments/NAME.sql`
    (a fragment may include another), so a filter shared by several queries is written once."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    return _with_includes((QUERY_DIR / f"{name}.sql").read_text(encoding="utf-8"))


def fragment_sql(name: str) -> str:
    """A fragment's SQL (`queries/fragments/NAME.sql`) with its own includes."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a fragment name: {name!r}")
    return _with_includes(f"-- include: {name}")


_COMMENT = re.compile(r"--[^\n]*")


@lru_cache(maxsize=1024)
def parameters_of(sql: str) -> frozenset[str]:
    """The parameters the statement binds (those its comments name are not bound)."""
    return frozenset(_PARAMETER.findall(_COMMENT.sub("", sql)))


# Bound to every query by `run`, from who reads and in which language.
AUTOMATIC = frozenset({"visible", "viewer_org", "language"})


def depends_only_on_reader(name: str) -> bool:
    """True when the query takes no parameter of its own: its answer is fixed for a warehouse
    version, a viewer and a language (the programme list, the organisations), so it may be kept."""
    return parameters_of(sql_of(name)) <= AUTOMATIC


def available() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


# DuckDB warns that Arrow from an executed statement copies its rows once more: the answers are
# pages and aggregates, and `execute` binds the statement once where `sql()` binds it twice.
warnings.filterwarnings("ignore", "Arrow output on a DB-API result", UserWarning)


def fetch(
    cursor: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None
) -> pl.DataFrame:
    """Run one statement and return its rows as a polars frame.

    Through `execute`, not the relational `cursor.sql(...).pl()`: that binds and plans the
    statement twice, 3 ms more on every query of the pages (more than most of them take)."""
    table = cursor.execute(sql, params or {}).to_arrow_table()
    if table is None:
        raise ValueError("the statement returned no rows to read")
    frame = pl.from_arrow(table.rename_columns(_unique(table.column_names)))
    assert isinstance(frame, pl.DataFrame)
    return frame


def nested(answer: pl.DataFrame, column: str) -> pl.DataFrame:
    """The rows a one-row answer holds as a list of structs in `column` (`list(rows order by
    ...)`, several answers in one statement) as a frame of their own, in their order; none
    (SQL's NULL list) as an empty frame with the struct's columns."""
    dtype = answer.schema[column]
    assert isinstance(dtype, pl.List) and isinstance(dtype.inner, pl.Struct), (column, dtype)
    rows = answer[column][0]
    if rows is None:
        return pl.DataFrame(schema={field.name: field.dtype for field in dtype.inner.fields})
    return rows.struct.unnest()


def _unique(names: list[str]) -> list[str]:
    """Repeated column names as `.pl()` names them: the second `x` becomes `x_1`, and so on."""
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        unique.append(f"{name}_{count}" if count else name)
    return unique


# The newest outcomes each outcome group keeps (`agg_outcome_group_recent`).
RECENT_PER_GROUP = 100


def _opening_outcomes_page(params: Mapping[str, Any]) -> bool:
    """The outcomes table as it opens, newest first with no words to search: its first hundred
    rows are among the newest each selected group keeps."""
    return (
        params.get("sort_col") == "observed_on"
        and params.get("sort_dir") == "desc"
        and not params.get("terms")
        and params["offset"] + params["limit"] <= RECENT_PER_GROUP
    )


# Queries answered by a shorter one where their parameters allow: the same rows, and less for
# DuckDB to bind and plan at every request.
SHORTER: dict[str, tuple[str, Callable[[Mapping[str, Any]], bool]]] = {
    "outcomes_page": ("outcomes_newest", _opening_outcomes_page),
}


def run(
    cursor: duckdb.DuckDBPyConnection, name: str, viewer: Viewer, **params: Any
) -> pl.DataFrame:
    """Run the named query on `cursor` (one request's cursor: one warehouse version)."""
    if name in SHORTER and SHORTER[name][1](params):
        name = SHORTER[name][0]
    if _is_kept(name, viewer, params):
        try:
            return fetch(cursor, _kept_sql(name), {"visible": viewer.visible_levels()})
        except duckdb.CatalogException:  # a warehouse published before answers were kept
            pass
    bound = {
        "visible": viewer.visible_levels(),
        "viewer_org": viewer.organisation,
        "language": current_language(),  # texts in the reader's language where translated
        **params,
    }
    missing = parameters_of(sql_of(name)) - bound.keys()
    if missing:
        raise TypeError(f"query {name} needs parameters {sorted(missing)}")
    sql = without_empty_guards(sql_of(name), bound)
    return fetch(cursor, sql, {k: bound[k] for k in parameters_of(sql)})


# Answers kept at load for the views pages open on, and meetings with them: no filter at all,
# read by staff or by the public (readers without an organisation of their own). These are the
# heaviest answers of their pages (every record of the programmes): the map's took 50-60 ms at
# 1M and 10M exchanges, the outcomes', the programmes' comparison and the network's 20-35 ms;
# kept, each is one row read.
# The filters' parameters when nothing is chosen, as the pages pass them (`ViewState`).
NO_FILTER: dict[str, Any] = {
    "programmes": [],
    "themes": [],
    "modalities": [],
    "organisations": [],
    "regions": [],
    "year_from": None,
    "year_to": None,
}
NO_OUTCOME_FILTER: dict[str, Any] = {
    "programmes": [],
    "themes": [],
    "levels": [],
    "outcome_types": [],
    "substantiation": [],
    "countries": [],
    "organisations": [],
    "regions": [],
    "positive": None,
    "intended": None,
    "illustrative": None,
    "terms": [],
    "year_from": None,
    "year_to": None,
}
KEPT: dict[str, dict[str, Any]] = {  # query: its parameters when nothing is chosen
    "map_view": NO_FILTER,
    "network_pairs": NO_FILTER,
    "outcomes_overview": NO_OUTCOME_FILTER,
    "programme_comparison": {"themes": []},
}
KEPT_READERS = (STAFF, PUBLIC)


def kept_table(name: str) -> str:
    """The table of the named query's kept answers: `visible` (the reader's visibility levels),
    then the query's columns."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"not a query name: {name!r}")
    return "kept_" + name


def _is_kept(name: str, viewer: Viewer, params: dict[str, Any]) -> bool:
    # by what the queries read of a reader: admins read what staff read
    return (
        name in KEPT
        and params == KEPT[name]
        and viewer.organisation is None
        and any(viewer.visible_levels() == reader.visible_levels() for reader in KEPT_READERS)
    )


def _kept_sql(name: str) -> str:
    # the table is named after a query of KEPT, checked by kept_table; the reader is a parameter
    return "select * exclude (visible) from " + kept_table(name) + " where visible = $visible"  # noqa: S608


def keep_answers(connection: duckdb.DuckDBPyConnection) -> None:
    """(Re)compute the kept answers of the warehouse `connection` writes, once its models are
    built: each query of KEPT with nothing chosen, for each reader of KEPT_READERS."""
    for name, nothing_chosen in KEPT.items():
        sql = sql_of(name)
        if parameters_of(sql) != nothing_chosen.keys() | {"visible", "viewer_org"}:
            raise ValueError(f"query {name} takes more than its filter: its answer is not kept")
        table = kept_table(name)
        connection.execute("drop table if exists " + table)
        for index, reader in enumerate(KEPT_READERS):
            into = "create table " + table + " as" if index == 0 else "insert into " + table
            connection.execute(
                into + " select $visible::varchar[] as visible, * from (\n" + sql + "\n)",  # noqa: S608
                {**nothing_chosen, "visible": reader.visible_levels(), "viewer_org": None},
            )
