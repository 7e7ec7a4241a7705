"""Shared fixtures: the sample intake files and a warehouse built from them, once per session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ATLAS = [sys.executable, "-m", "atlas.cli"]


def atlas(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the real `atlas` command."""
    return subprocess.run([*ATLAS, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    result = atlas("sample", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("warehouse") / "atlas.duckdb"
    result = atlas("load", "--db", str(db), str(sample_dir))
    assert result.returncode == 0, result.stderr
    return db
