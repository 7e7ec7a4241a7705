"""`atlas users`: add (password from standard input), list, remove, bootstrap; exit codes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from atlas import accounts
from tests.conftest import ATLAS


def users(state: Path, *args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ATLAS, "users", *args, "--state", str(state)],
        input=None if password is None else password + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_add_list_remove(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    added = users(state, "add", "amina", "--role", "partner", "--org", "CSC-CD", password="x" * 12)
    assert added.returncode == 0, added.stderr
    assert accounts.sign_in(state, "amina", "x" * 12, "test") is not None  # the piped password
    assert users(state, "list").stdout.splitlines() == ["amina\tpartner\tCSC-CD"]
    assert users(state, "add", "amina", "--role", "staff", password="y" * 12).returncode == 1
    assert users(state, "add", "short", "--role", "staff", password="tiny").returncode == 1
    no_org = users(state, "add", "lone", "--role", "partner", password="z" * 12)
    assert no_org.returncode == 1 and "--org" in no_org.stderr
    assert users(state, "add", "x", "--role", "king", password="z" * 12).returncode == 2
    assert users(state, "remove", "amina").returncode == 0
    assert users(state, "remove", "amina").returncode == 1
    assert users(state, "list").stdout == ""


def test_bootstrap_creates_one_admin_once(tmp_path: Path) -> None:
    state = tmp_path / "state.sqlite"
    first = users(state, "bootstrap")
    secret = tmp_path / "admin-password.txt"
    assert first.returncode == 0 and str(secret) in first.stdout
    assert secret.stat().st_mode & 0o077 == 0
    password = secret.read_text().strip()
    assert accounts.sign_in(state, "admin", password, "test") is not None
    again = users(state, "bootstrap")
    assert again.returncode == 0 and secret.read_text().strip() == password
    assert [u.name for u in accounts.list_users(state)] == ["admin"]
