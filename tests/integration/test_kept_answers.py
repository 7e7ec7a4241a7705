"""Answers kept at load for the views opened most (`warehouse.query.KEPT`): the same rows as the
query computes, read only for a reader and filter they were kept for."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl
import pytest

from etl.publish import current_file
from warehouse import query
from warehouse.viewer import Viewer

PARTNER = Viewer(role="partner", organisation="CDT-MA")


def computed(
    cursor: duckdb.DuckDBPyConnection, name: str, viewer: Viewer, **params: object
) -> pl.DataFrame:
    bound = {"visible": viewer.visible_levels(), "viewer_org": viewer.organisation, **params}
    return query.fetch(cursor, query.sql_of(name), bound)


@pytest.fixture
def copy(sample_warehouse: Path, tmp_path: Path) -> Path:
    published, target = current_file(sample_warehouse), tmp_path / "atlas.duckdb"
    assert published is not None
    shutil.copyfile(published, target)
    return target


@pytest.mark.parametrize("name", query.KEPT)
@pytest.mark.parametrize("viewer", query.KEPT_READERS, ids=lambda v: v.role)
def test_a_kept_answer_is_the_computed_one(copy: Path, name: str, viewer: Viewer) -> None:
    nothing_chosen = query.KEPT[name]
    with duckdb.connect(str(copy), read_only=True) as cursor:
        kept = query.run(cursor, name, viewer, **nothing_chosen)
        now = computed(cursor, name, viewer, **nothing_chosen)
        [(stored,)] = cursor.execute(
            f"select count(*) from {query.kept_table(name)} where visible = $visible",
            {"visible": viewer.visible_levels()},
        ).fetchall()
    assert kept.schema == now.schema and kept.rows() == now.rows()  # in the same order
    assert kept.height == stored >= 1


def test_only_the_kept_reader_and_view_read_the_kept_answer(copy: Path) -> None:
    """A kept answer made wrong on purpose shows where it is read: for staff (and admins)
    without a filter, never for a partner or with a filter."""
    with duckdb.connect(str(copy)) as connection:
        connection.execute(
            "update kept_map_view set country_rows = [] where visible = $visible",
            {"visible": query.STAFF.visible_levels()},
        )
    unfiltered, programme = query.NO_FILTER, {**query.NO_FILTER, "programmes": ["2017-2021"]}
    with duckdb.connect(str(copy), read_only=True) as cursor:
        for reader in (query.STAFF, Viewer(role="admin")):  # an admin reads what staff reads
            assert len(query.run(cursor, "map_view", reader, **unfiltered)["country_rows"][0]) == 0
        for viewer, params in ((PARTNER, unfiltered), (query.STAFF, programme)):
            answer = query.run(cursor, "map_view", viewer, **params)
            assert answer.rows() == computed(cursor, "map_view", viewer, **params).rows()
            assert len(answer["country_rows"][0]) > 0


def test_a_warehouse_without_kept_answers_computes_them(copy: Path) -> None:
    """One published before answers were kept, or a snapshot of it."""
    with duckdb.connect(str(copy)) as connection:
        connection.execute("drop table kept_map_view")
    with duckdb.connect(str(copy), read_only=True) as cursor:
        answer = query.run(cursor, "map_view", query.STAFF, **query.NO_FILTER)
        assert answer.rows() == computed(cursor, "map_view", query.STAFF, **query.NO_FILTER).rows()
