"""Benchmark: what the access checks add to each request.

    python -m bench.access [--runs 300]

Builds the sample warehouse and the app in this process, signs a user in, then measures the
median time of the checks alone (session lookup in the app-state store, path and role rules:
Flask's `before_request` hooks) beside the median time of a whole signed-in request for
`/_dash-dependencies` measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.serving import TEST_PASSWORD, add_test_user


def median_us(action: Callable[[], object], runs: int) -> float:
    action()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    db, state = folder / "atlas.duckdb", folder / "state.sqlite"
    atlas = [sys.executable, "-m", "atlas.cli"]
    subprocess.run([*atlas, "sample", "--out", str(folder / "sample")], check=True)
    subprocess.run([*atlas, "load", "--db", str(db), str(folder / "sample")], check=True)
    add_test_user(state, "bench", "staff")
    os.environ.update({"ATLAS_DB": str(db), "ATLAS_STATE": str(state)})
    from dashboard.app import create_app

    server = create_app().server
    client = server.test_client()
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/login").get_data(as_text=True))
    assert token
    form = {"csrf": token.group(1), "name": "bench", "password": TEST_PASSWORD}
    assert client.post("/login", data=form).status_code == 302
    cookie = client.get_cookie("atlas_session")
    assert cookie is not None

    def checks() -> object:
        with server.test_request_context(
            "/_dash-dependencies", headers={"Cookie": f"atlas_session={cookie.value}"}
        ):
            return server.preprocess_request()

    def request() -> object:
        return client.get("/_dash-dependencies")

    check_us, request_us = median_us(checks, args.runs), median_us(request, args.runs)
    print(f"runs: {args.runs}")
    print(f"{'access checks (median)':34} {check_us:8.0f} µs")
    print(f"{'whole request (median)':34} {request_us:8.0f} µs")
    print(f"{'share of the request':34} {check_us / request_us:8.1%}")


if __name__ == "__main__":
    main()
