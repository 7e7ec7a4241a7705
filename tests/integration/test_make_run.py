"""`make run` on a machine with the environment built: it builds the warehouse, creates a local
admin, says how to sign in, and serves the app to that admin (and to nobody else)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.serving import free_port, serve, signed_in


def test_make_run_builds_the_sample_warehouse_and_serves_the_overview(tmp_path: Path) -> None:
    port = free_port()
    db = tmp_path / "atlas.duckdb"
    env = {"ATLAS_DB": str(db), "SAMPLE_DIR": str(tmp_path / "sample")}
    with serve(["make", "run"], env, port, ready_path="/login") as url:
        assert db.exists()
        secret = tmp_path / "admin-password.txt"
        assert secret.stat().st_mode & 0o077 == 0, "the password file is readable by others"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "/_dash-layout", timeout=10)
        assert refused.value.code == 401
        admin = signed_in(url, "admin", secret.read_text().strip())
        with admin.open(url + "/_dash-layout") as response:
            assert response.status == 200
