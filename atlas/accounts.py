"""Users, sessions, failed sign-ins and the audit log, in the app-state store.

They live in SQLite beside the warehouse (never in it), so a reload or a restore of the
warehouse never touches them, and every app worker sees the same rows: a rate limit or a
sign-out holds across workers. Passwords are hashed with werkzeug's scrypt.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from werkzeug.security import check_password_hash, generate_password_hash

from atlas.state import connect, reading

Role = Literal["admin", "staff", "partner"]
ROLES: tuple[Role, ...] = ("admin", "staff", "partner")
SESSION_HOURS = 12
MAX_FAILURES = 5  # per name, within the window, before sign-in is refused
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD = 10

SCHEMA = """
create table if not exists users (
    name text primary key,
    role text not null check (role in ('admin', 'staff', 'partner')),
    org_code text,
    password_hash text not null,
    created_at text not null
);
create table if not exists sessions (
    token text primary key,
    name text not null references users(name) on delete cascade,
    created_at text not null,
    expires_at text not null
);
create table if not exists failed_sign_ins (
    name text not null,
    address text not null,
    at text not null
);
create index if not exists failed_sign_ins_at on failed_sign_ins (at);
create table if not exists audit_log (
    at text not null,
    who text not null,
    action text not null,   -- sign_in, sign_in_failed, sign_in_refused, sign_out, export, load
    detail text not null    -- JSON: what, which filter, which source
);
create table if not exists preferences (
    name text not null references users(name) on delete cascade,
    key text not null,
    value text not null,
    primary key (name, key)
);
create table if not exists app_secrets (
    name text primary key,
    value text not null
);
"""


class AccountError(ValueError):
    """A refused user change: the message says why."""


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    org_code: str | None


def _now() -> datetime:
    return datetime.now(UTC)


def add_user(path: Path, name: str, role: str, password: str, org_code: str | None = None) -> User:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role == "partner" and not org_code:
        raise AccountError("a partner account needs --org, the organisation it belongs to")
    if role != "partner" and org_code:
        raise AccountError("only partner accounts belong to an organisation")
    if not name or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise AccountError("a user name is letters, digits, '.', '-' and '_'")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password must have at least {MIN_PASSWORD} characters")
    with connect(path, SCHEMA) as db:
        try:
            db.execute(
                "insert into users values (?, ?, ?, ?, ?)",
                (name, role, org_code, generate_password_hash(password), _now().isoformat()),
            )
        except sqlite3.IntegrityError as exc:
            raise AccountError(f"there is already a user called {name!r}") from exc
    return User(name, role, org_code)


def remove_user(path: Path, name: str) -> bool:
    with connect(path, SCHEMA) as db:
        db.execute("delete from sessions where name = ?", (name,))
        return db.execute("delete from users where name = ?", (name,)).rowcount > 0


def list_users(path: Path) -> list[User]:
    with connect(path, SCHEMA) as db:
        rows = db.execute("select name, role, org_code from users order by name").fetchall()
    return [User(*row) for row in rows]


def has_users(path: Path) -> bool:
    with connect(path, SCHEMA) as db:
        return db.execute("select exists (select 1 from users)").fetchone()[0] == 1


def too_many_failures(path: Path, name: str, address: str) -> bool:
    """True while a name (or an address) has failed too often within the window."""
    since = (_now() - FAILURE_WINDOW).isoformat()
    with connect(path, SCHEMA) as db:
        by_name = db.execute(
            "select count(*) from failed_sign_ins where name = ? and at > ?", (name, since)
        ).fetchone()[0]
        by_address = db.execute(
            "select count(*) from failed_sign_ins where address = ? and at > ?", (address, since)
        ).fetchone()[0]
    return by_name >= MAX_FAILURES or by_address >= MAX_FAILURES_PER_ADDRESS


def sign_in(path: Path, name: str, password: str, address: str) -> str | None:
    """A new session token, or None. Failures are counted (and old ones forgotten) here."""
    with connect(path, SCHEMA) as db:
        row = db.execute("select password_hash from users where name = ?", (name,)).fetchone()
        # Check a hash even for unknown names, so timing does not tell which names exist.
        known = row is not None
        valid = check_password_hash(row[0] if known else _DUMMY_HASH, password) and known
        if not valid:
            db.execute(
                "insert into failed_sign_ins values (?, ?, ?)", (name, address, _now().isoformat())
            )
            db.execute(
                "delete from failed_sign_ins where at < ?",
                ((_now() - 4 * FAILURE_WINDOW).isoformat(),),
            )
            return None
        token = secrets.token_urlsafe(32)
        db.execute(
            "insert into sessions values (?, ?, ?, ?)",
            (
                token,
                name,
                _now().isoformat(),
                (_now() + timedelta(hours=SESSION_HOURS)).isoformat(),
            ),
        )
        db.execute("delete from sessions where expires_at < ?", (_now().isoformat(),))
        return token


def session_user(path: Path, token: str) -> tuple[User | None, str | None]:
    """The user of a live session, and the interface language they chose last (one query: every
    request asks both)."""
    with reading(path, SCHEMA) as db:
        row = db.execute(
            "select users.name, users.role, users.org_code, preferences.value from sessions"
            " join users on users.name = sessions.name"
            " left join preferences on preferences.name = users.name and preferences.key = 'lang'"
            " where sessions.token = ? and sessions.expires_at > ?",
            (token, _now().isoformat()),
        ).fetchone()
    return (User(*row[:3]), row[3]) if row else (None, None)


def sign_out(path: Path, token: str) -> None:
    with connect(path, SCHEMA) as db:
        db.execute("delete from sessions where token = ?", (token,))


def audit(path: Path, who: str, action: str, **detail: object) -> None:
    with connect(path, SCHEMA) as db:
        db.execute(
            "insert into audit_log values (?, ?, ?, ?)",
            (_now().isoformat(timespec="seconds"), who, action, json.dumps(detail, default=str)),
        )


def audit_entries(path: Path, limit: int = 500) -> list[dict[str, object]]:
    with connect(path, SCHEMA) as db:
        rows = db.execute(
            "select at, who, action, detail from audit_log order by rowid desc limit ?", (limit,)
        ).fetchall()
    return [
        {"at": at, "who": who, "action": action, "detail": detail}
        for at, who, action, detail in rows
    ]


def preference(path: Path, name: str, key: str) -> str | None:
    with connect(path, SCHEMA) as db:
        row = db.execute(
            "select value from preferences where name = ? and key = ?", (name, key)
        ).fetchone()
    return str(row[0]) if row else None


def remember(path: Path, name: str, key: str, value: str) -> None:
    """Keep a user's choice (the interface language) for their next visit."""
    with connect(path, SCHEMA) as db:
        db.execute("insert or replace into preferences values (?, ?, ?)", (name, key, value))


def secret_key(path: Path) -> str:
    """The key that signs session cookies: made once, shared by every worker."""
    with connect(path, SCHEMA) as db:
        db.execute(
            "insert or ignore into app_secrets values ('session_key', ?)",
            (secrets.token_hex(32),),
        )
        return str(
            db.execute("select value from app_secrets where name = 'session_key'").fetchone()[0]
        )


_DUMMY_HASH = generate_password_hash(secrets.token_hex(16))
