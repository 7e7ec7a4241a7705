"""`make run` on a machine with the environment built: it builds the warehouse and serves a page."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from tests.serving import free_port, serve


def test_make_run_builds_the_sample_warehouse_and_serves_the_overview(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "atlas.duckdb"
    env = {"ATLAS_DB": str(db), "SAMPLE_DIR": str(tmp_path / "sample")}
    with serve(["make", "run"], env, port) as url:
        assert db.exists()
        with urllib.request.urlopen(url + "/_dash-layout", timeout=10) as response:
            assert response.status == 200
