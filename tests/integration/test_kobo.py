"""A KoboToolbox XLSX export, with a repeat group, loaded through the documented mapping."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import xlsxwriter

from tests.conftest import atlas

ROOT = Path(__file__).resolve().parents[2]
MAPPING = ROOT / "docs" / "kobo-mapping.example.csv"


def kobo_export(path: Path, women: int) -> Path:
    """Shaped as Kobo exports forms: a submissions sheet, a repeat-group sheet, meta columns."""
    book = xlsxwriter.Workbook(str(path))
    main = book.add_worksheet("Exchange report")
    main.write_row(
        0,
        0,
        [
            "start",
            "end",
            "exchange_id",
            "programme",
            "modality",
            "group_visit/title",
            "group_visit/theme",
            "group_visit/start_date",
            "group_visit/end_date",
            "host_org",
            "_id",
            "_uuid",
            "_submission_time",
            "_index",
        ],
    )
    main.write_row(
        1,
        0,
        [
            "2026-06-01T09:00",
            "2026-06-01T09:20",
            "EX-2026-650",
            "2022-2026",
            "partner_visit",
            "Kobo-reported visit",
            "gender_equality",
            "2026-05-04",
            "2026-05-08",
            "CDT-MA",
            101,
            "a1b2",
            "2026-06-01",
            1,
        ],
    )
    repeat = book.add_worksheet("participants")
    repeat.write_row(
        0,
        0,
        [
            "org",
            "role",
            "participations",
            "women",
            "_index",
            "_parent_index",
            "_parent_table_name",
            "_submission__uuid",
        ],
    )
    repeat.write_row(1, 0, ["CDT-MA", "host", 4, 2, 1, 1, "Exchange report", "a1b2"])
    repeat.write_row(2, 0, ["CNT-NE", "visiting", 7, women, 2, 1, "Exchange report", "a1b2"])
    book.close()
    return path


def test_kobo_export_loads_through_the_mapping(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    export = kobo_export(tmp_path / "exchange_report.xlsx", women=3)
    result = atlas("load", "--db", str(db), "--mapping", str(MAPPING), str(export))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(db), read_only=True) as connection:
        [(participations, women, host)] = connection.execute(
            "select participations, women_participations, host_country_code from fct_exchange"
            " where exchange_id = 'EX-2026-650'"
        ).fetchall()
    assert (participations, women, host) == (11, 5, "MA")


def test_kobo_problems_point_at_the_export_rows(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    export = kobo_export(tmp_path / "exchange_report.xlsx", women=9)
    result = atlas("load", "--db", str(db), "--mapping", str(MAPPING), str(export))
    assert result.returncode == 1
    assert f"{export}:participants:3:women: more women than participations" in result.stderr
