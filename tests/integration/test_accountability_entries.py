"""DGD accountability entered in the app: published through the loader, replaced by the next
entry for the same objective and year, taken back when the loader refuses it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.app_entries import ACCOUNTABILITY_SOURCE_ID, record_accountability
from etl.errors import LoadRefusedError
from warehouse import query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.viewer import STAFF


def record(db: Path, objective: str, year: int) -> list[tuple[object, ...]]:
    with ReadOnlyWarehouse(db).lease() as lease:
        frame = query.run(lease.cursor, "accountability", STAFF, objective=objective, year=year)
    return [tuple(r.values()) for r in frame.to_dicts()]


def test_entries_publish_replace_and_roll_back(sample_warehouse: Path, tmp_path: Path) -> None:
    db, state = tmp_path / "atlas.duckdb", tmp_path / "state.sqlite"
    shutil.copyfile(sample_warehouse, db)
    report = record_accountability(
        state,
        db,
        "SO-2022-NE",
        2025,
        {"relevance": ("a", "Answers demands."), "efficiency": ("c", "Visas.")},
        {"management_response": ("Mid-term 2024", "We agree.")},
        "officer",
    )
    assert ACCOUNTABILITY_SOURCE_ID in report.sources
    assert record(db, "SO-2022-NE", 2025) == [
        ("score", "efficiency", "c", "Visas.", None),
        ("score", "relevance", "a", "Answers demands.", None),
        ("lesson", "management_response", None, "We agree.", "Mid-term 2024"),
    ]
    record_accountability(state, db, "SO-2022-NE", 2025, {"relevance": ("b", "Less.")}, {}, "o")
    assert record(db, "SO-2022-NE", 2025) == [("score", "relevance", "b", "Less.", None)]
    with pytest.raises(LoadRefusedError):
        record_accountability(state, db, "SO-2099-XX", 2025, {"relevance": ("a", "x")}, {}, "o")
    # The refused entry is gone from the store: the next one publishes.
    record_accountability(state, db, "SO-2022-NE", 2024, {"impact": ("d", "None yet.")}, {}, "o")
    assert record(db, "SO-2022-NE", 2024) == [("score", "impact", "d", "None yet.", None)]
    assert record(db, "SO-2022-NE", 2025) == [("score", "relevance", "b", "Less.", None)]
