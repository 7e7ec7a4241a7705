"""The pages' queries without the conditions their request leaves empty (`warehouse.guards`)
answer exactly as the whole query does, for every reader and filter tried."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from dashboard.url_params import parse
from etl.publish import current_file
from warehouse import query
from warehouse.guards import guards
from warehouse.viewer import Viewer

READERS = [query.STAFF, query.PUBLIC, Viewer(role="partner", organisation="CDT-CO")]
SEARCHES = [
    "",
    "programme=2017-2021",
    "programme=2017-2021&theme=gender&year_from=2018&year_to=2020",
    "region=africa&modality=partner_visit&level=policy",
    "organisation=CDT-CO&country=CO&outcome_type=collective_agreement&substantiation=substantiated"
    "&positive=yes&intended=no&illustrative=no&q=training",
]


def calls(search: str) -> list[tuple[str, dict[str, Any]]]:
    """The guarded queries with their parameters, as the pages pass them for `search`."""
    state = parse(search)
    exchanges, outcomes = state.filters(), state.outcome_filters()
    themes = {"themes": list(state.themes)}
    return [
        ("map_view", exchanges),
        ("network_pairs", exchanges),
        ("country_panel", {**exchanges, "country": "CO"}),
        ("country_outcomes", {"country": "CO", "programmes": list(state.programmes)}),
        ("outcomes_overview", outcomes),
        ("outcomes_theme_level", outcomes),
        ("outcome_contributions", outcomes),
        ("outcomes_count", outcomes),
        ("outcomes_export", outcomes),
        (
            "outcomes_page",
            {**outcomes, "sort_col": "", "sort_dir": "", "limit": 100, "offset": 0},
        ),
        ("programme_comparison", themes),
        ("programme_mix", themes),
        ("plan_table", {"programme": "2017-2021", **themes}),
        ("participation_by_year", {"programme": "2017-2021", **themes}),
    ]


@pytest.fixture(scope="module")
def cursor(sample_warehouse: Path) -> duckdb.DuckDBPyConnection:
    published = current_file(sample_warehouse)
    assert published is not None
    return duckdb.connect(str(published), read_only=True)


def whole(cursor: duckdb.DuckDBPyConnection, name: str, viewer: Viewer, **params: Any) -> Any:
    bound = {
        "visible": viewer.visible_levels(),
        "viewer_org": viewer.organisation,
        "language": "en",
        **params,
    }
    sql = query.sql_of(name)
    return query.fetch(cursor, sql, {k: bound[k] for k in query.parameters_of(sql)}).rows()


@pytest.mark.parametrize("search", SEARCHES, ids=lambda s: s[:40] or "nothing chosen")
def test_a_query_without_its_empty_conditions_answers_as_the_whole_query(
    cursor: duckdb.DuckDBPyConnection, search: str
) -> None:
    answered = set()
    for name, params in calls(search):
        assert guards(query.sql_of(name)), f"{name} has no guarded condition"
        for reader in READERS:
            rows = query.run(cursor, name, reader, **params).rows()
            assert rows == whole(cursor, name, reader, **params), (name, reader.role, search)
            answered.add(name) if rows else None
    # the filters select something for most queries, so the comparison is not of empty answers
    assert len(answered) >= 10, answered


def test_the_filters_tried_change_the_answers(cursor: duckdb.DuckDBPyConnection) -> None:
    """Else leaving a condition out wrongly could go unnoticed above."""
    for name in ("map_view", "outcomes_overview", "outcomes_page", "programme_comparison"):
        answers = {
            str(query.run(cursor, name, query.STAFF, **params).rows())
            for search in SEARCHES
            for called, params in calls(search)
            if called == name
        }
        assert len(answers) >= 2, name


@pytest.mark.parametrize("search", SEARCHES, ids=lambda s: s[:40] or "nothing chosen")
def test_the_outcomes_table_opens_on_the_newest_kept_with_the_rows_of_every_outcome(
    cursor: duckdb.DuckDBPyConnection, search: str
) -> None:
    """Its first page, newest first, reads `outcomes_newest`; any other page `outcomes_page`."""
    outcomes = parse(search).outcome_filters()
    newest, shorter = (
        {"sort_col": "observed_on", "sort_dir": "desc"},
        query.SHORTER["outcomes_page"],
    )
    for page, opening in [
        ({"offset": 0, "limit": 100}, not outcomes["terms"]),
        ({"offset": 0, "limit": 3}, not outcomes["terms"]),
        ({"offset": 50, "limit": 100}, False),  # past the hundred each group keeps
    ]:
        params = {**outcomes, **newest, **page}
        assert shorter[1](params) is opening, (search, page)
        for reader in READERS:
            rows = query.run(cursor, "outcomes_page", reader, **params).rows()
            assert rows == whole(cursor, "outcomes_page", reader, **params), (search, page)
