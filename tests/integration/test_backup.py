"""`atlas backup` and `atlas restore`: a round trip brings back the warehouse and the app state,
and a damaged backup is refused without touching anything."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from atlas import accounts
from tests.conftest import atlas
from tests.serving import add_test_user


def exchanges(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as connection:
        return int(connection.sql("select count(*) from fct_exchange").fetchall()[0][0])


def new_exchange(folder: Path) -> Path:
    folder.mkdir()
    (folder / "exchanges.csv").write_text(
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
        "EX-2026-990,2022-2026,joint_action,After the backup,union_rights,"
        "2026-05-01,2026-05-02,CNT-NE\n",
        encoding="utf-8",
    )
    return folder


def test_backup_and_restore_round_trip(sample_warehouse: Path, tmp_path: Path) -> None:
    db, state = tmp_path / "live" / "atlas.duckdb", tmp_path / "live" / "state.sqlite"
    db.parent.mkdir()
    shutil.copyfile(sample_warehouse, db)
    add_test_user(state, "kept", "staff")
    before = exchanges(db)
    backup = tmp_path / "backup"
    done = atlas("backup", str(backup), "--db", str(db), "--state", str(state))
    assert done.returncode == 0, done.stderr
    # After the backup: a load, a new user, a removed one.
    loaded = atlas("load", "--db", str(db), str(new_exchange(tmp_path / "source")))
    assert loaded.returncode == 0, loaded.stderr
    add_test_user(state, "later", "staff")
    accounts.remove_user(state, "kept")
    assert exchanges(db) == before + 1
    done = atlas("restore", str(backup), "--db", str(db), "--state", str(state))
    assert done.returncode == 0, done.stderr
    assert exchanges(db) == before
    assert [u.name for u in accounts.list_users(state)] == ["kept"]
    assert db.is_symlink()  # restored as a new published version, as a load would


def test_a_damaged_backup_is_refused_and_changes_nothing(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db, state = tmp_path / "atlas.duckdb", tmp_path / "state.sqlite"
    shutil.copyfile(sample_warehouse, db)
    add_test_user(state, "kept", "staff")
    backup = tmp_path / "backup"
    assert atlas("backup", str(backup), "--db", str(db), "--state", str(state)).returncode == 0
    with (backup / "warehouse.duckdb").open("r+b") as damaged:
        damaged.seek(5000)
        original = damaged.read(64)
        damaged.seek(5000)
        damaged.write(bytes(255 - b for b in original))  # every byte flipped
    add_test_user(state, "later", "staff")
    refused = atlas("restore", str(backup), "--db", str(db), "--state", str(state))
    assert refused.returncode == 1
    assert "damaged" in refused.stderr
    assert {u.name for u in accounts.list_users(state)} == {"kept", "later"}
    again = atlas("backup", str(backup), "--db", str(db), "--state", str(state))
    assert again.returncode == 1 and "not empty" in again.stderr
