"""The benchmark's pandas baseline computes the same answers as the app, for every probe.

The expected side is the app's own path: the named queries (and metric definitions) run through
the query layer as a staff user, then the page's own polars helpers (programme choice, network
reciprocity and balance, the practice ranking). A baseline that answered something else would
make the speed comparison meaningless, so every number must be equal.
"""

from __future__ import annotations

import math
import os
import shutil
from collections.abc import Iterator
from datetime import datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pytest

from atlas.i18n import language
from bench.harness import build, config_from, probes
from bench.pandas_way import EVIDENCE_SHOWN, GRID_ROWS, SUGGESTIONS_SHOWN, PandasWay
from dashboard.defaults import choose_programme
from dashboard.figures.network import balance, overall_reciprocity, pair_reciprocity
from dashboard.url_params import ViewState, parse
from tests.fixtures import FRENCH, warehouse_with_translated_outcome
from warehouse import metrics, models, query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.practices import rank, term_weights
from warehouse.search import search_terms
from warehouse.viewer import STAFF

PROBES = [
    ("/", "pages router"),
    ("/map", "pages router"),
    ("/outcomes", "pages router"),
    ("/outcomes", "outcomes grid, 100 rows"),
    ("/programmes", "pages router, results"),
    ("/programmes", "pages router, plans"),
    ("/programmes", "pages router, compared"),
    ("/network", "pages router"),
    ("/practices", "pages router (question asked)"),
]
# The /programmes probes of the sections other than the first, and their `?section=`.
SECTIONS = {
    ("/programmes", "pages router, plans"): "plans",
    ("/programmes", "pages router, compared"): "compare",
}
# For the sample warehouse (`atlas sample`): filters the synthetic probes never use.
SAMPLE_SEARCHES = [
    "",
    "?programme=2017-2021",
    "?programme=2022-2026&theme=gender",
    "?theme=social_dialogue",
    "?organisation=CDT-MA",
    "?region=africa&year_from=2014&year_to=2019",
    "?modality=study_visit&modality=expert_mission",
    "?q=domestic+workers",
    "?country=MA&positive=yes",
    "?illustrative=no&level=policy",
    "?programme=1992-2002",  # no records at all
]
# An outcome in Spanish with a French translation: each reader gets the text the grid shows.
SAMPLE_PRACTICES = [
    "?organisation=CDT-MA&theme=informal_economy&q=organising+market+vendors",
    "?organisation=NDWF-IN&theme=domestic_work&q=organising+domestic+workers",
    "?organisation=CNT-NE&theme=gender",
    "?organisation=CDT-MA&theme=domestic_work&q=zzzz+unknown+words&illustrative=yes",
]


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The intake and warehouse of `atlas synth --exchanges 300`, as the harness builds them."""
    bench_dir = tmp_path_factory.mktemp("pandas-way")
    intake, db, _seconds = build(config_from({"BENCH_DIR": str(bench_dir)}), 300)
    return intake, db


# Each exchange, outcome and plan copied this many times, with its participants, change agents,
# statuses and links: groups then hold more records than the newest that groups keep (ten
# exchanges, a hundred outcomes), and a programme more plans than its page lists.
COPIES = 25


@pytest.fixture(scope="module")
def crowded(synth: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic warehouse with each exchange, outcome and plan copied COPIES times under
    new identifiers (the same attributes and dates), its models rebuilt."""
    db = tmp_path_factory.mktemp("crowded") / "atlas.duckdb"
    shutil.copyfile(os.path.realpath(synth[1]), db)
    suffixed = {
        "exchange_id": "exchange_id || '-c' || n",
        "outcome_id": "outcome_id || '-c' || n",
        "plan_id": "plan_id || '-c' || n",
    }
    copied = [
        "stg_exchanges",
        "stg_exchange_participants",
        "stg_outcomes",
        "stg_outcome_change_agents",
        "stg_outcome_exchanges",
        "stg_innovation_plans",
        "stg_plan_status_changes",
        "stg_plan_exchanges",
    ]
    with duckdb.connect(str(db)) as connection:
        for table in copied:
            columns = [r[0] for r in connection.execute(f"describe {table}").fetchall()]
            select = ", ".join(suffixed.get(c, c) for c in columns)
            connection.execute(
                f"insert into {table} select {select} from {table}, range(1, {COPIES}) as r(n)"
            )
        models.build(connection)
        [(exchanges, outcomes)] = connection.execute(
            "select (select max(exchanges) from agg_exchange_group),"
            " (select max(outcomes) from agg_outcome_group)"
        ).fetchall()
        assert exchanges > 10 and outcomes > 100
    return db


