"""SQL models, one per file in `models/`: the file name is the table, its header the contract.

A header is a block of `-- key: value` comments at the top of the file:

    -- grain: one row per exchange
    -- unique: exchange_id
    -- not_null: exchange_id, programme_code
    -- relationship: host_org_code -> dim_organisation.org_code
    -- accepted: modality from modality
    -- expect: women_participations <= participations

A check the model's SQL guarantees whatever the data, and that costs seconds at every load, is
declared with `_by_construction` after its kind (`-- unique_by_construction: outcome_key, term`)
and a comment saying why it holds: the tests run it on every model they build, the loader does
not.

Models are materialised as tables in dependency order (a model depends on the tables it names).
A load that changed a few tables rebuilds only the models that read them, directly or through
other models, as long as nothing else they are computed from changed (`fingerprint`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

from warehouse import checks, query
from warehouse.checks import Check, identifier, names_in

MODEL_DIR = Path(__file__).with_name("models")
_HEADER = re.compile(r"^--\s*([a-z_]+):\s*(.+?)\s*$")
_RELATIONSHIP = re.compile(r"([\w, ]+?)\s*->\s*(\w+)\.([\w, ]+)")
_ACCEPTED = re.compile(r"(\w+)\s+from\s+(\w+)")
_BY_CONSTRUCTION = "_by_construction"


@dataclass(frozen=True)
class Model:
    name: str
    path: Path
    sql: str
    grain: str
    checks: tuple[Check, ...] = field(default=())  # run at every load
    proven: tuple[Check, ...] = field(default=())  # guaranteed by the SQL; run by the tests

    def dependencies(self, names: set[str]) -> set[str]:
        return (names_in(self.sql) & names) - {self.name}


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parse_model(path: Path) -> Model:
    name = identifier(path.stem)
    text = path.read_text(encoding="utf-8")
    grain = ""
    found: list[Check] = []
    proven: list[Check] = []
    for line in text.splitlines():
        match = _HEADER.match(line)
        if not match:
            if line.strip() and not line.startswith("--"):
                break
            continue
        key, value = match.groups()
        if key == "grain":
            grain = value
            continue
        kind = key.removesuffix(_BY_CONSTRUCTION)
        (proven if kind != key else found).extend(_checks(path, name, kind, value))
    if not grain:
        raise ValueError(f"{path.name}: a model states its grain")
    return Model(
        name=name, path=path, sql=text, grain=grain, checks=tuple(found), proven=tuple(proven)
    )


def _checks(path: Path, table: str, kind: str, value: str) -> list[Check]:
    """The checks of one header line: `kind: value`."""
    if kind == "unique":
        return [checks.unique(table, _split(value))]
    if kind == "not_null":
        return [checks.not_null(table, column) for column in _split(value)]
    if kind == "relationship":
        rel = _RELATIONSHIP.fullmatch(value)
        if rel is None:
            raise ValueError(f"{path.name}: cannot read relationship {value!r}")
        columns, target, target_columns = rel.groups()
        return [checks.relationship(table, _split(columns), target, _split(target_columns))]
    if kind == "accepted":
        acc = _ACCEPTED.fullmatch(value)
        if acc is None:
            raise ValueError(f"{path.name}: cannot read accepted values {value!r}")
        return [checks.accepted(table, acc.group(1), acc.group(2))]
    if kind == "expect":
        return [checks.expect(table, value)]
    raise ValueError(f"{path.name}: unknown header key {kind!r}")


@cache
def all_models() -> tuple[Model, ...]:
    """Every model, in an order where each comes after the models it reads."""
    models = {m.name: m for m in map(parse_model, sorted(MODEL_DIR.glob("**/*.sql")))}
    names = set(models)
    graph = {name: model.dependencies(names) for name, model in models.items()}
    return tuple(models[name] for name in TopologicalSorter(graph).static_order())


MACROS = Path(__file__).with_name("macros.sql")


def build(
    connection: duckdb.DuckDBPyConnection, changed: Collection[str] | None = None
) -> set[str]:
    """(Re)materialise the models as tables, then the answers kept from them for the views
    opened most (`warehouse.query.keep_answers`); return the models rebuilt.

    With `changed` (the tables a load wrote), only the models reading one of them, or a model
    rebuilt before them, are rebuilt, and those missing: the others would come out the same.
    Only when `fingerprint` is what it was at the last build: the caller checks."""
    connection.execute(MACROS.read_text(encoding="utf-8"))
    present = {r[0] for r in connection.execute("show tables").fetchall()}
    rebuilt: set[str] = set()
    for model in all_models():
        if (
            changed is None
            or model.name not in present
            or model.dependencies(set(changed) | rebuilt)
        ):
            connection.execute("create or replace table " + model.name + " as " + model.sql)
            rebuilt.add(model.name)
    query.keep_answers(connection)
    return rebuilt


def fingerprint(connection: duckdb.DuckDBPyConnection, definitions: Iterable[str]) -> str:
    """A digest of what the models and their checks are computed by, besides the loaded rows:
    the models' SQL and macros, the reference tables' rows, DuckDB's version, and the caller's
    `definitions` (the checks and staging tables). While it stays the same, a model whose
    input tables did not change would be rebuilt the same, and a check of them pass again."""
    digest = hashlib.sha256(duckdb.__version__.encode())
    texts = [MACROS.read_text(encoding="utf-8"), *(m.sql for m in all_models()), *definitions]
    for text in texts:
        digest.update(text.encode() + b"\0")
    references = sorted({name for t in texts for name in names_in(t) if name.startswith("ref_")})
    for table in references:  # built from the code at each load; a new release may change them
        [(rows,)] = connection.execute(
            "select md5(string_agg(r::varchar, chr(10) order by r::varchar)) from "  # noqa: S608 (a table our models name)
            + identifier(table)
            + " as r"
        ).fetchall()
        digest.update(f"{table}:{rows}\0".encode())
    return digest.hexdigest()


def built_fingerprint(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint recorded with the models now in the warehouse (None: not recorded)."""
    try:
        rows = connection.execute("select fingerprint from model_fingerprint").fetchall()
    except duckdb.CatalogException:
        return None
    return str(rows[0][0]) if rows else None


def record_fingerprint(connection: duckdb.DuckDBPyConnection, value: str) -> None:
    connection.execute(
        "create or replace table model_fingerprint as select $value as fingerprint",
        {"value": value},
    )


def model_checks() -> list[Check]:
    """The checks every load runs."""
    return [check for model in all_models() for check in model.checks]


def proven_checks() -> list[Check]:
    """The checks the models' SQL guarantees, for the tests to hold it to."""
    return [check for model in all_models() for check in model.proven]
