"""The dashboard's only door to data: named warehouse queries for the current viewer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from warehouse import metrics as metric_definitions
from warehouse import query as named_query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.viewer import STAFF, Viewer

_warehouse: ReadOnlyWarehouse | None = None


def configure(db_path: Path) -> None:
    """Point this process at the published warehouse (called once when the app is created)."""
    global _warehouse
    _warehouse = ReadOnlyWarehouse(db_path)


def current_viewer() -> Viewer:
    # Logins and roles arrive with the security issue; until then every user is staff.
    return STAFF


def _source() -> ReadOnlyWarehouse:
    if _warehouse is None:
        raise RuntimeError("dashboard.data.configure() was not called")
    return _warehouse


def query(name: str, **params: Any) -> pl.DataFrame:
    return named_query.run(_source(), name, current_viewer(), **params)


def metrics(programmes: list[str]) -> pl.DataFrame:
    return metric_definitions.compute(_source(), current_viewer(), programmes)


def breakdown(item: metric_definitions.Breakdown, programmes: list[str]) -> pl.DataFrame:
    return metric_definitions.compute_breakdown(_source(), current_viewer(), item, programmes)
