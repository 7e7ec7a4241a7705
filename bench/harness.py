"""Benchmark harness behind `make bench`: every page's data callbacks, served, against raw DuckDB.

    BENCH_SIZES=10000,100000 BENCH_RUNS=30 python -m bench.harness

Per size (exchanges of `atlas synth`) it builds, or reuses, the synthetic intake files and their
warehouse under BENCH_DIR (default data/bench), times `atlas load` on them, serves the warehouse
with gunicorn (2 workers) and posts each data callback to `/_dash-update-component` as a
signed-in staff user, cycling filter values so no single cached answer serves every request.
Beside each, the raw DuckDB time of exactly the statements that callback ran (recorded once in
this process through the app's own data layer) on a warm read-only connection. It prints a
table and writes every figure to BENCH_OUT (default data/bench/results.json).

Then 8 clients post every page's callbacks at once for BENCH_CONCURRENCY_SECONDS (requests per
second, errors), and each worker's peak memory is read from /proc. The load's wall time and peak
memory are kept with the warehouse, which is rebuilt when the loader or the models change.

Environment: BENCH_SIZES (comma-separated, default 10000), BENCH_RUNS (default 30), BENCH_OUT,
BENCH_DIR, BENCH_SEED (default 1), BENCH_CONCURRENCY_SECONDS (default 10), BENCH_PANDAS_MAX
(default 1000000: above it, the pandas frames would not fit in this machine's memory),
BENCH_RENDER_RUNS (default 3: first visits of each page in headless Chromium, `bench.render`).
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb
import polars as pl

from atlas.settings import Settings
from bench import render, targets
from tests.serving import (
    TEST_PASSWORD,
    add_test_user,
    csrf_of,
    free_port,
    grid_request,
    gunicorn_command,
    post_callback,
    router_request,
    serve,
    signed_in,
)
from warehouse.connection import ReadOnlyWarehouse
from warehouse.query import fetch

ROOT = Path(__file__).resolve().parents[1]
WORKERS = 2
CLIENTS = 8
USER = "bench"
PANDAS_NOTE = (
    "the same answers (the callback's queries and what the page derives from them, no figure)"
    " computed with pandas from frames loaded once, vectorised: see bench/pandas_way.py"
)

# A statement as the app ran it: SQL text and its bound parameters.
Statement = tuple[str, dict[str, Any] | None]


@dataclass(frozen=True)
class Config:
    sizes: list[int]
    runs: int
    out: Path
    bench_dir: Path
    seed: int
    concurrency_seconds: float
    pandas_max: int  # above this many exchanges the pandas frames would not fit in memory
    render_runs: int  # first visits of each page in headless Chromium


def config_from(env: Mapping[str, str]) -> Config:
    bench_dir = Path(env.get("BENCH_DIR") or ROOT / "data" / "bench")
    sizes = [int(s) for s in (env.get("BENCH_SIZES") or "10000").split(",") if s.strip()]
    return Config(
        sizes=sizes,
        runs=max(1, int(env.get("BENCH_RUNS") or 30)),
        out=Path(env.get("BENCH_OUT") or bench_dir / "results.json"),
        bench_dir=bench_dir,
        seed=int(env.get("BENCH_SEED") or 1),
        concurrency_seconds=float(env.get("BENCH_CONCURRENCY_SECONDS") or 10),
        pandas_max=int(env.get("BENCH_PANDAS_MAX") or 1_000_000),
        render_runs=max(1, int(env.get("BENCH_RENDER_RUNS") or 3)),
    )


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (so p95 >= median for any sample)."""
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(times_ms: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(times_ms), 3),
        "p95": round(percentile(times_ms, 0.95), 3),
    }


