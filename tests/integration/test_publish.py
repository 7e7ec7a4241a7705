"""Publishing while serving: a reader holding the warehouse sees a new load at its next cursor."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl

from etl import load
from etl.sample import sample_records
from warehouse.connection import ReadOnlyWarehouse


def _exchanges(source: ReadOnlyWarehouse) -> int:
    cursor = source.cursor()
    try:
        [(count,)] = cursor.execute("select count(*) from fct_exchange").fetchall()
    finally:
        cursor.close()
    return int(count)


def test_open_reader_sees_the_next_load(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    reader = ReadOnlyWarehouse(db)
    before = _exchanges(reader)
    new = tmp_path / "exchanges.csv"
    new.write_text(
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
        "EX-2026-900,2022-2026,joint_action,New,union_rights,2026-05-01,2026-05-02,CNT-NE\n",
        encoding="utf-8",
    )
    load([new], db)  # while the reader holds its connection
    assert _exchanges(reader) == before + 1
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
