"""Shared fixtures: the sample intake files and a warehouse built from them, once per session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Until the loader lands the app serves an empty path: pages say no warehouse is published.
    return tmp_path_factory.mktemp("warehouse") / "atlas.duckdb"
