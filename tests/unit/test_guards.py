"""Filter guards (`warehouse.guards`): a condition guarded by an empty parameter is left out of
the statement, and nothing else is."""

from __future__ import annotations

import duckdb

from warehouse.guards import guards, skeleton, without_empty_guards

FILTERED = """
select n from range(10) as t(n)
where n >= 0
    and (len($below) = 0 or n < list_max($below))
    and ($at_least is null or n >= $at_least)
"""


def rows(sql: str, params: dict[str, object]) -> list[tuple[object, ...]]:
    used = {k: v for k, v in params.items() if "$" + k in sql}
    return duckdb.connect().execute(sql, used).fetchall()


def test_each_guarded_condition_is_found_with_its_parameter() -> None:
    found = guards(FILTERED)
    assert [(g.parameter, g.is_list) for g in found] == [("below", True), ("at_least", False)]
    assert [FILTERED[g.start : g.end] for g in found] == [
        "and (len($below) = 0 or n < list_max($below))",
        "and ($at_least is null or n >= $at_least)",
    ]


def test_only_the_conditions_of_empty_parameters_are_left_out() -> None:
    cases: list[tuple[dict[str, object], list[str]]] = [
        ({"below": [], "at_least": None}, []),
        ({"below": [4], "at_least": None}, ["$below"]),
        ({"below": [], "at_least": 7}, ["$at_least"]),
        ({"below": [4, 8], "at_least": 2}, ["$below", "$at_least"]),
    ]
    for params, kept in cases:
        sql = without_empty_guards(FILTERED, params)
        assert [name for name in ("$below", "$at_least") if name in sql] == kept
        assert rows(sql, params) == rows(FILTERED, params)


def test_a_null_list_or_a_false_flag_is_not_empty() -> None:
    """`len(NULL) = 0` is not true, and `false is null` is false: the guard must stay."""
    assert without_empty_guards(FILTERED, {"below": None, "at_least": None}).count("$below") == 2
    assert "$at_least" in without_empty_guards(FILTERED, {"below": [], "at_least": False})
    assert without_empty_guards(FILTERED, {}) == FILTERED  # parameters not given: kept


def test_parentheses_in_comments_and_strings_do_not_end_a_condition() -> None:
    sql = """select n from range(5) as t(n)
where true
    and (len($names) = 0 or -- a note (with an open parenthesis
        ('n(' || n) in $names or n::varchar = ')')
    and n < 4"""
    [guard] = guards(sql)
    assert sql[guard.end :].strip() == "and n < 4"
    assert rows(without_empty_guards(sql, {"names": []}), {}) == [(0,), (1,), (2,), (3,)]


def test_a_guard_in_a_comment_is_not_one_and_a_nested_one_goes_with_its_holder() -> None:
    sql = """select n from range(5) as t(n)
-- and (len($ignored) = 0 or n = 1)
where true
    and (len($outer) = 0 or list_contains($outer, n) and n in (
        select m from range(5) as u(m) where true and ($inner is null or m > $inner)))"""
    assert [g.parameter for g in guards(sql)] == ["outer", "inner"]
    both_empty = without_empty_guards(sql, {"outer": [], "inner": None})
    assert both_empty.rstrip().endswith("where true")
    inner_only = without_empty_guards(sql, {"outer": [3], "inner": None})
    assert "$outer" in inner_only and "$inner" not in inner_only.split("\n", 2)[2]
    assert rows(inner_only, {"outer": [3]}) == [(3,)]


def test_every_statement_made_from_a_query_has_its_skeleton() -> None:
    variants = {
        without_empty_guards(FILTERED, {"below": below, "at_least": at_least})
        for below in ([], [3])
        for at_least in (None, 1)
    }
    assert len(variants) == 4
    assert {skeleton(sql) for sql in variants} == {skeleton(FILTERED)}
    assert skeleton(FILTERED) != skeleton(FILTERED.replace("n >= 0", "n >= 1"))
