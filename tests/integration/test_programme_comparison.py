"""The programme comparison and the plans pipeline against the same figures computed by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from etl.sample import sample_records
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


def test_plan_pipeline_tells_the_exchanges_without_a_plan_on_every_row(
    cursor: duckdb.DuckDBPyConnection,
) -> None:
    records = sample_records()
    planned = {link["exchange_id"] for link in records["plan_exchanges"]}
    for programme in ("2012-2016", "2017-2021", "2022-2026"):
        actions = [
            e["exchange_id"]
            for e in records["exchanges"]
            if e["programme_code"] == programme
            and e["modality"] not in ("continental_seminar", "international_seminar")
        ]
        pipeline = query.run(cursor, "plan_pipeline", STAFF, programme=programme)
        assert set(pipeline["exchanges"]) == {len(actions)}, programme
        assert set(pipeline["without_plan"]) == {sum(e not in planned for e in actions)}
    # a programme with no plan still gets its (here empty) counts, on one row without a status
    nothing = query.run(cursor, "plan_pipeline", STAFF, programme="1990-1994")
    assert nothing.rows() == [(None, None, None, None, 0, 0)]
