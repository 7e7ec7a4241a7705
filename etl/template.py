"""`atlas template`: a blank intake workbook, offering the warehouse's organisations if any."""

from __future__ import annotations

from pathlib import Path

import duckdb

from etl.workbook import write_workbook


def warehouse_organisations(db_path: Path) -> list[dict[str, object]]:
    if not db_path.exists():
        return []
    with duckdb.connect(str(db_path), read_only=True) as connection:
        rows = connection.execute(
            "select org_code, acronym, country_code from stg_organisations order by org_code"
        ).fetchall()
    return [{"org_code": c, "acronym": a, "country_code": k} for c, a, k in rows]


def write_template(out: Path, db_path: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(out, organisations=warehouse_organisations(db_path))
    return out
