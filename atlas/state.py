"""The app-state store: what only the app needs (load attempts here; users, sessions and the
audit log in `atlas.accounts`). SQLite, beside the warehouse unless ATLAS_STATE says otherwise,
and never part of the published warehouse.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

SCHEMA = """
create table if not exists load_attempts (
    attempted_at text not null,
    attempted_by text not null,
    sources text not null,      -- JSON list of source ids
    outcome text not null,      -- loaded | unchanged | refused | failed
    load_id integer,
    problems integer not null default 0
);
"""


# The store files (by device and inode, so a file restored or created anew counts as new) whose
# tables this process has created: every request looks its session up, and creating the tables
# again each time was most of the access checks' 1.5 ms.
_created: set[tuple[int, int, str]] = set()


def _identity(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except FileNotFoundError:  # SQLite creates the file only when it first writes
        return (-1, -1)
    return (stat.st_dev, stat.st_ino)


@contextmanager
def connect(path: Path, *schemas: str) -> Iterator[sqlite3.Connection]:
    """A transaction on the store; `schemas` are other modules' tables, created if missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    script = SCHEMA + "".join(schemas)
    with closing(sqlite3.connect(path, timeout=30)) as connection:
        connection.execute("pragma foreign_keys = on")
        if (*_identity(path), script) not in _created:
            connection.execute("pragma journal_mode = wal")  # kept in the file from then on
            connection.executescript(script)
            _created.add((*_identity(path), script))
        with connection:
            yield connection


# Connections kept open for reads, one per thread and store file: every request looks its
# session up, and opening a connection for it cost 0.3 ms against 4 µs for the query itself.
_readers = threading.local()


@contextmanager
def reading(path: Path, *schemas: str) -> Iterator[sqlite3.Connection]:
    """A connection for reads only, kept open for this thread. Each statement sees what was
    committed when it began (SQLite's WAL mode); a store file replaced by another (deleted and
    created anew) is opened again."""
    held: dict[Path, tuple[tuple[int, int], sqlite3.Connection]] = _readers.__dict__.setdefault(
        "held", {}
    )
    found = held.get(path)
    if found is None or found[0] != _identity(path):
        if found is not None:
            found[1].close()
        with connect(path, *schemas):  # creates the file and its tables if missing
            pass
        found = (_identity(path), sqlite3.connect(path, timeout=30))
        held[path] = found
    yield found[1]


def record_load_attempt(
    path: Path, by: str, sources: list[str], outcome: str, load_id: int | None, problems: int = 0
) -> None:
    with connect(path) as connection:
        connection.execute(
            "insert into load_attempts values (?, ?, ?, ?, ?, ?)",
            (
                datetime.now().isoformat(timespec="seconds"),
                by,
                json.dumps(sources),
                outcome,
                load_id,
                problems,
            ),
        )


def load_attempts(path: Path, limit: int = 50) -> list[dict[str, object]]:
    with connect(path) as connection:
        connection.row_factory = sqlite3.Row
        rows = connection.execute(
            "select * from load_attempts order by rowid desc limit ?", (limit,)
        ).fetchall()
    return [dict(row) for row in rows]
