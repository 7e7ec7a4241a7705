"""Several answers in one statement, read back as frames (`warehouse.query.nested`)."""

from __future__ import annotations

import duckdb
import polars as pl

from warehouse.query import fetch, nested

TWO_ANSWERS = """
with numbers as (select * from (values (3, 'c'), (1, 'a'), (2, 'b')) as v(n, word)),
nothing as (select n, word from numbers where n > $above)
select
    (select list(numbers order by n desc) from numbers) as numbers,
    (select list(nothing order by n) from nothing) as nothing
"""


def test_nested_rows_keep_their_order_and_types() -> None:
    answer = fetch(duckdb.connect(), TWO_ANSWERS, {"above": 2})
    numbers = nested(answer, "numbers")
    assert numbers.rows() == [(3, "c"), (2, "b"), (1, "a")]
    assert numbers.schema == pl.Schema({"n": pl.Int32, "word": pl.String})
    assert nested(answer, "nothing").rows() == [(3, "c")]


def test_no_rows_read_as_an_empty_frame_with_the_columns() -> None:
    answer = fetch(duckdb.connect(), TWO_ANSWERS, {"above": 5})
    nothing = nested(answer, "nothing")
    assert nothing.is_empty()
    assert nothing.schema == pl.Schema({"n": pl.Int32, "word": pl.String})
