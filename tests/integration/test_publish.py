"""Publishing while serving: requests in flight finish on their version, the next see the new."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl

from etl import load
from etl.sample import sample_records
from warehouse.connection import ReadOnlyWarehouse


def _exchanges(cursor: duckdb.DuckDBPyConnection) -> int:
    [(count,)] = cursor.execute("select count(*) from fct_exchange").fetchall()
    return int(count)


def _new_exchange(folder: Path, number: int) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "exchanges.csv"
    path.write_text(
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
        f"EX-2026-{number},2022-2026,joint_action,New,union_rights,2026-05-01,2026-05-02,CNT-NE\n",
        encoding="utf-8",
    )
    return folder


def test_a_request_in_flight_finishes_on_its_version_the_next_sees_the_new(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    reader = ReadOnlyWarehouse(db)
    with reader.lease() as in_flight:
        before = _exchanges(in_flight.cursor)
        load([_new_exchange(tmp_path / "a", 900)], db)  # published while a request reads
        assert _exchanges(in_flight.cursor) == before  # still its own version, still answering
        with reader.lease() as next_request:
            assert next_request.version == in_flight.version + 1
            assert _exchanges(next_request.cursor) == before + 1
    assert db.is_symlink() and db.resolve().name == "atlas.v000001.duckdb"
    load([_new_exchange(tmp_path / "b", 901)], db)
    load([_new_exchange(tmp_path / "c", 902)], db)
    # The current and the previous version are kept for readers; older ones go.
    assert sorted(p.name for p in tmp_path.glob("atlas.v*.duckdb")) == [
        "atlas.v000002.duckdb",
        "atlas.v000003.duckdb",
    ]
    with reader.lease() as latest:
        assert _exchanges(latest.cursor) == before + 3
    reader.close()


def test_parquet_and_csv_folders_load_like_workbooks(tmp_path: Path) -> None:
    records = sample_records()
    folder = tmp_path / "intake"
    folder.mkdir()
    for index, (sheet, rows) in enumerate(sorted(records.items())):
        frame = pl.DataFrame(rows, infer_schema_length=None)
        if index % 2:
            frame.write_parquet(folder / f"{sheet}.parquet")
        else:
            frame.write_csv(folder / f"{sheet}.csv")
    db = tmp_path / "atlas.duckdb"
    report = load([folder], db)
    assert report.rows_by_sheet == {sheet: len(rows) for sheet, rows in records.items() if rows}


def test_an_empty_parquet_sheet_removes_what_its_source_carried(tmp_path: Path) -> None:
    records = sample_records()
    folder = tmp_path / "intake"
    folder.mkdir()
    for sheet, rows in records.items():
        pl.DataFrame(rows, infer_schema_length=None).write_parquet(folder / f"{sheet}.parquet")
    db = tmp_path / "atlas.duckdb"
    load([folder], db)
    links = pl.read_parquet(folder / "plan_exchanges.parquet")
    links.clear().write_parquet(folder / "plan_exchanges.parquet")  # the header, no rows
    report = load([folder], db)
    [change] = [c for s in report.changes.values() for n, c in s.items() if n == "plan_exchanges"]
    assert (change.loaded, change.removed) == (0, links.height) and links.height > 0


def test_answers_without_filters_are_kept_for_their_version_only(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    from atlas.settings import Settings
    from dashboard import data
    from dashboard.app import create_app

    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    server = create_app(Settings(db_path=db, state_path=tmp_path / "state.sqlite", port=0)).server
    with server.test_request_context("/"):
        first = data.query("data_as_of")
        assert data.query("data_as_of") is first  # kept: no parameter of its own
        filtered = data.query("outcomes_by_theme", programmes=["2017-2021"])
        assert data.query("outcomes_by_theme", programmes=["2017-2021"]) is not filtered
    load([_new_exchange(tmp_path / "a", 903)], db)
    with server.test_request_context("/"):
        again = data.query("data_as_of")
        assert again is not first  # a new version is a new file, asked again
        assert again["version"][0] == first["version"][0] + 1
