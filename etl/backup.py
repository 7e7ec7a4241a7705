"""Backing up and restoring the warehouse, its snapshots and the app-state store.

A backup folder holds the published warehouse version (copied under the publish lock, so no
load swaps it mid-copy), the snapshots, a consistent copy of the app-state store (SQLite's own
backup, safe while the app writes) and a manifest with every file's SHA-256. A restore checks
every digest first and refuses a damaged backup; it then publishes the warehouse as a new
version (readers switch over as after a load) and replaces the app-state store. Snapshots taken
after the backup are kept: they record what was reported, and are never destroyed.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from etl import publish
from warehouse.snapshots import folder_of

MANIFEST = "atlas-backup.json"
WAREHOUSE = "warehouse.duckdb"
STATE = "app-state.sqlite"
SNAPSHOTS = "snapshots"


class BackupError(Exception):
    """A backup or restore that was refused: the message says why."""


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def _copy_sqlite(source: Path, target: Path) -> None:
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def backup(db_path: Path, state_path: Path, out_dir: Path) -> dict[str, str]:
    """Write a backup into `out_dir` (which must be empty or new); return its file digests."""
    if out_dir.exists() and any(out_dir.iterdir()):
        raise BackupError(f"{out_dir} is not empty: back up into a new folder")
    if publish.current_file(db_path) is None:
        raise BackupError(f"no warehouse at {db_path}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with publish.exclusive(db_path):
        current = publish.current_file(db_path)
        assert current is not None
        shutil.copyfile(current, out_dir / WAREHOUSE)
        snapshots = folder_of(db_path)
        if snapshots.is_dir():
            shutil.copytree(snapshots, out_dir / SNAPSHOTS)
    if state_path.exists():
        _copy_sqlite(state_path, out_dir / STATE)
    files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    digests = {str(p.relative_to(out_dir)): _digest(p) for p in files}
    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "warehouse_version_file": current.name,
        "files": digests,
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return digests


def restore(backup_dir: Path, db_path: Path, state_path: Path) -> dict[str, object]:
    """Put a backup back: checked first, then the warehouse published, then the state."""
    manifest_path = backup_dir / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{backup_dir} has no {MANIFEST}: not an atlas backup")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    files: dict[str, str] = manifest["files"]
    for name, expected in files.items():
        path = backup_dir / name
        if not path.is_file() or _digest(path) != expected:
            raise BackupError(f"{path} is missing or damaged (SHA-256 differs): nothing restored")
    if WAREHOUSE not in files:
        raise BackupError(f"{backup_dir} holds no warehouse")
    with publish.exclusive(db_path):
        publish.remove_unpublished(db_path)
        target = publish.next_file(db_path)
        shutil.copyfile(backup_dir / WAREHOUSE, target)
        publish.publish(db_path, target)
        snapshots = folder_of(db_path)
        for name in files:
            if name.startswith(SNAPSHOTS + "/") and not (snapshots / Path(name).name).exists():
                snapshots.mkdir(parents=True, exist_ok=True)
                shutil.copy2(backup_dir / name, snapshots / Path(name).name)
    if STATE in files:
        state_path.parent.mkdir(parents=True, exist_ok=True)
        _copy_sqlite(backup_dir / STATE, state_path)
    return manifest
