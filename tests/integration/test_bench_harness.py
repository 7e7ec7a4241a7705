"""`make bench` at a tiny size: every callback measured, every figure there, reruns reuse data.

Speed itself is never asserted here (see README, "Benchmarks"); only the shape of the results.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import statements
from bench.harness import build, config_from
from bench.render import PAGES
from bench.targets import TARGETS
from tests.serving import ROOT

EXPECTED = {
    ("/", "pages router"),
    ("/map", "pages router"),
    ("/outcomes", "pages router"),
    ("/outcomes", "outcomes grid, 100 rows"),
    ("/programmes", "pages router, results"),
    ("/programmes", "pages router, plans"),
    ("/programmes", "pages router, compared"),
    ("/network", "pages router"),
    ("/practices", "pages router (question asked)"),
}


def test_harness_measures_every_callback(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "BENCH_SIZES": "300",
        "BENCH_RUNS": "3",
        "BENCH_DIR": str(tmp_path / "bench"),  # never data/bench of the checkout
        "BENCH_OUT": str(tmp_path / "results.json"),
        "BENCH_CONCURRENCY_SECONDS": "2",
        "BENCH_RENDER_RUNS": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bench.harness"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=360,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "/practices" in done.stdout  # the table was printed

    result = json.loads((tmp_path / "results.json").read_text())
    assert result["when"] and result["machine"]["cpus"]
    [size] = result["sizes"]
    assert size["exchanges"] == 300 and size["load_seconds"] > 0
    assert size["load_peak_mb"] > 50  # an interpreter with polars and DuckDB loaded
    assert size["small_load_seconds"] > 0 and size["small_load_peak_mb"] > 50
    assert len(size["worker_peak_mb"]) == 2 and min(size["worker_peak_mb"]) > 50
    concurrency = size["concurrency"]
    assert concurrency["clients"] == 8 and concurrency["errors"] == 0
    assert concurrency["requests"] > 8 and concurrency["requests_per_second"] > 0
    callbacks = {(c["page"], c["callback"]): c for c in size["callbacks"]}
    assert set(callbacks) == EXPECTED
    for name, figures in callbacks.items():
        for kind in ("server_ms", "raw_duckdb_ms"):
            median, p95 = figures[kind]["median"], figures[kind]["p95"]
            assert 0 < median <= p95, (name, kind, figures[kind])
        assert figures["ratio"] > 0, name
        assert figures["statements"] > 0, name  # the baseline replayed real queries
        pandas = figures["pandas_ms"]  # the same answers computed the pandas way
        assert 0 < pandas["median"] <= pandas["p95"], (name, pandas)
        assert figures["pandas_speedup"] > 0, name
    assert result["notes"]["pandas_ms"]
    pages = {p["page"]: p for p in size["pages"]}
    assert set(pages) == set(PAGES)
    for page in pages.values():
        assert 0 < page["first_render_ms"]["median"] <= page["first_render_ms"]["p95"], page
        assert page["first_visit_bytes"] > 100_000 and page["first_visit_requests"] > 5, page
    assert size["pandas_load"]["seconds"] > 0 and size["pandas_load"]["memory_mb"] >= 0
    # the targets are set for 1M and 10M exchanges: none is judged at 300
    assert len(result["targets"]) == len(TARGETS)
    assert all(t["met"] is None and t["measured"] == [] for t in result["targets"])
    assert "targets (issue #9)" in done.stdout

    # A rerun reuses the intake files and the warehouse, load time included.
    config = config_from(env)
    intake = tmp_path / "bench" / "synth-300-seed1"
    before = {p.name: p.stat().st_mtime_ns for p in intake.iterdir()}
    again_intake, db, load = build(config, 300)
    assert again_intake == intake and db.exists()
    assert load == {"load_seconds": size["load_seconds"], "load_peak_mb": size["load_peak_mb"]}
    assert {p.name: p.stat().st_mtime_ns for p in intake.iterdir()} == before


def test_statements_name_the_queries_of_every_callback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`bench.statements` times each statement of each callback under its named query."""
    statements.main({"BENCH_SIZES": "300", "BENCH_RUNS": "1", "BENCH_DIR": str(tmp_path)})
    printed = capsys.readouterr().out
    for page, callback in EXPECTED:
        assert f"{page} {callback}: " in printed
    # named queries of the map, the outcomes page and the practice finder, each with a time
    for name in ("map_view", "outcomes_overview", "practice_candidates"):
        assert re.search(r"^\s+\d+\.\d  " + name + "$", printed, re.MULTILINE), name