def atlas(*args: str) -> float:
    """Run an `atlas` command; return its peak resident memory in MB."""
    process = subprocess.Popen(
        [sys.executable, "-m", "atlas.cli", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, args, stderr=errors)
    return usage.ru_maxrss / 1024  # Linux reports kilobytes


def code_digest(folders: Sequence[str]) -> str:
    """A digest of the code that shapes what a step writes: a change rebuilds, nothing else."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".sql", ".csv", ".toml") and path.is_file():
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build(config: Config, exchanges: int) -> tuple[Path, Path, dict[str, float]]:
    """The intake folder, the warehouse and its load figures; built once, then reused.

    Both are written under a temporary name and renamed when complete, so an interrupted run
    never leaves half a folder that a rerun would take for a finished one. A warehouse is built
    again when the loader, the contract or the models changed since (their digest is kept).
    """
    name = f"synth-{exchanges}-seed{config.seed}"
    intake = config.bench_dir / name
    config.bench_dir.mkdir(parents=True, exist_ok=True)
    if not intake.is_dir():
        partial = config.bench_dir / (name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        atlas(
            "synth",
            "--exchanges",
            str(exchanges),
            "--seed",
            str(config.seed),
            "--out",
            str(partial),
        )
        partial.rename(intake)
    built = config.bench_dir / f"warehouse-{exchanges}-seed{config.seed}"
    record = built / "load.json"
    code = code_digest(["etl", "warehouse"])
    if not record.is_file() or json.loads(record.read_text()).get("code") != code:
        partial = config.bench_dir / (built.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        db = partial / "atlas.duckdb"
        started = time.perf_counter()
        # The wall time of the command as an operator runs it (interpreter start included).
        peak_mb = atlas(
            "load", "--db", str(db), "--state", str(partial / "load-state.sqlite"), str(intake)
        )
        figures = {
            "load_seconds": round(time.perf_counter() - started, 3),
            "load_peak_mb": round(peak_mb, 1),
            "code": code,
        }
        (partial / "load.json").write_text(json.dumps(figures))
        shutil.rmtree(built, ignore_errors=True)
        partial.rename(built)  # the warehouse's symlink is relative, so it survives the rename
    loaded = json.loads(record.read_text())
    return intake, built / "atlas.duckdb", {k: loaded[k] for k in ("load_seconds", "load_peak_mb")}


def small_load(db: Path, scratch: Path) -> dict[str, float]:
    """Publishing one change agent's review, as the app does, into a copy of the warehouse:
    wall time and peak memory of `atlas load`, its copy of the published version included."""
    folder = scratch / "small-load"
    (folder / "app-outcome-reviews").mkdir(parents=True)
    copy = folder / "atlas.duckdb"
    shutil.copyfile(db.resolve(), copy)
    with duckdb.connect(str(copy), read_only=True) as connection:
        [named] = connection.execute(
            "select outcome_id, org_code from stg_outcome_change_agents order by all limit 1"
        ).fetchall()
    pl.DataFrame(
        [(*named, "confirmed", "2026-12-07", "entered in the app")],
        schema=["outcome_id", "org_code", "verdict", "reviewed_on", "source"],
        orient="row",
    ).write_csv(folder / "app-outcome-reviews" / "outcome_reviews.csv")
    started = time.perf_counter()
    peak_mb = atlas("load", "--db", str(copy), str(folder / "app-outcome-reviews"))
    seconds = time.perf_counter() - started
    shutil.rmtree(folder)
    return {"small_load_seconds": round(seconds, 3), "small_load_peak_mb": round(peak_mb, 1)}


@dataclass(frozen=True)
class Probe:
    """One data callback and the searches (filters in the URL) its requests cycle through."""

    page: str
    callback: str
    body: Callable[[str], bytes]
    searches: list[str]


def probes(intake: Path) -> list[Probe]:
    """Every page's data callbacks, with filter values present in the synthetic data."""
    exchanges = pl.read_parquet(
        intake / "exchanges.parquet", columns=["programme_code", "theme_code"]
    )
    pairs = exchanges.unique().sort(["programme_code", "theme_code"]).rows()
    programmes = sorted({p for p, _ in pairs})
    organisations = (
        pl.read_parquet(intake / "exchange_participants.parquet", columns=["org_code"])
        .get_column("org_code")
        .unique()
        .sort()
        .to_list()
    )

    def search(**params: str) -> str:
        return "?" + urlencode(params) if params else ""

    by_programme = [search(programme=p) for p in programmes]
    by_theme = [search(programme=p, theme=t) for p, t in pairs]
    everything = ["", *by_programme, *by_theme]
    questions = ["training for domestic workers", "collective agreement wages", "safety inspection"]
    practices = [
        search(organisation=organisations[i % len(organisations)], theme=t, q=questions[i % 3])
        for i, (_, t) in enumerate(pairs)
    ]

    def router(pathname: str) -> Callable[[str], bytes]:
        return lambda s: router_request(pathname, s)

    return [
        Probe("/", "pages router", router("/"), by_programme),
        Probe("/map", "pages router", router("/map"), everything),
        Probe("/outcomes", "pages router", router("/outcomes"), everything),
        Probe("/outcomes", "outcomes grid, 100 rows", grid_request, everything),
        Probe("/programmes", "pages router, results", router("/programmes"), by_programme),
        Probe(
            "/programmes",
            "pages router, plans",
            router("/programmes"),
            [search(programme=p, section="plans") for p in programmes]
            + [search(programme=p, theme=t, section="plans") for p, t in pairs],
        ),
        Probe(
            "/programmes",
            "pages router, compared",
            router("/programmes"),
            [search(section="compare")]
            + [search(programme=p, theme=t, section="compare") for p, t in pairs],
        ),
        Probe("/network", "pages router", router("/network"), everything),
        Probe("/practices", "pages router (question asked)", router("/practices"), practices),
    ]


class _Recording:
    """A DuckDB cursor that notes every statement run through it, then runs it."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection, log: list[Statement]) -> None:
        self._cursor, self._log = cursor, log

    def execute(self, query: str, params: dict[str, Any] | None = None) -> Any:
        self._log.append((query, params))
        return self._cursor.execute(query, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


@contextmanager
def recorder(db: Path, state: Path) -> Iterator[Callable[[bytes], list[Statement]]]:
    """Post a callback to the app in this process and return the statements it ran.

    The baseline then replays exactly these: the same named queries with the same bound
    parameters (viewer, language and all), without keeping a copy of each page's queries here.
    """
    # Imported here, not at the top: loading the Dash app and its pages is only needed here.
    from dashboard import data
    from dashboard.app import create_app

    app = create_app(Settings(db_path=db, state_path=state, port=0))
    client = app.server.test_client()
    token = csrf_of(client.get("/login").get_data(as_text=True))
    signed = client.post("/login", data={"csrf": token, "name": USER, "password": TEST_PASSWORD})
    assert signed.status_code in (200, 302), f"in-process sign-in failed: {signed.status_code}"
    log: list[Statement] = []
    original = data._cursor

    def recording() -> Any:
        return _Recording(original(), log)

    def record(body: bytes) -> list[Statement]:
        log.clear()
        response = client.post(
            "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
        )
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        return list(log)

    data._cursor = recording  # what data.query() calls per request
    try:
        yield record
    finally:
        data._cursor = original


def timed(actions: Sequence[Callable[[], object]], runs: int) -> list[float]:
    """Milliseconds per run, cycling through the actions; each is warmed once beforehand."""
    for action in actions:
        action()
    times = []
    for i in range(runs):
        started = time.perf_counter()
        actions[i % len(actions)]()
        times.append((time.perf_counter() - started) * 1000)
    return times


def load_test(url: str, bodies: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    """Requests per second with `clients` signed-in clients posting callbacks back to back.

    Each client cycles through every page's callbacks, from its own starting point, for
    `seconds`; any answer but 200 counts as an error.
    """
    sessions = [signed_in(url, USER) for _ in range(clients)]
    deadline = time.monotonic() + seconds
    done = [0] * clients
    errors = [0] * clients

    def run(index: int) -> None:
        client, i = sessions[index], index * 7
        while time.monotonic() < deadline:
            status, _ = post_callback(client, url, bodies[i % len(bodies)])
            i += 1
            done[index] += 1
            errors[index] += status != 200

    started = time.monotonic()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return {
        "clients": clients,
        "seconds": round(elapsed, 2),
        "requests": sum(done),
        "errors": sum(errors),
        "requests_per_second": round(sum(done) / elapsed, 1),
    }


def worker_peaks_mb(port: int) -> list[float]:
    """Peak resident memory (VmHWM) of each gunicorn worker serving `port`.

    Workers are forks of the master, so they share its command line; the master is the one
    whose parent is not among them.
    """
    found: dict[int, tuple[int, float]] = {}
    for proc in Path("/proc").iterdir():
        try:
            if (
                not proc.name.isdigit()
                or f"127.0.0.1:{port}".encode() not in (proc / "cmdline").read_bytes()
            ):
                continue
            status = dict(line.split(":", 1) for line in (proc / "status").read_text().splitlines())
        except OSError:
            continue
        found[int(proc.name)] = (int(status["PPid"]), int(status["VmHWM"].split()[0]) / 1024)
    return sorted(round(mb, 1) for parent, mb in found.values() if parent in found)


def time_pandas(db: Path, checks: list[Probe], runs: int) -> dict[str, Any]:
    """Every probe's answers the pandas way, timed as the callbacks are; then the frames go."""
    from bench.pandas_way import PandasWay  # pandas is imported only when it is measured

    way = PandasWay(db)
    try:
        callbacks = {
            (p.page, p.callback): summary(
                timed(
                    [partial(way.answer, p.page, p.callback, s) for s in p.searches],
                    runs,
                )
            )
            for p in checks
        }
        load = {
            "seconds": round(way.load_seconds, 3),
            "memory_mb": round(way.rss_growth_bytes / 2**20, 1),
        }
        return {"callbacks": callbacks, "load": load}
    finally:
        del way
        gc.collect()


def measure_size(config: Config, exchanges: int) -> dict[str, Any]:
    intake, db, load = build(config, exchanges)
    scratch = Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    try:
        state = scratch / "state.sqlite"  # a fresh app-state store: sessions and the bench user
        add_test_user(state, USER, "staff")
        small = small_load(db, scratch)
        checks = probes(intake)
        with recorder(db, state) as record:
            statements = {
                (p.page, p.callback): [record(p.body(s)) for s in p.searches] for p in checks
            }
        warehouse = ReadOnlyWarehouse(db)

        def replay(batch: list[Statement]) -> Callable[[], object]:
            def run() -> object:
                with warehouse.lease() as lease:
                    return [fetch(lease.cursor, sql, params) for sql, params in batch]

            return run

        port = free_port()
        command = gunicorn_command(port)
        command[command.index("--workers") + 1] = str(WORKERS)
        env = {"ATLAS_DB": str(db), "ATLAS_STATE": str(state)}
        results = []
        served_medians: list[float] = []
        with serve(command, env, port, ready_path="/login") as url:
            client = signed_in(url, USER)

            def post(body: bytes) -> Callable[[], int]:
                def call() -> int:
                    with client.open(
                        url + "/_dash-update-component",
                        data=body,
                        headers={"Content-Type": "application/json"},
                    ) as response:
                        return len(response.read())

                return call

            for p in checks:
                calls = [post(p.body(s)) for s in p.searches]
                calls[0]()  # each worker opens its warehouse lazily: not part of a callback
                sizes = [call() for call in calls]
                served = timed(calls, config.runs)
                batches = statements[(p.page, p.callback)]
                raw = timed([replay(b) for b in batches], config.runs)
                served_ms, raw_ms = summary(served), summary(raw)
                served_medians.append(served_ms["median"])
                results.append(
                    {
                        "page": p.page,
                        "callback": p.callback,
                        "variants": len(p.searches),
                        "statements": round(statistics.mean(len(b) for b in batches), 1),
                        "server_ms": served_ms,
                        "raw_duckdb_ms": raw_ms,
                        "ratio": round(served_ms["median"] / raw_ms["median"], 2),
                        "pandas_ms": None,
                        "pandas_speedup": None,
                        "response_bytes": round(statistics.median(sizes)),
                    }
                )
            bodies = [p.body(s) for p in checks for s in p.searches]
            concurrency = load_test(url, bodies, CLIENTS, config.concurrency_seconds)
            try:
                pages: list[dict[str, object]] | str = render.measure_pages(
                    url, render.session_cookies(url, USER), render.PAGES, config.render_runs
                )
            except Exception as failed:  # a page timing out must not lose the whole run
                pages = f"not measured: {type(failed).__name__}: {failed}"
            workers_mb = worker_peaks_mb(port)
        pandas = time_pandas(db, checks, config.runs) if exchanges <= config.pandas_max else None
        for result, served_median in zip(results, served_medians, strict=True):
            if pandas is not None:
                pandas_ms = pandas["callbacks"][(result["page"], result["callback"])]
                result["pandas_ms"] = pandas_ms
                result["pandas_speedup"] = round(pandas_ms["median"] / served_median, 1)
        return {
            "exchanges": exchanges,
            "seed": config.seed,
            **load,
            **small,
            "worker_peak_mb": workers_mb,
            "concurrency": concurrency,
            "pandas_load": None if pandas is None else pandas["load"],
            "callbacks": results,
            "pages": pages,
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def machine() -> dict[str, Any]:
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gb": memory,
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "gunicorn_workers": WORKERS,
    }


def table(sizes: list[dict[str, Any]]) -> str:
    header = (
        f"{'exchanges':>9} {'page':12} {'callback':30} {'server med':>10} {'p95':>8} "
        f"{'raw med':>8} {'p95':>8} {'ratio':>6} {'KB':>7} {'pandas':>8} {'speedup':>7}"
    )
    lines = [header]
    for size in sizes:
        c8 = size["concurrency"]
        lines.append(
            f"{size['exchanges']:>9} load {size['load_seconds']:.2f} s, peak "
            f"{size['load_peak_mb']:.0f} MB; one review published in "
            f"{size['small_load_seconds']:.2f} s; workers' peak {size['worker_peak_mb']} MB; "
            f"{c8['clients']} clients: {c8['requests_per_second']} requests/s, "
            f"{c8['errors']} errors"
        )
        for c in size["callbacks"]:
            lines.append(
                f"{'':>9} {c['page']:12} {c['callback']:30} {c['server_ms']['median']:10.1f} "
                f"{c['server_ms']['p95']:8.1f} {c['raw_duckdb_ms']['median']:8.1f} "
                f"{c['raw_duckdb_ms']['p95']:8.1f} {c['ratio']:6.1f} "
                f"{c['response_bytes'] / 1024:7.1f} "
                + (
                    f"{c['pandas_ms']['median']:8.1f} {c['pandas_speedup']:7.1f}"
                    if c["pandas_ms"]
                    else f"{'–':>8} {'–':>7}"
                )
            )
        pages = size["pages"]
        lines += ["", render.table(pages) if isinstance(pages, list) else pages, ""]
    return "\n".join(lines)


def main(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    config = config_from(os.environ if env is None else env)
    sizes = [measure_size(config, n) for n in config.sizes]
    verdicts = targets.evaluate(sizes)
    result = {
        "sizes": sizes,
        "targets": verdicts,
        "runs": config.runs,
        "machine": machine(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "notes": {
            "server_ms": "wall time of one HTTP POST to /_dash-update-component on loopback",
            "raw_duckdb_ms": "the statements that callback ran, on a warm read-only connection",
            "pandas_ms": PANDAS_NOTE + "; not measured above BENCH_PANDAS_MAX exchanges",
            "pandas_speedup": "pandas median over served median",
            "load_seconds": "wall time of `atlas load` when the warehouse was first built",
            "load_peak_mb": "peak resident memory of that `atlas load` process",
            "small_load_seconds": "wall time of `atlas load` publishing one change agent's"
            " review (the app's source) into a copy of the warehouse",
            "small_load_peak_mb": "peak resident memory of that `atlas load` process",
            "worker_peak_mb": "peak resident memory of each gunicorn worker, after every test",
            "concurrency": f"{CLIENTS} clients posting every callback back to back",
            "pages": "first render and first-visit bytes per page in headless Chromium, as"
            f" bench/render.py defines them (target: {render.TARGET_MS:.0f} ms)",
        },
    }
    config.out.parent.mkdir(parents=True, exist_ok=True)
    config.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"runs: {config.runs}  times in ms; pandas: {PANDAS_NOTE}")
    print(table(sizes))
    print("targets (issue #9):")
    print(targets.table(verdicts))
    print(f"written to {config.out}")
    return result


if __name__ == "__main__":
    main()
