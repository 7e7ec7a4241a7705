"""Read-only access to the published warehouse: one connection per process, a cursor per request.

DuckDB connections are not shared across threads, so each request takes its own cursor.
Loads publish by renaming a new file over the old one; a process sees the new file only after
its old connection to that path is closed, so the connection is reopened when the file changes.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb


class WarehouseMissingError(RuntimeError):
    """No warehouse has been published at the configured path yet."""


class ReadOnlyWarehouse:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int] | None = None

    def _file_identity(self) -> tuple[int, int]:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError as exc:
            raise WarehouseMissingError(str(self.path)) from exc
        return (stat.st_ino, stat.st_mtime_ns)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        identity = self._file_identity()
        with self._lock:
            if self._connection is None or identity != self._identity:
                if self._connection is not None:
                    self._connection.close()
                self._connection = duckdb.connect(str(self.path), read_only=True)
                self._identity = identity
            return self._connection.cursor()

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None
