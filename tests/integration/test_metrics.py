"""Metric definitions and named queries against the sample warehouse."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.expected import expected_kpis
from warehouse import metrics, query
from warehouse.connection import ReadOnlyWarehouse, WarehouseMissingError
from warehouse.viewer import PUBLIC, STAFF, Viewer

PROGRAMMES = ["2012-2016", "2017-2021", "2022-2026"]


@pytest.fixture(scope="module")
def source(sample_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with ReadOnlyWarehouse(sample_warehouse).lease() as lease:
        yield lease.cursor


@pytest.mark.parametrize("programme", PROGRAMMES)
def test_metrics_equal_the_values_computed_by_hand(
    source: duckdb.DuckDBPyConnection, programme: str
) -> None:
    [row] = metrics.compute(source, STAFF, [programme]).iter_rows(named=True)
    for name, value in expected_kpis(programme).items():
        if isinstance(value, float):
            assert row[name] == pytest.approx(value), name
        else:
            assert row[name] == value, name


def test_public_viewer_sees_only_public_records(source: duckdb.DuckDBPyConnection) -> None:
    everything = metrics.compute(source, STAFF, PROGRAMMES)["exchanges"].sum()
    public = metrics.compute(source, PUBLIC, PROGRAMMES)["exchanges"].sum()
    partner = metrics.compute(source, Viewer("partner", "CNT-NE"), PROGRAMMES)["exchanges"].sum()
    assert 0 < public < partner < everything


def test_breakdown_adds_up_to_its_metric(source: duckdb.DuckDBPyConnection) -> None:
    totals = metrics.compute(source, STAFF, PROGRAMMES)
    for breakdown in metrics.BREAKDOWNS:
        split = metrics.breakdown_of(totals, breakdown)
        for programme in PROGRAMMES:
            [total] = totals.filter(totals["programme_code"] == programme)[breakdown.metric]
            assert split.filter(split["programme_code"] == programme)["value"].sum() == total


def test_every_query_reading_records_filters_by_visibility() -> None:
    for name in query.available():
        sql = query.sql_of(name)
        if re.search(r"\bfct_\w+", sql):
            assert "$visible" in sql, name


def test_query_names_are_not_paths(source: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError):
        query.run(source, "../etl/contract", STAFF)


def test_missing_warehouse_is_reported(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissingError), ReadOnlyWarehouse(tmp_path / "x").lease():
        pass
