"""Every warehouse check passes on a valid fixture and fails on a fixture that breaks its rule."""

from __future__ import annotations

import re

import duckdb
import pytest

from etl import staging
from etl.contract import SHEETS
from tests.fixtures import minimal_records, write_staging
from warehouse import models
from warehouse.checks import Check, run_checks

# The loader's checks and those the models' SQL guarantees (`_by_construction`): a model built
# here must keep both.
ALL_CHECKS = staging.staging_checks() + models.model_checks() + models.proven_checks()

# How to break each row-level expression; a new `expect` check needs a line here.
EXPECT_BREAKERS = {
    "end_date >= start_date": "end_date = start_date - 1",
    "women <= participations": "women = participations + 1",
    "youth <= participations": "youth = participations + 1",
    "persons <= participations": "persons = participations + 1",
    "coalesce(political_leaders, 0) + coalesce(staff, 0) + coalesce(militants, 0)"
    " <= participations": "political_leaders = participations + 1",
    "centroid_lat between -90 and 90": "centroid_lat = 200",
    "women_participations <= participations_with_sex_recorded": (
        "women_participations = participations_with_sex_recorded + 1"
    ),
    "participations_with_sex_recorded <= participations": (
        "participations_with_sex_recorded = participations + 1"
    ),
    "adopted_on >= drafted_on": "adopted_on = drafted_on - 1",
    "in_progress_on >= adopted_on": "in_progress_on = adopted_on - 1",
    "implemented_on >= coalesce(in_progress_on, adopted_on)": "implemented_on = adopted_on - 1",
    "harvested_on >= observed_on": "harvested_on = observed_on - 1",
    "length(term) >= 2": "term = 'x'",
    "language <> original_language": "language = original_language",
    "measure_type <> 'qualitative' or baseline_value is null": (
        "measure_type = 'qualitative', baseline_value = 1"
    ),
    "measure_type <> 'qualitative' or value is null": "measure_type = 'qualitative', value = 1",
    "measure_type <> 'percentage' or value between 0 and 100": (
        "measure_type = 'percentage', value = 101"
    ),
}
_MINIMUM = re.compile(r"(\w+) >= (-?[\d.]+)")


def _id(check: Check) -> str:
    return f"{check.table}:{check.kind}:{check.description}"


@pytest.fixture
def fixture_db() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    staging.create_schema(connection)
    write_staging(connection, minimal_records())
    models.build(connection)
    return connection


def break_rule(connection: duckdb.DuckDBPyConnection, check: Check) -> None:
    table = check.table
    one_row = f"rowid = (select min(rowid) from {table})"
    column = check.description.split(" ")[0].strip("(),")
    if check.kind == "unique":
        connection.execute(f"insert into {table} select * from {table} limit 1")
    elif check.kind == "not_null":
        connection.execute(f"update {table} set {column} = null where {one_row}")
    elif check.kind in ("relationship", "accepted"):
        # An integer key gets a number no row has, a code a text no list has.
        missing = "-1" if column.endswith("_key") else "'NO-SUCH-CODE'"
        connection.execute(f"update {table} set {column} = {missing} where {one_row}")
    elif (minimum := _MINIMUM.fullmatch(check.description)) is not None:
        connection.execute(
            f"update {table} set {minimum.group(1)} = {minimum.group(2)} - 1 where {one_row}"
        )
    else:
        connection.execute(
            f"update {table} set {EXPECT_BREAKERS[check.description]} where {one_row}"
        )


def test_every_model_states_its_grain_and_checks() -> None:
    for model in models.all_models():
        assert model.grain.startswith("one row per"), model.name
        assert any(c.kind == "unique" for c in model.checks + model.proven), model.name


def test_the_loader_skips_only_what_the_sql_guarantees() -> None:
    proven = models.proven_checks()
    assert proven and not set(proven) & set(models.model_checks())
    for model in models.all_models():
        if model.proven:  # the model says why they hold
            assert "-- By construction:" in model.sql, model.name


def test_models_come_after_what_they_read() -> None:
    order = [m.name for m in models.all_models()]
    for model in models.all_models():
        for dependency in model.dependencies(set(order)):
            assert order.index(dependency) < order.index(model.name)


def test_staging_tables_follow_the_contract(fixture_db: duckdb.DuckDBPyConnection) -> None:
    for sheet in SHEETS:
        columns = [r[0] for r in fixture_db.execute(f"describe {sheet.staging_table}").fetchall()]
        assert columns[: len(sheet.columns)] == [c.name for c in sheet.columns]


def test_valid_fixture_passes_every_check(fixture_db: duckdb.DuckDBPyConnection) -> None:
    assert [str(f) for f in run_checks(fixture_db, ALL_CHECKS)] == []


@pytest.mark.parametrize("check", ALL_CHECKS, ids=_id)
def test_check_fails_on_a_fixture_that_breaks_it(
    fixture_db: duckdb.DuckDBPyConnection, check: Check
) -> None:
    # Break the table the check reads (not the sources), so each check is tested on its own rule.
    break_rule(fixture_db, check)
    failures = run_checks(fixture_db, [check])
    assert len(failures) == 1 and failures[0].failing_rows >= 1
