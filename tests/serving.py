"""Start the real app (gunicorn, as `make run` does) on a free loopback port for tests."""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atlas import accounts

ROOT = Path(__file__).resolve().parents[1]
TEST_PASSWORD = "a long test password"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def add_test_user(state: Path, name: str, role: str, org: str | None = None) -> None:
    """A user of the app-state store at `state`, signing in with TEST_PASSWORD."""
    if name not in {u.name for u in accounts.list_users(state)}:
        accounts.add_user(state, name, role, TEST_PASSWORD, org)


@dataclass
class Client:
    """An HTTP client with its own cookie jar, as one browser would be."""

    opener: urllib.request.OpenerDirector = field(init=False)
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def open(
        self, url: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> http.client.HTTPResponse:
        """GET (or POST `data`); HTTP errors raise urllib.error.HTTPError, as urlopen does."""
        request = urllib.request.Request(url, data=data, headers=headers or {})
        response: http.client.HTTPResponse = self.opener.open(request, timeout=30)
        return response

    def session_cookie(self) -> dict[str, str]:
        for cookie in self.jar:
            if cookie.name == "atlas_session" and cookie.value:
                return {"name": cookie.name, "value": cookie.value}
        raise LookupError("no session cookie")


def csrf_of(page: str) -> str:
    match = _CSRF.search(page)
    assert match, "the form has no CSRF token"
    return match.group(1)


def signed_in(base: str, name: str, password: str = TEST_PASSWORD) -> Client:
    """A client holding the session cookie of `name`, signed in through the real form."""
    client = Client()
    with client.open(base + "/login") as response:
        token = csrf_of(response.read().decode())
    form = urllib.parse.urlencode({"csrf": token, "name": name, "password": password})
    with client.open(base + "/login", data=form.encode()) as response:
        assert response.status == 200
    client.session_cookie()  # raises when the sign-in failed
    return client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], timeout_s: float = 120) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before serving {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout_s} s")


@contextmanager
def serve(
    command: list[str], env: dict[str, str], port: int, ready_path: str = "/"
) -> Iterator[str]:
    """Run `command` (which must bind 127.0.0.1:port) until the block ends; yield its base URL."""
    base = f"http://127.0.0.1:{port}"
    full_env = {**os.environ, **env, "PORT": str(port)}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=full_env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(base + ready_path, process)
        yield base
    finally:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


def gunicorn_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        "4",
        "dashboard.wsgi:server",
    ]


def post_callback(client: Client, url: str, body: bytes) -> tuple[int, dict[str, Any]]:
    """POST a callback as dash-renderer would: (HTTP status, decoded answer or {})."""
    try:
        with client.open(
            url + "/_dash-update-component", data=body, headers={"Content-Type": "application/json"}
        ) as response:
            text = response.read().decode()
            return int(response.status), json.loads(text) if text else {}
    except urllib.error.HTTPError as refused:
        return refused.code, {}


def router_request(pathname: str, search: str = "") -> bytes:
    """The pages router callback, as dash-renderer posts it when a page opens."""
    return json.dumps(
        {
            "output": ".._pages_content.children..._pages_store.data..",
            "outputs": [
                {"id": "_pages_content", "property": "children"},
                {"id": "_pages_store", "property": "data"},
            ],
            "inputs": [
                {"id": "_pages_location", "property": "pathname", "value": pathname},
                {"id": "_pages_location", "property": "search", "value": search},
            ],
            "changedPropIds": ["_pages_location.pathname", "_pages_location.search"],
        }
    ).encode()


def grid_request(search: str, rows: int = 100, known: dict[str, Any] | None = None) -> bytes:
    """AG Grid's infinite row model asking the outcomes grid for its first block, newest first.

    `known` is the page's count it may reuse (the `outcomes-count-known` store); without it the grid
    counts the outcomes itself, as it does after a new warehouse version is published."""
    request = {
        "startRow": 0,
        "endRow": rows,
        "sortModel": [{"colId": "observed_on", "sort": "desc"}],
    }
    return json.dumps(
        {
            "output": "outcomes-grid.getRowsResponse",
            "outputs": {"id": "outcomes-grid", "property": "getRowsResponse"},
            "inputs": [{"id": "outcomes-grid", "property": "getRowsRequest", "value": request}],
            "changedPropIds": ["outcomes-grid.getRowsRequest"],
            "state": [
                {"id": "url", "property": "search", "value": search},
                {"id": "outcomes-count-known", "property": "data", "value": known},
            ],
        }
    ).encode()


def find_component(tree: object, component_id: str) -> dict | None:
    """The component `component_id` in a layout as Dash serialises it (None: not there)."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if isinstance(props, dict) and props.get("id") == component_id:
            return tree
        return next(
            (f for v in tree.values() if (f := find_component(v, component_id)) is not None),
            None,
        )
    if isinstance(tree, list):
        return next((f for v in tree if (f := find_component(v, component_id)) is not None), None)
    return None
