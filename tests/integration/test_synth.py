"""`atlas synth`: deterministic, realistic, and loaded by `atlas load` like any source."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl
import pytest

from etl import synth
from tests.conftest import atlas
from warehouse import models
from warehouse.checks import run_checks


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.parquet")}


def test_synth_is_deterministic_and_loads(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = atlas("synth", "--exchanges", "500", "--out", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    db = tmp_path / "atlas.duckdb"
    result = atlas("load", "--db", str(db), str(tmp_path / "a"))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(db), read_only=True) as connection:
        [(exchanges, outcomes, hosts, terms)] = connection.execute(
            "select (select count(*) from fct_exchange), (select count(*) from fct_outcome),"
            " (select count(distinct host_country_code) from fct_exchange),"
            " (select count(distinct term) from outcome_terms)"
        ).fetchall()
        # what the loader does not check, since the models' SQL guarantees it, holds here too
        proven = [str(f) for f in run_checks(connection, models.proven_checks())]
    assert exchanges == 500 and outcomes == 1000
    assert hosts > 5 and terms > 20
    assert proven == []


def test_synth_in_chunks_writes_every_exchange_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks of 200 exchanges: 500 come as 200 + 200 + 100, into one file per sheet, with
    identifiers unique across chunks and values that differ from chunk to chunk."""
    monkeypatch.setattr(synth, "CHUNK", 200)
    rows = synth.synthesize(tmp_path, 500, seed=3)
    exchanges = pl.read_parquet(tmp_path / "exchanges.parquet")
    outcomes = pl.read_parquet(tmp_path / "outcomes.parquet")
    assert rows["exchanges"] == exchanges.height == 500
    assert rows["outcomes"] == outcomes.height == 1000
    assert exchanges["exchange_id"].n_unique() == 500
    assert outcomes["outcome_id"].n_unique() == 1000
    assert not exchanges[:200]["cost_eur"].equals(exchanges[200:400]["cost_eur"])
    links = pl.read_parquet(tmp_path / "outcome_exchanges.parquet")
    assert set(links["exchange_id"]) == set(exchanges["exchange_id"])
