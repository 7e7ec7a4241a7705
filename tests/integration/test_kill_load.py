"""A load killed mid-write leaves the published warehouse exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl

from tests.conftest import atlas

ROWS = 200_000


def big_source(folder: Path) -> Path:
    """Enough exchanges that writing them takes long enough to be interrupted."""
    folder.mkdir()
    pl.DataFrame({"number": range(ROWS)}).select(
        pl.format("EX-2024-K{}", "number").alias("exchange_id"),
        pl.lit("2022-2026").alias("programme_code"),
        pl.lit("joint_action").alias("modality"),
        pl.format("Bulk exchange {}", "number").alias("title"),
        pl.lit("union_rights").alias("theme_code"),
        pl.lit("2024-05-01").alias("start_date"),
        pl.lit("2024-05-02").alias("end_date"),
        pl.lit("CNT-NE").alias("host_org_code"),
    ).write_csv(folder / "exchanges.csv")
    return folder


def test_load_killed_while_writing_changes_nothing(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    size = db.stat().st_size
    work = tmp_path / "atlas.v000001.duckdb"
    loader = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "atlas.cli",
            "load",
            "--db",
            str(db),
            str(big_source(tmp_path / "b")),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    # Mid-write: the new version's file exists and has grown past the copied original.
    while not (work.exists() and work.stat().st_size > size):
        assert loader.poll() is None, "the load ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    loader.send_signal(signal.SIGKILL)
    loader.wait()
    assert loader.returncode == -signal.SIGKILL
    assert work.exists(), "the kill happened after the loader cleaned up"
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not db.is_symlink(), "the killed load was published"
    # The next load takes the lock, removes the orphan and publishes normally.
    result = atlas("load", "--db", str(db), str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    assert db.is_symlink() and db.resolve() == work.resolve()
