"""Read-only access to the published warehouse, one connection per process, a cursor per request.

The loader publishes each version as a new file and points the warehouse path (a symbolic link)
at it. DuckDB keeps serving an old connection from its cache for as long as that connection is
open, so readers open the version's own file name: a new version gets a new connection at once,
while requests still reading the old one finish on it, and the old connection closes when its
last cursor is returned. Noticing a new version costs one `readlink` per request.
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

# Each app worker holds its own connection: DuckDB would otherwise keep up to 80 % of the
# machine's memory in its buffers, per worker. Beyond this it reads the file again (the operating
# system caches it once for every worker) and spills large joins to disk.
# Set after connecting, not as connection configuration: in one process every connection to a
# file must share its configuration, and the app also publishes (reviews) through the loader.
READER_MEMORY = "300MB"


class WarehouseMissingError(RuntimeError):
    """No warehouse has been published at the configured path yet."""


_opened = itertools.count(1)


@dataclass
class _Version:
    target: str
    connection: duckdb.DuckDBPyConnection
    number: int
    leases: int = 0
    retired: bool = False
    # Unique in this process for each file opened: what is kept for a version is kept by this,
    # never mistaken for another file that carries the same load number (after a restore).
    opened: int = field(default_factory=lambda: next(_opened))


def _version_number(connection: duckdb.DuckDBPyConnection) -> int:
    tables = {r[0] for r in connection.execute("show tables").fetchall()}
    if "load_batches" not in tables:
        return 0
    [(number,)] = connection.execute(
        "select coalesce(max(load_id), 0) from load_batches"
    ).fetchall()
    return int(number)


@dataclass(frozen=True)
class Lease:
    cursor: duckdb.DuckDBPyConnection
    version: int  # the load batch the data comes from
    opened: int  # which file this process opened (see `_Version.opened`)


class ReadOnlyWarehouse:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._current: _Version | None = None

    def _target(self) -> str:
        try:
            return os.path.realpath(self.path, strict=True)
        except (FileNotFoundError, OSError) as exc:
            raise WarehouseMissingError(str(self.path)) from exc

    @contextmanager
    def lease(self) -> Iterator[Lease]:
        """A cursor on the newest published version, held for one request."""
        target = self._target()
        with self._lock:
            if self._current is None or self._current.target != target:
                connection = duckdb.connect(target, read_only=True)
                connection.execute("set memory_limit = '" + READER_MEMORY + "'")
                fresh = _Version(target, connection, _version_number(connection))
                if self._current is not None:
                    self._retire(self._current)
                self._current = fresh
            version = self._current
            version.leases += 1
            cursor = version.connection.cursor()
        try:
            yield Lease(cursor, version.number, version.opened)
        finally:
            cursor.close()
            with self._lock:
                version.leases -= 1
                if version.retired and version.leases == 0:
                    version.connection.close()

    def _retire(self, version: _Version) -> None:
        version.retired = True
        if version.leases == 0:
            version.connection.close()

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._retire(self._current)
                self._current = None
