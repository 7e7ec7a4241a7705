"""The performance targets of issue #9, checked against what `make bench` measured.

    python -m bench.targets [data/bench/results.json]

Each target names the size it is set for; a result without that size says "not measured"
instead of passing. `make bench` adds the same verdicts to its JSON (`targets`) and table.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import render

Size = dict[str, Any]


@dataclass(frozen=True)
class Target:
    exchanges: int
    name: str
    limit: str
    # Each (what, measured value, met) for a size's results: one per callback, page or figure.
    check: Callable[[Size], Iterator[tuple[str, float | None, bool]]]


def _callbacks(size: Size) -> Iterator[dict[str, Any]]:
    yield from size["callbacks"]


def _p95_at_most(limit_ms: float) -> Callable[[Size], Iterator[tuple[str, float | None, bool]]]:
    def check(size: Size) -> Iterator[tuple[str, float | None, bool]]:
        for c in _callbacks(size):
            p95 = c["server_ms"]["p95"]
            yield f"{c['page']} {c['callback']}", p95, p95 <= limit_ms

    return check


def _near_raw(size: Size) -> Iterator[tuple[str, float | None, bool]]:
    for c in _callbacks(size):
        p95, raw = c["server_ms"]["p95"], c["raw_duckdb_ms"]["p95"]
        yield f"{c['page']} {c['callback']}", p95, p95 <= 1.5 * raw + 3


def _pandas_speedup(size: Size) -> Iterator[tuple[str, float | None, bool]]:
    for c in _callbacks(size):
        speedup = c["pandas_speedup"]
        yield f"{c['page']} {c['callback']}", speedup, speedup is not None and speedup >= 10


def _worker_memory(size: Size) -> Iterator[tuple[str, float | None, bool]]:
    for index, mb in enumerate(size["worker_peak_mb"]):
        yield f"worker {index + 1}", mb, mb <= 500


def _concurrency(size: Size) -> Iterator[tuple[str, float | None, bool]]:
    c8 = size["concurrency"]
    yield "requests/s", c8["requests_per_second"], c8["requests_per_second"] >= 120
    yield "errors", c8["errors"], c8["errors"] == 0


def _load(seconds: float, peak_mb: float | None = None) -> Callable[[Size], Iterator[Any]]:
    def check(size: Size) -> Iterator[tuple[str, float | None, bool]]:
        yield "seconds", size["load_seconds"], size["load_seconds"] <= seconds
        if peak_mb is not None:
            yield "peak MB", size["load_peak_mb"], size["load_peak_mb"] <= peak_mb

    return check


def _first_render(size: Size) -> Iterator[tuple[str, float | None, bool]]:
    pages = size["pages"]
    if not isinstance(pages, list):
        yield "pages", None, False
        return
    for page in pages:
        median = page["first_render_ms"]["median"]
        yield page["page"], median, median <= render.TARGET_MS


TARGETS = (
    Target(1_000_000, "data callback p95", "≤ 20 ms", _p95_at_most(20)),
    Target(1_000_000, "data callback p95 near raw DuckDB", "≤ 1.5 × raw p95 + 3 ms", _near_raw),
    Target(1_000_000, "8 clients, 2 workers", "≥ 120 requests/s, no error", _concurrency),
    Target(1_000_000, "load of the synthetic files", "≤ 30 s", _load(30)),
    Target(1_000_000, "first render in Chromium", "≤ 1,500 ms", _first_render),
    Target(10_000_000, "data callback p95", "≤ 60 ms", _p95_at_most(60)),
    Target(10_000_000, "app worker peak memory", "≤ 500 MB", _worker_memory),
    Target(10_000_000, "faster than the pandas way", "≥ 10×", _pandas_speedup),
    Target(10_000_000, "load of the synthetic files", "≤ 360 s, ≤ 8 GB", _load(360, 8192)),
)


def evaluate(sizes: list[Size]) -> list[dict[str, Any]]:
    """Every target with what was measured and whether it is met (None: not measured, for the
    size was not run or the run left the figure out, as pandas above BENCH_PANDAS_MAX)."""
    by_size = {s["exchanges"]: s for s in sizes}
    verdicts = []
    for target in TARGETS:
        size = by_size.get(target.exchanges)
        measured = [] if size is None else list(target.check(size))
        left_out = bool(measured) and all(value is None for _, value, _ in measured)
        verdicts.append(
            {
                "exchanges": target.exchanges,
                "target": target.name,
                "limit": target.limit,
                "met": None if size is None or left_out else all(met for _, _, met in measured),
                "measured": [{"what": w, "value": v, "met": m} for w, v, m in measured],
            }
        )
    return verdicts


def table(verdicts: list[dict[str, Any]]) -> str:
    lines = []
    for v in verdicts:
        status = {None: "not measured", True: "met", False: "NOT MET"}[v["met"]]
        missed = [m for m in v["measured"] if not m["met"]]
        detail = ", ".join(f"{m['what']} {m['value']}" for m in missed)
        lines.append(
            f"{v['exchanges']:>10,} {v['target']:36} {v['limit']:26} {status}"
            + (f" ({len(missed)} of {len(v['measured'])}: {detail})" if v["met"] is False else "")
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    path = Path(argv[0] if argv else "data/bench/results.json")
    print(table(evaluate(json.loads(path.read_text())["sizes"])))


if __name__ == "__main__":
    main(sys.argv[1:])
