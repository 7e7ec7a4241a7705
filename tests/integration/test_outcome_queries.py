"""The outcomes table's query: sorted, paged and searched in DuckDB, for any input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from dashboard.url_params import ViewState, parse
from warehouse import query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.viewer import PUBLIC, STAFF, Viewer

FILTERS = ViewState(programmes=("2017-2021",)).outcome_filters()


@pytest.fixture(scope="module")
def cursor(sample_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with ReadOnlyWarehouse(sample_warehouse).lease() as lease:
        yield lease.cursor


def page(cursor: duckdb.DuckDBPyConnection, **options: object) -> list[str]:
    settings = {"sort_col": "", "sort_dir": "", "limit": 100, "offset": 0, **options}
    frame = query.run(cursor, "outcomes_page", STAFF, **FILTERS, **settings)
    return [str(d) for d in frame["observed_on"]]


def test_sorting_follows_the_request(cursor: duckdb.DuckDBPyConnection) -> None:
    ascending = page(cursor, sort_col="observed_on", sort_dir="asc")
    assert ascending == sorted(ascending) and len(ascending) > 5
    assert page(cursor, sort_col="observed_on", sort_dir="desc") == sorted(ascending, reverse=True)


def test_pages_cut_the_same_order(cursor: duckdb.DuckDBPyConnection) -> None:
    everything = page(cursor, sort_col="observed_on", sort_dir="asc")
    first = page(cursor, sort_col="observed_on", sort_dir="asc", limit=5)
    second = page(cursor, sort_col="observed_on", sort_dir="asc", limit=5, offset=5)
    assert first + second == everything[:10]


def test_the_first_page_shows_what_every_outcome_read_would(
    cursor: duckdb.DuckDBPyConnection,
) -> None:
    """Newest first, the first hundred rows come from the newest of each group and the texts
    kept with them (`agg_outcome_recent_row`); a page reaching past them reads every outcome.
    Row for row, column for column, both agree."""
    settings = {"sort_col": "observed_on", "sort_dir": "desc", "offset": 0}
    for filters in (FILTERS, ViewState().outcome_filters()):
        kept = query.run(cursor, "outcomes_page", STAFF, **filters, **settings, limit=100)
        whole = query.run(cursor, "outcomes_page", STAFF, **filters, **settings, limit=101)
        assert kept.height > 5 and kept.rows() == whole.head(100).rows()


def test_a_column_outside_the_list_sorts_by_default(cursor: duckdb.DuckDBPyConnection) -> None:
    hostile = page(cursor, sort_col="description; drop table fct_outcome", sort_dir="asc")
    assert hostile == page(cursor)


@pytest.mark.parametrize("viewer", [STAFF, PUBLIC, Viewer(role="partner", organisation="CDT-MA")])
def test_the_quality_table_is_cut_but_its_counts_are_whole(
    cursor: duckdb.DuckDBPyConnection, viewer: Viewer
) -> None:
    """The counts, made at load per reader, equal the records the reader is listed."""
    counts = dict(query.run(cursor, "data_quality_counts", viewer).iter_rows())
    everything = query.run(cursor, "data_quality", viewer, limit=100_000)
    assert everything.height == sum(counts.values()) > 3
    assert dict(everything.group_by("issue").len().iter_rows()) == counts
    for cut in (3, 7):
        first = query.run(cursor, "data_quality", viewer, limit=cut)
        assert first.rows() == everything.head(cut).rows()


@pytest.mark.parametrize("q", ["", "the", "exchange"])
def test_each_outcome_weighs_one_across_the_kinds_it_came_from(
    cursor: duckdb.DuckDBPyConnection, q: str
) -> None:
    """Found by its group or by words, an outcome from exchanges of several kinds is split
    between them, never counted once per kind (the sample has two such outcomes)."""
    filters = ViewState(q=q or None).outcome_filters()
    weights = query.run(cursor, "outcome_contributions", STAFF, **filters)
    [count] = query.run(cursor, "outcomes_count", STAFF, **filters)["outcomes"]
    mixed = cursor.execute(
        "select count(*) from (select outcome_key from bridge_outcome_exchange"
        " join fct_exchange using (exchange_key) group by 1 having count(distinct modality) > 1)"
    ).fetchall()[0][0]
    assert mixed >= 2 and count > 0
    assert sum(weights["outcomes"]) == pytest.approx(count)


# Outcome by outcome, from the facts: an exchange the reader may not see is of no kind ('none').
WEIGHTS_BY_HAND = """
with links as (
    select
        coalesce(outcomes.canonical_theme, outcomes.theme_code) as theme,
        outcomes.level,
        if(
            exchanges.exchange_key is not null and (
                exchanges.visibility in $visible
                or list_contains(exchanges.owner_orgs, $viewer_org)
            ),
            exchanges.modality,
            'none'
        ) as modality,
        count(*) over (partition by outcomes.outcome_key) as links
    from fct_outcome as outcomes
    left join bridge_outcome_exchange using (outcome_key)
    left join fct_exchange as exchanges using (exchange_key)
    where outcomes.visibility in $visible or list_contains(outcomes.owner_orgs, $viewer_org)
)
select modality, theme, level, round(sum(1 / links), 9) as outcomes
from links group by all order by all
"""


@pytest.mark.parametrize("viewer", [STAFF, PUBLIC, Viewer(role="partner", organisation="CDT-MA")])
def test_outcomes_weigh_along_the_kinds_of_exchange_the_reader_may_see(
    cursor: duckdb.DuckDBPyConnection, viewer: Viewer
) -> None:
    """Counted on groups, each reader's weights are those counted outcome by outcome."""
    weights = query.run(cursor, "outcome_contributions", viewer, **ViewState().outcome_filters())
    by_hand = cursor.execute(
        WEIGHTS_BY_HAND,
        {"visible": viewer.visible_levels(), "viewer_org": viewer.organisation},
    ).fetchall()
    got = [(m, t, lv, round(float(n), 9)) for m, t, lv, n, _ in weights.iter_rows()]
    assert got == by_hand
    # the public and the partner do not see every exchange: some of their weights go to none
    assert viewer is STAFF or any(row[0] == "none" for row in by_hand)


@pytest.mark.parametrize("viewer", [STAFF, PUBLIC, Viewer(role="partner", organisation="CDT-MA")])
@pytest.mark.parametrize("search", ["", "programme=2017-2021&theme=gender", "q=union", "q=zzqxv"])
def test_the_pages_summary_in_one_statement_equals_its_queries(
    cursor: duckdb.DuckDBPyConnection, viewer: Viewer, search: str
) -> None:
    """The outcomes page reads in one statement what the report reads in three."""
    state = parse(search)
    filters = state.outcome_filters()
    overview = query.run(cursor, "outcomes_overview", viewer, **filters)
    parts = {
        "theme_level": query.run(cursor, "outcomes_theme_level", viewer, **filters),
        "contributions": query.run(cursor, "outcome_contributions", viewer, **filters),
    }
    for name, alone in parts.items():
        assert query.nested(overview, name).equals(alone), name
    [follow_up] = query.nested(overview, "follow_up").rows(named=True)
    if not search:
        assert follow_up["plans"] > 0 and parts["theme_level"].height > 0
    if search == "q=zzqxv":  # no outcome holds the word: nothing is counted, nothing breaks
        assert parts["theme_level"].is_empty() and query.nested(overview, "theme_level").is_empty()
