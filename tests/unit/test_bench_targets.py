"""bench.targets judges a result by the issue's limits, and never passes what was not measured."""

from __future__ import annotations

from typing import Any

from bench.targets import TARGETS, evaluate


def size(exchanges: int, p95: float, raw_p95: float) -> dict[str, Any]:
    callback = {
        "page": "/map",
        "callback": "pages router",
        "server_ms": {"median": p95 / 2, "p95": p95},
        "raw_duckdb_ms": {"median": raw_p95 / 2, "p95": raw_p95},
        "pandas_speedup": 12.0,
    }
    return {
        "exchanges": exchanges,
        "callbacks": [callback],
        "worker_peak_mb": [420.0, 510.0],
        "concurrency": {"requests_per_second": 130.0, "errors": 0},
        "load_seconds": 29.0,
        "load_peak_mb": 3000.0,
        "pages": [{"page": "/map", "first_render_ms": {"median": 1600.0, "p95": 1700.0}}],
    }


def verdicts(*sizes: dict[str, Any]) -> dict[tuple[int, str], dict[str, Any]]:
    return {(v["exchanges"], v["target"]): v for v in evaluate(list(sizes))}


def test_each_limit_is_applied_to_every_figure() -> None:
    judged = verdicts(size(1_000_000, p95=19.0, raw_p95=12.0), size(10_000_000, 61.0, 50.0))
    assert judged[(1_000_000, "data callback p95")]["met"] is True
    assert judged[(1_000_000, "data callback p95 near raw DuckDB")]["met"] is True  # 19 <= 21
    assert judged[(1_000_000, "8 clients, 2 workers")]["met"] is True
    assert judged[(1_000_000, "load of the synthetic files")]["met"] is True
    assert judged[(1_000_000, "first render in Chromium")]["met"] is False
    assert judged[(10_000_000, "data callback p95")]["met"] is False
    memory = judged[(10_000_000, "app worker peak memory")]
    assert memory["met"] is False
    assert [m["met"] for m in memory["measured"]] == [True, False]


def test_a_size_not_measured_is_not_met() -> None:
    judged = verdicts(size(1_000_000, p95=10.0, raw_p95=9.0))
    assert {v["met"] for k, v in judged.items() if k[0] == 10_000_000} == {None}
    assert len(judged) == len(TARGETS)


def test_a_figure_the_run_left_out_is_not_measured_rather_than_missed() -> None:
    """pandas is not run above BENCH_PANDAS_MAX: its speed-up is None, not a failure."""
    without_pandas = size(10_000_000, p95=50.0, raw_p95=40.0)
    without_pandas["callbacks"][0]["pandas_speedup"] = None
    judged = verdicts(without_pandas)
    assert judged[(10_000_000, "faster than the pandas way")]["met"] is None
    assert judged[(10_000_000, "data callback p95")]["met"] is True
    slower = size(10_000_000, p95=50.0, raw_p95=40.0)
    slower["callbacks"][0]["pandas_speedup"] = 9.0
    assert verdicts(slower)[(10_000_000, "faster than the pandas way")]["met"] is False