@pytest.fixture(scope="module")
def synth_way(synth: tuple[Path, Path]) -> PandasWay:
    return PandasWay(synth[1])


@pytest.fixture(scope="module")
def synth_cursor(synth: tuple[Path, Path]) -> Iterator[duckdb.DuckDBPyConnection]:
    with ReadOnlyWarehouse(synth[1]).lease() as lease:
        yield lease.cursor


@pytest.fixture(scope="module")
def sample_way(sample_warehouse: Path) -> PandasWay:
    return PandasWay(sample_warehouse)


@pytest.fixture(scope="module")
def sample_cursor(sample_warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with ReadOnlyWarehouse(sample_warehouse).lease() as lease:
        yield lease.cursor


@pytest.fixture(scope="module")
def translated_warehouse(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return warehouse_with_translated_outcome(
        sample_warehouse, tmp_path_factory.mktemp("pandas-way-translated")
    )


def _previous(programmes: pl.DataFrame, programme: str) -> str | None:
    match = programmes.filter(pl.col("programme_code") == programme)
    return match["previous_programme_code"][0] if match.height else None


def expected(
    cursor: duckdb.DuckDBPyConnection, probe: tuple[str, str], state: ViewState
) -> dict[str, Any]:
    """What the app computes for the probe: its named queries, then its own helpers."""

    def q(name: str, **params: Any) -> pl.DataFrame:
        return query.run(cursor, name, STAFF, **params)

    programmes = q("programmes")
    if probe == ("/", "pages router"):
        programme = choose_programme(programmes, state.programmes)
        assert programme is not None
        previous = _previous(programmes, programme)
        codes = [programme] + ([previous] if previous else [])
        by_modality, by_level = metrics.BREAKDOWNS
        computed = metrics.compute(cursor, STAFF, codes)
        return {
            "programmes": programmes,
            "metrics": computed.drop(by_modality.name, by_level.name),
            "exchanges_by_modality": metrics.breakdown_of(computed, by_modality),
            "outcomes_by_level": metrics.breakdown_of(computed, by_level),
            "outcomes_by_theme": q(
                "outcomes_by_theme", programmes=[programme, previous or programme]
            ),
        }
    if probe == ("/map", "pages router"):
        view = q("map_view", **state.filters())
        return {
            "programmes": programmes,
            "organisations": q("organisations"),
            "map_countries": query.nested(view, "country_rows"),
            "map_flows": query.nested(view, "flow_rows"),
            "data_as_of": q("data_as_of"),
        }
    if probe == ("/outcomes", "pages router"):
        filters = state.outcome_filters()
        count = q("outcomes_count", **filters)
        answer: dict[str, Any] = {
            "programmes": programmes,
            "organisations": q("organisations"),
            "outcomes_count": count,
        }
        if count["outcomes"][0]:
            overview = q("outcomes_overview", **filters)
            answer["outcomes_theme_level"] = query.nested(overview, "theme_level")
            previous = (
                _previous(programmes, state.programmes[0]) if len(state.programmes) == 1 else None
            )
            if previous:
                answer["outcomes_theme_level_previous"] = q(
                    "outcomes_theme_level", **state.with_(programmes=(previous,)).outcome_filters()
                )
            answer["outcome_contributions"] = query.nested(overview, "contributions")
            answer["plan_follow_up"] = query.nested(overview, "follow_up")
        return answer
    if probe == ("/outcomes", "outcomes grid, 100 rows"):
        filters = state.outcome_filters()
        return {
            "outcomes_page": q(
                "outcomes_page",
                **filters,
                sort_col="observed_on",
                sort_dir="desc",
                limit=GRID_ROWS,
                offset=0,
            ),
            "outcomes_count": q("outcomes_count", **filters),
        }
    if probe[0] == "/programmes":
        programme = choose_programme(programmes, state.programmes)
        assert programme is not None
        themes = list(state.themes)
        if state.section == "plans":  # the section in the URL decides, as on the page
            return {
                "programmes": programmes,
                "plan_pipeline": q("plan_pipeline", programme=programme),
                "plan_table": q("plan_table", programme=programme, themes=themes),
            }
        if state.section == "compare":
            return {
                "programmes": programmes,
                "programme_comparison": q("programme_comparison", themes=themes),
                "programme_mix": q("programme_mix", themes=themes),
            }
        return {
            "programmes": programmes,
            "programme_indicators": q("programme_indicators", programme=programme, objective=None),
            "participation_by_year": q("participation_by_year", programme=programme, themes=[]),
            "objectives": q("objectives", programme=programme),
        }
    if probe == ("/network", "pages router"):
        pairs = q("network_pairs", **state.filters())
        answer = {"programmes": programmes, "network_pairs": pairs}
        if not pairs.is_empty():
            answer["pair_reciprocity"] = pair_reciprocity(pairs)
            answer["overall_reciprocity"] = overall_reciprocity(pairs)
            answer["balance"] = balance(pairs)
        return answer
    if probe == ("/practices", "pages router (question asked)"):
        answer = {"organisations": q("organisations")}
        if not (state.organisations and state.themes):
            return answer
        asking, theme = state.organisations[0], state.themes[0]
        illustrative = None if state.illustrative is None else state.illustrative == "yes"
        terms = search_terms(state.q or "")
        candidates = q(
            "practice_candidates",
            theme=theme,
            asking_org=asking,
            terms=terms,
            illustrative=illustrative,
        )
        answer["practice_candidates"] = candidates
        weights: dict[str, float] = {}
        if terms:
            rarity = q("term_rarity", terms=terms)
            answer["term_rarity"] = rarity
            weights = term_weights(rarity, terms)
        ranked = rank(candidates, weights)[:SUGGESTIONS_SHOWN]
        answer["ranked"] = pl.DataFrame(
            [{"org_code": s.org_code, **s.factors, "score": s.score} for s in ranked],
            schema=["org_code", "evidence", "practice", "words", "region", "score"],
            orient="row",
        )
        if ranked:
            answer["practice_evidence"] = q(
                "practice_evidence",
                theme=theme,
                organisations=[s.org_code for s in ranked],
                illustrative=illustrative,
                per_kind=EVIDENCE_SHOWN,
            )
        return answer
    raise AssertionError(f"no expectation for {probe}")


def plain(value: object) -> object:
    """One cell as plain Python, so polars' and pandas' representations compare equal."""
    if isinstance(value, list | tuple | np.ndarray):
        return [plain(v) for v in value]
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.time() == time():
        return value.date()  # a DATE column comes back from pandas as midnight timestamps
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return round(value, 9)  # sums of weights and shares, added in another order
    return value


def records(frame: pl.DataFrame | pd.DataFrame) -> list[dict[str, object]]:
    rows = frame.to_dicts() if isinstance(frame, pl.DataFrame) else frame.to_dict("records")
    return [{name: plain(value) for name, value in row.items()} for row in rows]


def assert_same_answers(actual: dict[str, Any], wanted: dict[str, Any], context: str) -> None:
    assert list(actual) == list(wanted), context
    for name, value in wanted.items():
        where = f"{context}: {name}"
        if isinstance(value, pl.DataFrame):
            assert list(actual[name].columns) == value.columns, where
            assert records(actual[name]) == records(value), where
        else:
            assert plain(actual[name]) == plain(value), where


def theme_sums(cursor: duckdb.DuckDBPyConnection, state: ViewState) -> dict[tuple[Any, ...], int]:
    """The map flows' own `by_theme`: participations per flow and theme under the filter."""
    ctes = query.fragment_sql("map_flows").rsplit("\nselect\n", 1)[0]  # up to its select
    sql = ctes + "\nselect from_country, to_country, kind, theme, participations from by_theme"
    bound = {"visible": STAFF.visible_levels(), "viewer_org": None, **state.filters()}
    rows = cursor.sql(sql, params={k: bound[k] for k in query.parameters_of(sql)}).fetchall()
    return {tuple(row[:4]): int(row[4]) for row in rows}


def assert_main_themes(
    actual: pd.DataFrame, wanted: pl.DataFrame, sums: dict[tuple[Any, ...], int]
) -> None:
    """The SQL's arg_max picks any of the themes tied for most participations, so the baseline
    must pick one of those, not necessarily the same one."""
    keys = ["from_country", "to_country", "kind"]
    for mine, theirs in zip(records(actual), records(wanted), strict=True):
        flow = tuple(mine[k] for k in keys)
        assert flow == tuple(theirs[k] for k in keys)
        assert sums[(*flow, mine["main_theme"])] == sums[(*flow, theirs["main_theme"])], flow


def check(
    way: PandasWay,
    cursor: duckdb.DuckDBPyConnection,
    probe: tuple[str, str],
    searches: list[str],
) -> None:
    for search in searches:
        state = parse(search)
        answer = way.answer(*probe, search)
        with language(state.lang):  # as every callback sets the language of the URL first
            wanted = expected(cursor, probe, state)
        if "map_flows" in wanted:
            assert_main_themes(answer["map_flows"], wanted["map_flows"], theme_sums(cursor, state))
            answer["map_flows"] = answer["map_flows"].drop(columns="main_theme")
            wanted["map_flows"] = wanted["map_flows"].drop("main_theme")
        assert_same_answers(answer, wanted, f"{probe} {search}")


def test_the_baseline_covers_every_probe_of_the_harness(
    synth: tuple[Path, Path], synth_way: PandasWay
) -> None:
    assert set(synth_way.probes()) == {(p.page, p.callback) for p in probes(synth[0])}
    assert synth_way.load_seconds > 0 and synth_way.rss_growth_bytes >= 0


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: f"{p[0]} {p[1]}")
def test_synthetic_answers_equal_the_apps(
    synth: tuple[Path, Path],
    synth_way: PandasWay,
    synth_cursor: duckdb.DuckDBPyConnection,
    probe: tuple[str, str],
) -> None:
    """Every search the harness cycles through for this probe."""
    [searches] = [p.searches for p in probes(synth[0]) if (p.page, p.callback) == probe]
    check(synth_way, synth_cursor, probe, searches)


@pytest.mark.parametrize("probe", PROBES, ids=lambda p: f"{p[0]} {p[1]}")
def test_sample_answers_equal_the_apps(
    sample_way: PandasWay, sample_cursor: duckdb.DuckDBPyConnection, probe: tuple[str, str]
) -> None:
    """The sample has what the synthetic data lacks: indicators, plan outcomes, unmapped
    themes, negative outcomes, other languages; and filters the harness does not cycle."""
    searches = SAMPLE_PRACTICES if probe[0] == "/practices" else SAMPLE_SEARCHES
    section = SECTIONS.get(probe)
    if section:
        searches = [f"{s}{'&' if s else '?'}section={section}" for s in searches]
    check(sample_way, sample_cursor, probe, searches)


@pytest.mark.parametrize(
    "probe", [("/practices", PROBES[-1][1]), ("/outcomes", "outcomes grid, 100 rows")]
)
def test_the_newest_records_of_each_group_answer_as_every_record_does(
    synth: tuple[Path, Path], crowded: Path, probe: tuple[str, str]
) -> None:
    """The practice finder and the outcomes table's first page read the newest records each
    group keeps: with larger groups, they still show what reading every record shows."""
    [searches] = [p.searches for p in probes(synth[0]) if (p.page, p.callback) == probe]
    with ReadOnlyWarehouse(crowded).lease() as lease:
        check(PandasWay(crowded), lease.cursor, probe, searches)


def test_the_plan_table_lists_the_first_hundred_and_counts_them_all(
    synth: tuple[Path, Path], crowded: Path
) -> None:
    probe = ("/programmes", "pages router, plans")
    [searches] = [p.searches for p in probes(synth[0]) if (p.page, p.callback) == probe]
    with ReadOnlyWarehouse(crowded).lease() as lease:
        check(PandasWay(crowded), lease.cursor, probe, searches)
        [(programme, plans)] = lease.cursor.sql(
            "select programme_code, count(*) from fct_innovation_plan"
            " group by all order by 2 desc limit 1"
        ).fetchall()
        table = query.run(lease.cursor, "plan_table", STAFF, programme=programme, themes=[])
    assert plans > 100
    assert table.height == 100 and table["matching_plans"].unique().to_list() == [plans]


def test_an_unknown_probe_is_a_key_error(synth_way: PandasWay) -> None:
    with pytest.raises(KeyError, match="/nowhere"):
        synth_way.answer("/nowhere", "pages router", "")
    with pytest.raises(KeyError):
        synth_way.answer("/map", "country panel", "?programme=2017-2021")


def test_the_grid_reads_each_outcome_in_the_readers_language(translated_warehouse: Path) -> None:
    way = PandasWay(translated_warehouse)
    grid = ("/outcomes", "outcomes grid, 100 rows")
    searches = ["?lang=fr&programme=2017-2021", "?lang=es&programme=2017-2021", "?lang=nl"]
    with ReadOnlyWarehouse(translated_warehouse).lease() as lease:
        check(way, lease.cursor, grid, searches)
    french = way.answer(*grid, "?lang=fr&programme=2017-2021&q=vendedoras")["outcomes_page"]
    assert french[["description", "language", "is_translation"]].values.tolist() == [
        [FRENCH, "fr", True]
    ]
