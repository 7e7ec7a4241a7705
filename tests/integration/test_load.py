"""`atlas load` and `atlas sample` end to end: real workbooks, CSV files and DuckDB files."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
import xlsxwriter

from etl.contract import SHEETS
from etl.sample import sample_records
from tests.conftest import atlas


def _count(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as connection:
        [(n,)] = connection.execute(f"select count(*) from {table}").fetchall()
    return int(n)


def test_sample_loads_every_record_into_staging(sample_warehouse: Path) -> None:
    records = sample_records()
    for sheet in SHEETS:  # the sample has no results or objective countries (IATI imports do)
        expected = len(records.get(sheet.name, []))
        assert _count(sample_warehouse, sheet.staging_table) == expected, sheet.name


def test_sample_marts_count_each_outcome_once(sample_warehouse: Path) -> None:
    records = sample_records()
    assert _count(sample_warehouse, "fct_outcome") == len(records["outcomes"])
    shared = {a["outcome_id"] for a in records["outcome_change_agents"]}
    assert len(shared) == len(records["outcomes"])
    assert len(records["outcome_change_agents"]) > len(records["outcomes"])


def test_sample_is_honest_about_what_is_real(sample_warehouse: Path) -> None:
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        real = connection.execute(
            "select exchange_id, source, estimated from fct_exchange where not is_illustrative"
        ).fetchall()
        organisations = connection.execute(
            "select org_code from dim_organisation order by org_code"
        ).fetchall()
    assert len(real) == 7
    assert all("HIVA" in source for _, source, _ in real)
    assert all(estimated and "start_date" in estimated for _, _, estimated in real)
    # CDT is the acronym of two partners: organisations are keyed by code, not acronym.
    assert ("CDT-MA",) in organisations and ("CDT-CO",) in organisations


def _load(db: Path, *paths: Path) -> tuple[int, str]:
    result = atlas("load", "--db", str(db), *map(str, paths))
    return result.returncode, result.stderr


def test_refused_load_leaves_the_warehouse_byte_for_byte(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    before = db.read_bytes()
    bad = tmp_path / "exchanges.csv"
    bad.write_text(
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
        "EX-2099-001,2012-2016,partner_visit,ok,gender,2014-03-01,2014-03-02,CDT-MA\n"
        "EX-2099-002,2012-2016,partner_visit,bad,gender,2014-03-05,2014-03-01,CDT-MA\n",
        encoding="utf-8",
    )
    code, stderr = _load(db, bad)
    assert code == 1
    assert f"{bad}:exchanges.csv:3:end_date: the exchange ends before it starts" in stderr
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("atlas.v*.duckdb")), "the refused version was left behind"


def test_text_in_a_number_column_of_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("exchange_participants")
    sheet.write_row(0, 0, ["exchange_id", "org_code", "role", "participations", "women"])
    sheet.write_row(1, 0, ["EX-1", "CDT-MA", "host", 5, "n/a"])
    workbook.close()
    code, stderr = _load(tmp_path / "atlas.duckdb", path)
    assert code == 1
    assert f"{path}:exchange_participants:2:women: 'n/a' is not a whole number" in stderr
    assert not (tmp_path / "atlas.duckdb").exists()


def test_a_second_load_replaces_records_by_identifier(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    update = tmp_path / "exchanges.csv"
    update.write_text(
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
        "EX-2013-001,2012-2016,partner_visit,Renamed,gender,2013-10-07,2013-10-12,CDT-MA\n",
        encoding="utf-8",
    )
    before = _count(db, "fct_exchange")
    code, stderr = _load(db, update)
    assert code == 0, stderr
    assert _count(db, "fct_exchange") == before
    with duckdb.connect(str(db), read_only=True) as connection:
        [(title, load_id)] = connection.execute(
            "select title, _load_id from stg_exchanges where exchange_id = 'EX-2013-001'"
        ).fetchall()
    assert (title, load_id) == ("Renamed", 2)


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["load"], 2), (["frobnicate"], 2), (["load", "/no/such/file.xlsx"], 1)],
)
def test_exit_codes(args: list[str], expected: int, tmp_path: Path) -> None:
    result = atlas(*args, *(["--db", str(tmp_path / "x.duckdb")] if len(args) > 1 else []))
    assert result.returncode == expected
    assert "Traceback" not in result.stderr
