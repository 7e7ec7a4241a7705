"""A small load rebuilds only the models that read what it wrote, and comes out as a full build.

Publishing a review entered in the app into a warehouse of 10M exchanges used to rebuild every
model (about half an hour); the loader now rebuilds the models downstream of the tables it wrote
and runs the checks that read them, as long as the models' and checks' definitions and the
reference tables are those of the last build (`warehouse.models.fingerprint`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from etl import load, staging
from etl.errors import LoadRefusedError
from warehouse import models
from warehouse.checks import reading

NEW_EXCHANGE = (
    "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
    "EX-2026-950,2022-2026,joint_action,New,union_rights,2026-05-01,2026-05-02,{host}\n"
)
ORGANISATIONS = "org_code,acronym,name,country_code,org_type,role\n{rows}"


def _folder(root: Path, name: str, files: dict[str, str]) -> Path:
    folder = root / name
    folder.mkdir(exist_ok=True)
    for file, text in files.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


def _copy(sample_warehouse: Path, tmp_path: Path) -> Path:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    return db


def _models(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every model's rows, sorted: a model without `order by` may store them in any order."""
    with duckdb.connect(str(db), read_only=True) as connection:
        return {
            m.name: sorted(connection.execute("select * from " + m.name).fetchall(), key=repr)
            for m in models.all_models()
        }


def test_a_small_load_comes_out_as_a_full_build(sample_warehouse: Path, tmp_path: Path) -> None:
    db = _copy(sample_warehouse, tmp_path)
    load([_folder(tmp_path, "new", {"exchanges.csv": NEW_EXCHANGE.format(host="CNT-NE")})], db)
    with duckdb.connect(str(db), read_only=True) as connection:
        new = "select count(*) from fct_exchange where exchange_id = 'EX-2026-950'"
        assert connection.execute(new).fetchall() == [(1,)]
    incremental = _models(db)
    full = tmp_path / "full.duckdb"
    shutil.copyfile(db.resolve(), full)
    with duckdb.connect(str(full)) as connection:
        assert models.build(connection) == {m.name for m in models.all_models()}
    assert _models(full) == incremental


def test_only_the_models_downstream_of_the_tables_written_are_rebuilt(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = _copy(sample_warehouse, tmp_path)
    with duckdb.connect(str(db.resolve())) as connection:
        assert models.build(connection, {"stg_outcome_reviews"}) == {"fct_outcome_review"}
        after_exchanges = models.build(connection, {"stg_exchanges"})
        assert {"fct_exchange", "agg_exchange_group", "agg_exchange_programme"} <= after_exchanges
        assert not {"fct_outcome", "dim_country", "fct_objective_score"} & after_exchanges
        assert models.build(connection, set()) == set()
        connection.execute("drop table dim_theme")  # a model missing is built
        assert "dim_theme" in models.build(connection, set())


def test_a_model_not_downstream_is_kept_until_a_definition_changes(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    """A model the load does not reach is left as it was, even when it was tampered with; once
    the fingerprint differs (a new release: a model, a check or a code list changed), every
    model is rebuilt from the staging tables."""
    db = _copy(sample_warehouse, tmp_path)

    def tamper() -> None:
        with duckdb.connect(str(db.resolve())) as connection:
            connection.execute("update dim_country set name = 'tampered'")

    def tampered() -> int:
        with duckdb.connect(str(db), read_only=True) as connection:
            [(count,)] = connection.execute(
                "select count(*) from dim_country where name = 'tampered'"
            ).fetchall()
        return int(count)

    tamper()
    assert tampered() == 249  # every country
    load([_folder(tmp_path, "a", {"exchanges.csv": NEW_EXCHANGE.format(host="CNT-NE")})], db)
    assert tampered() == 249  # not downstream of stg_exchanges: not rebuilt
    with duckdb.connect(str(db.resolve())) as connection:
        models.record_fingerprint(connection, "the fingerprint of an earlier release")
    renamed = NEW_EXCHANGE.format(host="CNT-NE").replace(",New,", ",Renamed,")
    load([_folder(tmp_path, "a", {"exchanges.csv": renamed})], db)
    assert tampered() == 0


def test_the_checks_run_are_those_reading_a_table_written() -> None:
    every_check = staging.staging_checks() + models.model_checks()
    chosen = reading(every_check, {"stg_organisations"})
    # the references to the organisations from records of other sheets, not written
    assert {"stg_exchanges", "stg_organisations"} <= {c.table for c in chosen}
    assert all(
        c.table == "stg_organisations" or "stg_organisations" in c.failing_rows_sql for c in chosen
    )
    assert len(chosen) < len(every_check) / 4


def test_a_small_load_refuses_a_reference_it_breaks_in_records_it_did_not_write(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    """Source "b" hosts an exchange at an organisation source "a" defines; "a" taking it back
    writes only the organisations, yet the exchange's reference is found broken."""
    db = _copy(sample_warehouse, tmp_path)
    organisation = "TEST-ORG,TEST,Test union,NE,union,partner\n"
    other = "OTHER-ORG,OTHER,Other union,NE,union,partner\n"
    load(
        [_folder(tmp_path, "a", {"organisations.csv": ORGANISATIONS.format(rows=organisation)})], db
    )
    load([_folder(tmp_path, "b", {"exchanges.csv": NEW_EXCHANGE.format(host="TEST-ORG")})], db)
    before = db.resolve().read_bytes()
    with pytest.raises(LoadRefusedError) as refused:
        load([_folder(tmp_path, "a", {"organisations.csv": ORGANISATIONS.format(rows=other)})], db)
    # named where an operator can fix it: the exchange's file, row and column
    assert [
        (Path(p.file).parent.name, Path(p.file).name, p.row, p.column)
        for p in refused.value.problems
        if "TEST-ORG" in p.message
    ] == [("b", "exchanges.csv", 2, "host_org_code")]
    assert db.resolve().read_bytes() == before
