"""Publishing a warehouse version: a new file, then the warehouse path re-pointed at it.

The warehouse path (`ATLAS_DB`) is a symbolic link to the current version's file, named
`<stem>.v000042.duckdb` beside it. A load copies the current version to the next file name,
writes there, and swaps the link atomically (a new link renamed over the old), so readers see
either the old version or the new one, never a half-written file. A load killed mid-write leaves
a file nobody points at; the next load, under the same lock, removes it. The previous version is
kept for requests still reading it; older ones are removed.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterator
from pathlib import Path


def _version_files(db_path: Path) -> dict[int, Path]:
    pattern = re.compile(re.escape(db_path.stem) + r"\.v(\d{6})" + re.escape(db_path.suffix))
    found: dict[int, Path] = {}
    for path in db_path.parent.glob(db_path.stem + ".v*" + db_path.suffix):
        match = pattern.fullmatch(path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def current_file(db_path: Path) -> Path | None:
    """The file the warehouse path points at now (the path itself for a plain file)."""
    if not db_path.exists():
        return None
    return Path(os.path.realpath(db_path))


def next_file(db_path: Path) -> Path:
    number = max(_version_files(db_path), default=0) + 1
    return db_path.with_name(f"{db_path.stem}.v{number:06d}{db_path.suffix}")


def publish(db_path: Path, new_file: Path) -> None:
    """Point the warehouse path at `new_file`, atomically, then tidy older versions."""
    previous = current_file(db_path)
    link = db_path.with_name(f".{db_path.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    link.symlink_to(new_file.name)  # relative: the folder can be moved or backed up whole
    os.replace(link, db_path)
    keep = {new_file.resolve()} | ({previous} if previous else set())
    for path in _version_files(db_path).values():
        if path.resolve() not in keep:
            path.unlink(missing_ok=True)


def remove_unpublished(db_path: Path) -> None:
    """Drop version files newer than the published one: left by a load that was killed."""
    current = current_file(db_path)
    numbers = _version_files(db_path)
    current_number = next((n for n, p in numbers.items() if p.resolve() == current), 0)
    for number, path in numbers.items():
        if number > current_number:
            path.unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive(db_path: Path) -> Iterator[None]:
    """One loader at a time per warehouse, across processes."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = db_path.with_name(db_path.name + ".lock")
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
