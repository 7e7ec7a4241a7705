"""Where a callback's time goes: each statement it runs, timed on a warm read-only connection.

    BENCH_SIZES=1000000 python -m bench.statements

For every probe of `make bench` (the first BENCH_VARIANTS filter values, default 3), it records
the statements the callback ran through the app's own data layer, then prints each one's median
time over BENCH_RUNS (default 5) runs with the named query it came from. Run it on a warehouse
`make bench` has built; it builds one if there is none.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from bench.harness import USER, build, config_from, probes, recorder
from tests.serving import add_test_user
from warehouse import query as named_query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.guards import skeleton
from warehouse.query import fetch


def label(sql: str) -> str:
    """The named query a statement ran, or the first words of its SQL (the metrics layer)."""
    for name in named_query.available():
        if skeleton(named_query.sql_of(name)) == skeleton(sql):
            return name
    return " ".join(sql.split())[:60]


def main(env: Mapping[str, str] | None = None) -> None:
    env = os.environ if env is None else env
    config = config_from(env)
    variants = int(env.get("BENCH_VARIANTS", "3"))
    runs = int(env.get("BENCH_RUNS", "5"))
    for exchanges in config.sizes:
        intake, db, _ = build(config, exchanges)
        with tempfile.TemporaryDirectory(prefix="atlas-statements-") as scratch:
            state = Path(scratch) / "state.sqlite"
            add_test_user(state, USER, "staff")
            checks = probes(intake)
            with recorder(db, state) as record:
                batches = {
                    (p.page, p.callback): [record(p.body(s)) for s in p.searches[:variants]]
                    for p in checks
                }
        warehouse = ReadOnlyWarehouse(db)
        print(f"\n{exchanges:,} exchanges: median ms of {runs} runs per statement")
        for (page, callback), recorded in batches.items():
            times: dict[str, list[float]] = {}
            for batch in recorded:
                for sql, params in batch:
                    with warehouse.lease() as lease:
                        fetch(lease.cursor, sql, params)  # warm
                        for _ in range(runs):
                            started = time.perf_counter()
                            fetch(lease.cursor, sql, params)
                            times.setdefault(label(sql), []).append(
                                (time.perf_counter() - started) * 1000
                            )
            total = sum(statistics.median(t) for t in times.values())
            print(f"{page} {callback}: {total:,.1f} ms in {len(times)} statements")
            for name, spent in sorted(times.items(), key=lambda kv: -statistics.median(kv[1])):
                print(f"    {statistics.median(spent):9.1f}  {name}")


if __name__ == "__main__":
    main()
