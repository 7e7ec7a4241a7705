"""Intake that staff can trust: every bad input refused by place, the warehouse unchanged."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest
import xlsxwriter

from tests.conftest import atlas

EXCHANGE_HEADER = (
    "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code"
)
GOOD_EXCHANGE = "EX-2016-901,2012-2016,partner_visit,Good,gender,2016-03-01,2016-03-05,CDT-MA"
PARTICIPANT_HEADER = "exchange_id,org_code,role,participations,women"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def warehouse(sample_warehouse: Path, tmp_path: Path) -> Path:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    return db


def refused(db: Path, *paths: Path) -> str:
    before = digest(db)
    result = atlas("load", "--db", str(db), *map(str, paths))
    assert result.returncode == 1, result.stdout + result.stderr
    assert digest(db) == before, "a refused load changed the warehouse"
    return result.stderr


def write(folder: Path, name: str, *lines: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


CASES = {
    "not a workbook or CSV": (
        "notes.txt",
        ["just some notes"],
        "::0:: not an intake file",
    ),
    "missing required column": (
        "exchanges.csv",
        ["exchange_id,programme_code,modality,theme_code,start_date,end_date,host_org_code"],
        ":exchanges.csv:1:title: required column missing",
    ),
    "unknown country with a suggestion": (
        "organisations.csv",
        ["org_code,acronym,name,country_code,org_type,role", "X-CO,X,X,Colmbia,union,partner"],
        ":organisations.csv:2:country_code: unknown country 'Colmbia'",
    ),
    "ambiguous country": (
        "organisations.csv",
        ["org_code,acronym,name,country_code,org_type,role", "X-CG,X,X,Congo,union,partner"],
        ":organisations.csv:2:country_code: ambiguous country 'Congo' (expected one of: CD, CG)",
    ),
    "unknown organisation": (
        "exchanges.csv",
        [EXCHANGE_HEADER, GOOD_EXCHANGE.replace("CDT-MA", "CDT-XX")],
        ":exchanges.csv:2:host_org_code: 'CDT-XX' does not exist in organisations",
    ),
    "unknown code": (
        "exchanges.csv",
        [EXCHANGE_HEADER, GOOD_EXCHANGE.replace("partner_visit", "visit")],
        ":exchanges.csv:2:modality: unknown code 'visit'",
    ),
    "wrong type": (
        "exchange_participants.csv",
        [PARTICIPANT_HEADER, "EX-2013-001,CDT-MA,host,seven,2"],
        ":exchange_participants.csv:2:participations: 'seven' is not a whole number",
    ),
    "n/a in a number column": (
        "exchange_participants.csv",
        [PARTICIPANT_HEADER, "EX-2013-001,CDT-MA,host,n/a,2"],
        ":exchange_participants.csv:2:participations: 'n/a' is not a whole number",
    ),
    "impossible date": (
        "exchanges.csv",
        [EXCHANGE_HEADER, GOOD_EXCHANGE.replace("2016-03-01", "2016-02-30")],
        ":exchanges.csv:2:start_date: '2016-02-30' is an impossible date",
    ),
    "end before start": (
        "exchanges.csv",
        [EXCHANGE_HEADER, GOOD_EXCHANGE.replace("2016-03-05", "2016-02-05")],
        ":exchanges.csv:2:end_date: the exchange ends before it starts",
    ),
    "negative count": (
        "exchange_participants.csv",
        [PARTICIPANT_HEADER, "EX-2013-001,CDT-MA,host,-4,0"],
        ":exchange_participants.csv:2:participations: negative count",
    ),
    "women above participations": (
        "exchange_participants.csv",
        [PARTICIPANT_HEADER, "EX-2013-001,CDT-MA,host,4,5"],
        ":exchange_participants.csv:2:women: more women than participations",
    ),
    "duplicate identifier": (
        "exchanges.csv",
        [EXCHANGE_HEADER, GOOD_EXCHANGE, GOOD_EXCHANGE],
        ":exchanges.csv:3:exchange_id: duplicate identifier EX-2016-901",
    ),
    "reference to a missing record": (
        "exchange_participants.csv",
        [PARTICIPANT_HEADER, "EX-2099-999,CDT-MA,host,4,2"],
        ":exchange_participants.csv:2:exchange_id: 'EX-2099-999' does not exist in exchanges",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_is_refused_by_place(warehouse: Path, tmp_path: Path, case: str) -> None:
    name, lines, expected = CASES[case]
    path = write(tmp_path / "in", name, *lines)
    assert str(path) + expected in refused(warehouse, path)


def test_every_problem_is_reported_at_once(warehouse: Path, tmp_path: Path) -> None:
    path = write(
        tmp_path / "in",
        "exchanges.csv",
        EXCHANGE_HEADER,
        GOOD_EXCHANGE.replace("partner_visit", "visit").replace("2016-03-05", "2016-02-05"),
        GOOD_EXCHANGE.replace("EX-2016-901", "EX-2016-902").replace("2016-03-01", "01/03/2016"),
        GOOD_EXCHANGE.replace("CDT-MA", "NOPE"),
    )
    stderr = refused(warehouse, path)
    assert ":exchanges.csv:2:modality:" in stderr
    assert ":exchanges.csv:2:end_date:" in stderr
    assert ":exchanges.csv:3:start_date: '01/03/2016' is not a date (expected YYYY-MM-DD)" in stderr
    assert ":exchanges.csv:4:exchange_id: duplicate identifier" in stderr
    assert ":exchanges.csv:4:host_org_code:" in stderr


def test_damaged_workbook_is_refused(warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    assert f"{path}::0:: not a readable Excel workbook" in refused(warehouse, path)


def test_workbook_sheet_not_in_the_contract_is_named(warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Exchanges 2016").write_row(0, 0, ["exchange_id"])
    workbook.close()
    assert f"{path}:Exchanges 2016:0:: not a sheet of the data contract" in refused(warehouse, path)


def test_windows_1252_with_semicolons_and_decimal_commas_loads(
    warehouse: Path, tmp_path: Path
) -> None:
    path = tmp_path / "in" / "exchanges.csv"
    path.parent.mkdir()
    path.write_bytes(
        (EXCHANGE_HEADER + ",cost_eur\r\n").replace(",", ";").encode("cp1252")
        + "EX-2016-900;2012-2016;partner_visit;Visite à Kinshasa – marchés;informal_economy;"
        "2016-03-01;2016-03-05;CSC-CD;1234,50\r\n".encode("cp1252")
    )
    result = atlas("load", "--db", str(warehouse), str(path))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        [(title, cost)] = connection.execute(
            "select title, cost_eur from stg_exchanges where exchange_id = 'EX-2016-900'"
        ).fetchall()
    assert title == "Visite à Kinshasa – marchés" and float(cost) == 1234.5


def test_utf8_with_byte_order_mark_and_country_names_in_five_languages(
    warehouse: Path, tmp_path: Path
) -> None:
    rows = [
        ("A-CD", "RDC"),
        ("B-CI", "Ivory Coast"),
        ("C-BR", "Brasil"),
        ("D-KH", "Cambodge"),
        ("E-ZA", "Zuid-Afrika"),
        ("F-MA", "Marrocos"),
        ("G-CD", "Congo-Kinshasa"),
    ]
    path = tmp_path / "in" / "organisations.csv"
    path.parent.mkdir()
    lines = ["org_code,acronym,name,country_code,org_type,role"]
    lines += [f"{code},{code},{code},{country},union,other" for code, country in rows]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    result = atlas("load", "--db", str(warehouse), str(path))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        found = dict(
            connection.execute(
                "select org_code, country_code from stg_organisations where org_code like '_-__'"
            ).fetchall()
        )
    assert found == {code: code[-2:] for code, _ in rows}


def test_bytes_that_are_no_text_are_located(warehouse: Path, tmp_path: Path) -> None:
    path = tmp_path / "in" / "exchanges.csv"
    path.parent.mkdir()
    path.write_bytes(EXCHANGE_HEADER.encode() + b"\nEX-1,\x81\x8d\n")
    assert f"{path}:exchanges.csv:2:: byte 0x81 is neither UTF-8 nor Windows-1252" in refused(
        warehouse, path
    )
