"""Reading snapshots: frozen copies of a published warehouse version, found again by label.

`atlas snapshot` (`etl.snapshot`) writes them into `snapshots/` beside the warehouse: a DuckDB
file and a JSON manifest with the same name (`atlas.s0001-dgd-2026.duckdb` and `.json`). This
module owns that layout and reads it: it lists snapshots, runs named queries on one (read-only,
one cached connection per file, since a snapshot never changes), and lists the revisions made
since one to the reported figures, for a viewer, like every other query.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse import query
from warehouse.viewer import Viewer

FOLDER = "snapshots"
MANIFEST_SUFFIX = ".json"
_DIGEST = re.compile(r"[0-9a-f]{64}")
# The snapshot tables the revision queries read, as temp views of the attached snapshot.
_REVISED_TABLES = ("dim_indicator", "fct_indicator_value", "fct_outcome")


class SnapshotError(RuntimeError):
    """A snapshot is missing, its manifest unreadable, or its file no longer what was frozen."""


@dataclass(frozen=True)
class Snapshot:
    label: str
    created_at: datetime  # UTC
    created_by: str
    comment: str
    warehouse_version: int  # the load batch, as exports and X-Atlas-Warehouse-Version say it
    version_file: str  # the published file it was copied from, e.g. atlas.v000042.duckdb
    sha256: str
    path: Path  # the frozen DuckDB file

    def manifest(self) -> dict[str, object]:
        return {
            "label": self.label,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "created_by": self.created_by,
            "comment": self.comment,
            "warehouse_version": self.warehouse_version,
            "version_file": self.version_file,
            "sha256": self.sha256,
            "file": self.path.name,
        }


def folder_of(db_path: Path) -> Path:
    return db_path.parent / FOLDER


def file_pattern(db_path: Path) -> re.Pattern[str]:
    """Snapshot file names of this warehouse (several warehouses may share a folder)."""
    return re.compile(re.escape(db_path.stem) + r"\.s(\d{4,})(?:-[a-z0-9-]+)?\.(?:duckdb|json)")


def label_key(label: str) -> str:
    """Labels are compared as people read them: case and runs of spaces do not count."""
    return " ".join(label.split()).casefold()


def list_snapshots(db_path: Path) -> list[Snapshot]:
    """The snapshots of the warehouse at `db_path`, oldest first."""
    folder = folder_of(db_path)
    if not folder.is_dir():
        return []
    pattern = file_pattern(db_path)
    found = [
        _read_manifest(path, db_path.suffix)
        for path in folder.glob(db_path.stem + ".s*" + MANIFEST_SUFFIX)
        if pattern.fullmatch(path.name)
    ]
    return sorted(found, key=lambda s: (s.created_at, s.path.name))


def find_snapshot(db_path: Path, label: str) -> Snapshot:
    for snapshot in list_snapshots(db_path):
        if label_key(snapshot.label) == label_key(label):
            return snapshot
    raise SnapshotError(f"no snapshot labelled {label!r} beside {db_path}")


def _read_manifest(path: Path, suffix: str) -> Snapshot:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        snapshot = Snapshot(
            label=str(data["label"]),
            created_at=datetime.fromisoformat(str(data["created_at"])),
            created_by=str(data["created_by"]),
            comment=str(data.get("comment") or ""),
            warehouse_version=int(data["warehouse_version"]),
            version_file=str(data["version_file"]),
            sha256=str(data["sha256"]),
            # Beside its manifest, by name: a path written in the manifest is never opened.
            path=path.with_suffix(suffix),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SnapshotError(f"unreadable snapshot manifest {path}: {exc}") from exc
    if not _DIGEST.fullmatch(snapshot.sha256):
        raise SnapshotError(f"unreadable snapshot manifest {path}: bad sha256")
    return snapshot


def digest_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as reader:
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


_lock = threading.Lock()
_connections: dict[Path, duckdb.DuckDBPyConnection] = {}
_verified: set[Path] = set()


def _verify_once(snapshot: Snapshot) -> None:
    """Refuse a snapshot whose file is no longer what was frozen (checked once per process)."""
    if snapshot.path in _verified:
        return
    if not snapshot.path.is_file():
        raise SnapshotError(f"snapshot {snapshot.label!r}: {snapshot.path} is missing")
    if digest_of(snapshot.path) != snapshot.sha256:
        raise SnapshotError(f"snapshot {snapshot.label!r}: {snapshot.path} was changed")
    _verified.add(snapshot.path)


@contextmanager
def snapshot_cursor(snapshot: Snapshot) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor on the snapshot's file, read-only; the connection is kept for the process."""
    with _lock:
        _verify_once(snapshot)
        connection = _connections.get(snapshot.path)
        if connection is None:
            connection = duckdb.connect(str(snapshot.path), read_only=True)
            _connections[snapshot.path] = connection
        cursor = connection.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def run_on_snapshot(snapshot: Snapshot, name: str, viewer: Viewer, **params: Any) -> pl.DataFrame:
    """The named query (`warehouse/queries/NAME.sql`) as it reads on the snapshot."""
    with snapshot_cursor(snapshot) as cursor:
        return query.run(cursor, name, viewer, **params)


@dataclass(frozen=True)
class Revisions:
    """What changed in reported figures since a snapshot; `change` is added, removed or changed.

    indicator_values: indicator_id, programme_code, objective_id, name, year, kind (baseline,
    target or actual), change, old_value, new_value, old_comment, new_comment.
    outcomes: outcome_id, programme_code, change, fields (the columns that changed), then
    old_ and new_ description, public_description, level and substantiation_status.
    """

    indicator_values: pl.DataFrame
    outcomes: pl.DataFrame


def revisions(
    cursor: duckdb.DuckDBPyConnection,
    snapshot: Snapshot,
    viewer: Viewer,
    programme: str | None = None,
) -> Revisions:
    """Revisions from `snapshot` to the data `cursor` reads (one request's warehouse version).

    The snapshot is attached read-only to the cursor's database, once: attachments are shared by
    every cursor of a connection, so its name comes from the digest (the same file, the same
    name) and it is never detached while other requests may read it. The views the revision
    queries read are temporary, so they belong to this cursor alone.
    """
    with _lock:
        _verify_once(snapshot)
    alias = "snapshot_" + snapshot.sha256[:16]  # hex digits only: safe as an identifier
    cursor.execute(
        f"attach if not exists $path as {alias} (read_only)", {"path": str(snapshot.path)}
    )
    for table in _REVISED_TABLES:
        # Identifiers from this module and a hex digest, never from input.
        view = f"create or replace temp view snapshot_{table} as select * from {alias}.{table}"  # noqa: S608
        cursor.execute(view)
    return Revisions(
        query.run(cursor, "revisions_indicator_values", viewer, programme=programme),
        query.run(cursor, "revisions_outcomes", viewer, programme=programme),
    )
