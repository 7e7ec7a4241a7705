"""The programme comparison's figures against the same figures computed by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.expected import expected_comparison
from warehouse import query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.viewer import STAFF


@pytest.fixture(scope="module")
def cursor(sample_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with ReadOnlyWarehouse(sample_warehouse).lease() as lease:
        yield lease.cursor


@pytest.mark.parametrize("themes", [(), ("domestic_work",), ("gender", "informal_economy")])
def test_comparison_equals_the_hand_computed_figures(
    cursor: duckdb.DuckDBPyConnection, themes: tuple[str, ...]
) -> None:
    table = query.run(cursor, "programme_comparison", STAFF, themes=list(themes))
    rows = {r["programme_code"]: r for r in table.iter_rows(named=True)}
    for programme in ("2012-2016", "2017-2021", "2022-2026"):
        for name, value in expected_comparison(programme, themes).items():
            if value is None:
                assert rows[programme][name] is None, (programme, name)
            else:
                assert rows[programme][name] == pytest.approx(value), (programme, name)


def test_mix_adds_up_to_the_comparison(cursor: duckdb.DuckDBPyConnection) -> None:
    table = query.run(cursor, "programme_comparison", STAFF, themes=[])
    mix = query.run(cursor, "programme_mix", STAFF, themes=[])
    for row in table.iter_rows(named=True):
        mine = mix.filter(mix["programme_code"] == row["programme_code"])
        for dimension, total in (
            ("modality", "exchanges"),
            ("initiator", "exchanges"),
            ("outcome_level", "outcomes"),
            ("outcome_theme", "outcomes"),
        ):
            assert mine.filter(mine["dimension"] == dimension)["value"].sum() == row[total]
