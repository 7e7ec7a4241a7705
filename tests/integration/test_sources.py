"""Sources: a corrected file replaces and deletes; an identical one changes nothing."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import duckdb

from atlas.state import load_attempts
from tests.conftest import ATLAS, atlas

ORGS = "org_code,acronym,name,country_code,org_type,role"
EXCHANGES = "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code"


def write_source(folder: Path, exchanges: list[str], with_exchanges_sheet: bool = True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "organisations.csv").write_text(
        "\n".join([ORGS, "P-NE,P,Partner,NE,union,partner"]) + "\n", encoding="utf-8"
    )
    if with_exchanges_sheet:
        (folder / "exchanges.csv").write_text(
            "\n".join([EXCHANGES, *exchanges]) + "\n", encoding="utf-8"
        )
    elif (folder / "exchanges.csv").exists():
        (folder / "exchanges.csv").unlink()


def exchange(number: int, title: str = "Visit") -> str:
    return f"EX-2015-{number:03d},2012-2016,partner_visit,{title},gender,2015-03-01,2015-03-02,P-NE"


def ids(db: Path) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return dict(
            connection.execute(
                "select exchange_id, title from fct_exchange where exchange_id like 'EX-2015-%'"
            ).fetchall()
        )


def test_new_version_replaces_and_deletes(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    db.write_bytes(sample_warehouse.read_bytes())
    source = tmp_path / "partner-ne"
    write_source(source, [exchange(501), exchange(502), exchange(503)])
    assert atlas("load", "--db", str(db), str(source)).returncode == 0
    assert set(ids(db)) >= {"EX-2015-501", "EX-2015-502", "EX-2015-503"}

    write_source(source, [exchange(501, "Corrected"), exchange(504)])
    result = atlas("load", "--db", str(db), str(source))
    assert result.returncode == 0, result.stderr
    assert "exchanges: 2 rows, 1 added, 1 changed, 2 removed" in result.stdout
    mine = {k: v for k, v in ids(db).items() if k >= "EX-2015-500"}
    assert mine == {"EX-2015-501": "Corrected", "EX-2015-504": "Visit"}
    with duckdb.connect(str(db), read_only=True) as connection:
        [(source_id, files)] = connection.execute(
            "select source_id, files from load_batches where load_id = 3"
        ).fetchall()
    assert source_id == "partner-ne" and len(files) == 2


def test_identical_source_changes_nothing_and_is_recorded(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    db.write_bytes(sample_warehouse.read_bytes())
    source = tmp_path / "partner-ne"
    write_source(source, [exchange(601)])
    assert atlas("load", "--db", str(db), str(source)).returncode == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    result = atlas("load", "--db", str(db), str(source))
    assert result.returncode == 0 and "unchanged" in result.stdout
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    attempts = load_attempts(tmp_path / "atlas-state.sqlite")
    assert [a["outcome"] for a in attempts[:2]] == ["unchanged", "loaded"]


def test_a_sheet_the_source_carried_may_not_vanish(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    db.write_bytes(sample_warehouse.read_bytes())
    source = tmp_path / "partner-ne"
    write_source(source, [exchange(701)])
    assert atlas("load", "--db", str(db), str(source)).returncode == 0
    write_source(source, [], with_exchanges_sheet=False)
    result = atlas("load", "--db", str(db), str(source))
    assert result.returncode == 1
    assert (
        ":exchanges:0:: missing sheet: this source carried 1 row(s) of it before" in result.stderr
    )


def test_two_sources_with_the_same_sheet_names_stay_apart(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    db.write_bytes(sample_warehouse.read_bytes())
    write_source(tmp_path / "a", [exchange(801)])
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "exchanges.csv").write_text(
        "\n".join([EXCHANGES, exchange(802)]) + "\n", encoding="utf-8"
    )
    assert atlas("load", "--db", str(db), str(tmp_path / "a"), str(tmp_path / "b")).returncode == 0
    # A new version of b without 802 removes 802 only, not a's 801.
    (tmp_path / "b" / "exchanges.csv").write_text(EXCHANGES + "\n", encoding="utf-8")
    assert atlas("load", "--db", str(db), str(tmp_path / "b")).returncode == 0
    mine = {k for k in ids(db) if k >= "EX-2015-800"}
    assert mine == {"EX-2015-801"}


def test_two_loads_at_once_keep_each_others_work(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    db.write_bytes(sample_warehouse.read_bytes())
    folders = []
    for number, name in ((901, "first"), (902, "second")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "exchanges.csv").write_text(
            "\n".join([EXCHANGES, exchange(number).replace("P-NE", "CDT-MA")]) + "\n",
            encoding="utf-8",
        )
        folders.append(folder)
    loads = [
        subprocess.Popen(
            [*ATLAS, "load", "--db", str(db), str(folder)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for folder in folders
    ]
    assert [load.wait(timeout=120) for load in loads] == [0, 0]
    assert {"EX-2015-901", "EX-2015-902"} <= set(ids(db))
