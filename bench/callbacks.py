"""Benchmark: the pages' router callbacks served by gunicorn, against raw DuckDB on the same data.

    python -m bench.callbacks [--db WAREHOUSE] [--runs 30]

Prints medians and the ratio to a baseline measured in the same run (the same named queries on
a warm read-only connection, no web stack): these machines are noisy, ratios less so.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dashboard.url_params import parse
from tests.serving import (
    add_test_user,
    free_port,
    grid_request,
    gunicorn_command,
    router_request,
    serve,
    signed_in,
)
from warehouse import metrics, query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.viewer import STAFF


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="warehouse to measure (default: a fresh sample warehouse)")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    if args.db:
        db = Path(args.db)
    else:
        folder = Path(tempfile.mkdtemp())
        subprocess.run(
            [sys.executable, "-m", "atlas.cli", "sample", "--out", str(folder)],
            check=True,
            capture_output=True,
        )
        db = folder / "atlas.duckdb"
        subprocess.run(
            [sys.executable, "-m", "atlas.cli", "load", "--db", str(db), str(folder)],
            check=True,
            capture_output=True,
        )
    views = {
        "overview": ("/", "?programme=2022-2026"),
        "map, all programmes": ("/map", ""),
        "map, one programme and theme": ("/map", "?programme=2017-2021&theme=gender"),
        "outcomes page": ("/outcomes", "?programme=2022-2026"),
        "outcomes grid, 100 rows sorted": ("grid", "?programme=2022-2026"),
    }
    warehouse = ReadOnlyWarehouse(db)

    def baseline(pathname: str, search: str) -> Callable[[], object]:
        state = parse(search)

        def run() -> object:
            with warehouse.lease() as lease:
                if pathname in ("/outcomes", "grid"):
                    filters = state.outcome_filters()
                    query.run(lease.cursor, "outcomes_count", STAFF, **filters)
                    return query.run(
                        lease.cursor,
                        "outcomes_page",
                        STAFF,
                        **filters,
                        sort_col="observed_on",
                        sort_dir="desc",
                        limit=100,
                        offset=0,
                    )
                if pathname == "/map":
                    query.run(lease.cursor, "map_countries", STAFF, **state.filters())
                    return query.run(lease.cursor, "map_flows", STAFF, **state.filters())
                return metrics.compute(lease.cursor, STAFF, list(state.programmes))

        return run

    port = free_port()
    state = Path(tempfile.mkdtemp()) / "state.sqlite"
    add_test_user(state, "bench", "staff")
    env = {"ATLAS_DB": str(db), "ATLAS_STATE": str(state)}
    with serve(gunicorn_command(port), env, port, ready_path="/login") as url:
        client = signed_in(url, "bench")
        print(f"warehouse: {db}  runs: {args.runs}")
        print(f"{'view':32} {'callback ms':>12} {'raw DuckDB ms':>14} {'ratio':>7} {'JSON KB':>8}")
        for name, (pathname, search) in views.items():
            body = grid_request(search) if pathname == "grid" else router_request(pathname, search)

            def call(body: bytes = body) -> bytes:
                with client.open(
                    url + "/_dash-update-component",
                    data=body,
                    headers={"Content-Type": "application/json"},
                ) as response:
                    return bytes(response.read())

            size_kb = len(call()) / 1024
            served = median_ms(call, args.runs)
            raw = median_ms(baseline(pathname, search), args.runs)
            print(f"{name:32} {served:12.1f} {raw:14.1f} {served / raw:7.1f} {size_kb:8.1f}")


if __name__ == "__main__":
    main()
