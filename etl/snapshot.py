"""Freezing the published warehouse under a label (`atlas snapshot`), so a reported figure can
always be found again.

A snapshot is a byte copy of the version file the warehouse path points at, taken under the
publish lock (no load swaps or tidies that file away mid-copy, and two snapshots cannot take the
same label), written under a temporary name, renamed into `snapshots/` beside the warehouse and
made read-only, with its manifest written last (`warehouse.snapshots` reads them). Publishing
removes only `<stem>.vNNNNNN<suffix>` files in the warehouse's own folder, so a snapshot outlives
the version it was copied from.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from atlas.i18n import _
from etl import publish
from warehouse import query
from warehouse.snapshots import (
    MANIFEST_SUFFIX,
    Snapshot,
    file_pattern,
    folder_of,
    label_key,
    list_snapshots,
)
from warehouse.viewer import PUBLIC

MAX_LABEL = 80
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


class SnapshotRefusedError(Exception):
    """The snapshot was not taken: a reason a person can act on."""


def take_snapshot(db_path: Path, label: str, comment: str = "", created_by: str = "") -> Snapshot:
    """Freeze the version published at `db_path` as `label`, or raise SnapshotRefusedError."""
    label = " ".join(label.split())
    if not label or len(label) > MAX_LABEL or not label.isprintable():
        raise SnapshotRefusedError(
            _("a label is 1 to {max} printable characters").format(max=MAX_LABEL)
        )
    missing = SnapshotRefusedError(_("no warehouse at {db}").format(db=db_path))
    if publish.current_file(db_path) is None:  # before the lock, which would create a folder
        raise missing
    with publish.exclusive(db_path):
        current = publish.current_file(db_path)
        if current is None:
            raise missing
        taken = {label_key(s.label): s for s in list_snapshots(db_path)}
        if label_key(label) in taken:
            earlier = taken[label_key(label)]
            raise SnapshotRefusedError(
                _(
                    "a snapshot labelled '{label}' exists already (taken {at}); labels are unique"
                ).format(label=earlier.label, at=earlier.created_at.isoformat(timespec="seconds"))
            )
        folder = folder_of(db_path)
        folder.mkdir(exist_ok=True)
        for stale in folder.glob(f".{db_path.stem}.s*.tmp"):  # left by a killed snapshot
            stale.unlink(missing_ok=True)
        name = _file_name(db_path, folder, label)
        target = folder / (name + db_path.suffix)
        work = folder / f".{target.name}.tmp"
        try:
            sha256 = _copy(current, work)
            os.chmod(work, READ_ONLY)
            version = _warehouse_version(work)
            os.rename(work, target)
        finally:
            work.unlink(missing_ok=True)
        snapshot = Snapshot(
            label=label,
            created_at=datetime.now(UTC).replace(microsecond=0),
            created_by=created_by,
            comment=comment.strip(),
            warehouse_version=version,
            version_file=current.name,
            sha256=sha256,
            path=target,
        )
        _write_manifest(folder / (name + MANIFEST_SUFFIX), snapshot)
        _sync(folder)
    return snapshot


def _file_name(db_path: Path, folder: Path, label: str) -> str:
    """`atlas.s0003-dgd-2026`: numbered, so any label fits; the slug is for people browsing.

    Numbers are never reused, even for a file whose manifest was lost.
    """
    pattern = file_pattern(db_path)
    numbers = [int(m.group(1)) for p in folder.iterdir() if (m := pattern.fullmatch(p.name))]
    number = max(numbers, default=0) + 1
    ascii_label = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_label.lower()).strip("-")[:40].strip("-")
    return f"{db_path.stem}.s{number:04d}" + (f"-{slug}" if slug else "")


def _copy(source: Path, target: Path) -> str:
    """Copy byte for byte, hashing on the way, and flush to disk before anyone relies on it."""
    digest = hashlib.sha256()
    with source.open("rb") as reader, target.open("xb") as writer:
        while chunk := reader.read(1 << 20):
            digest.update(chunk)
            writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())
    return digest.hexdigest()


def _warehouse_version(path: Path) -> int:
    """The load batch the copy holds, read from the copy itself (which proves it opens)."""
    with duckdb.connect(str(path), read_only=True) as connection:
        version = query.run(connection, "data_as_of", PUBLIC)["version"][0]
    return int(version or 0)


def _write_manifest(path: Path, snapshot: Snapshot) -> None:
    work = path.with_name(f".{path.name}.tmp")
    work.write_text(json.dumps(snapshot.manifest(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    os.chmod(work, READ_ONLY)
    os.rename(work, path)


def _sync(folder: Path) -> None:
    """Make the renames durable: a snapshot that vanished after a power cut is worse than none."""
    with contextlib.suppress(OSError):  # some file systems cannot sync a directory
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
