"""Who gets in, and what each role can read, against the real app (gunicorn, two workers).

Requests are crafted by hand, not clicked: a partner or an anonymous visitor is free to post
whatever it likes to `/_dash-update-component`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from atlas import accounts
from etl.sample import sample_records
from tests.serving import (
    TEST_PASSWORD,
    Client,
    add_test_user,
    csrf_of,
    find_component,
    free_port,
    grid_request,
    gunicorn_command,
    post_callback,
    router_request,
    serve,
    signed_in,
)

PAGES = ["/", "/map", "/outcomes", "/programmes", "/network", "/practices", "/data", "/audit"]
PARTNER_ORG = "CSC-CD"


@pytest.fixture(scope="module")
def state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("access") / "state.sqlite"
    add_test_user(path, "boss", "admin")
    add_test_user(path, "officer", "staff")
    add_test_user(path, "partner", "partner", PARTNER_ORG)
    add_test_user(path, "guessed", "staff")
    return path


@pytest.fixture(scope="module")
def url(sample_warehouse: Path, state: Path) -> Iterator[str]:
    port = free_port()
    command = gunicorn_command(port)
    command[command.index("--workers") + 1] = "2"
    env = {"ATLAS_DB": str(sample_warehouse), "ATLAS_STATE": str(state)}
    with serve(command, env, port, ready_path="/login") as base:
        yield base


def status_of(client: Client, url: str, data: bytes | None = None, **headers: str) -> int:
    try:
        with client.open(url, data=data, headers=headers) as response:
            return int(response.status)
    except urllib.error.HTTPError as refused:
        return refused.code


class _Stop(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # show the redirect itself


def no_redirects() -> Client:
    client = Client()
    client.opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(client.jar), _Stop()
    )
    return client


def test_anonymous_requests_are_refused_everywhere_but_sign_in_and_public(url: str) -> None:
    anonymous = no_redirects()
    for page in PAGES:
        with pytest.raises(urllib.error.HTTPError) as redirected:
            anonymous.open(url + page + "?programme=2012-2016")
        assert redirected.value.code == 302, page
        location = redirected.value.headers["Location"]
        assert location.startswith("/login?next="), page
        assert urllib.parse.unquote(location.split("next=")[1]) == page + "?programme=2012-2016"
    for endpoint in ("/_dash-layout", "/_dash-dependencies", "/_reload-hash", "/assets/present.js"):
        assert status_of(anonymous, url + endpoint) == 401, endpoint
    for body in (router_request("/outcomes"), grid_request("")):
        assert post_callback(anonymous, url, body) == (401, {})
    assert status_of(anonymous, url + "/login") == 200


def test_every_response_carries_the_security_headers(url: str) -> None:
    officer = signed_in(url, "officer")
    for path in ("/login", "/", "/_dash-layout"):
        client = Client() if path == "/login" else officer
        with client.open(url + path) as response:
            policy = response.headers["Content-Security-Policy"]
            assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
            assert "script-src 'self' 'sha256-" in policy  # Dash's inline scripts by hash
            assert "unsafe-eval" not in policy
            assert response.headers["X-Frame-Options"] == "DENY"
            assert response.headers["Referrer-Policy"] == "same-origin"
            assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_sign_in_needs_the_forms_token_and_the_same_origin(url: str) -> None:
    client = Client()
    with client.open(url + "/login") as response:
        token = csrf_of(response.read().decode())
    forged = urllib.parse.urlencode({"name": "officer", "password": TEST_PASSWORD}).encode()
    assert status_of(client, url + "/login", forged) == 400
    good = urllib.parse.urlencode(
        {"csrf": token, "name": "officer", "password": TEST_PASSWORD}
    ).encode()
    assert status_of(client, url + "/login", good, Origin="http://evil.example") == 400
    assert status_of(client, url + "/login", good) == 200
    assert status_of(client, url + "/_dash-layout") == 200


def test_failed_sign_ins_are_limited_across_workers(url: str, state: Path) -> None:
    for attempt in range(accounts.MAX_FAILURES):
        client = Client()  # a new connection each time: the two workers take turns
        with client.open(url + "/login") as response:
            token = csrf_of(response.read().decode())
        form = {"csrf": token, "name": "guessed", "password": f"wrong guess {attempt}"}
        assert status_of(client, url + "/login", urllib.parse.urlencode(form).encode()) == 401
    client = Client()
    with client.open(url + "/login") as response:
        token = csrf_of(response.read().decode())
    right = {"csrf": token, "name": "guessed", "password": TEST_PASSWORD}
    assert status_of(client, url + "/login", urllib.parse.urlencode(right).encode()) == 429
    actions = [e["action"] for e in accounts.audit_entries(state) if e["who"] == "guessed"]
    assert actions.count("sign_in_failed") == accounts.MAX_FAILURES
    assert "sign_in_refused" in actions


def test_signing_out_or_removal_ends_the_session(url: str, state: Path) -> None:
    client = signed_in(url, "officer")
    cookie = client.session_cookie()
    with client.open(url + "/login") as response:
        token = csrf_of(response.read().decode())
    assert status_of(client, url + "/logout", b"csrf=forged") == 400
    assert (
        status_of(client, url + "/logout", urllib.parse.urlencode({"csrf": token}).encode()) == 200
    )
    replay = {"Cookie": f"{cookie['name']}={cookie['value']}"}
    assert status_of(Client(), url + "/_dash-layout", None, **replay) == 401  # ended on the server
    add_test_user(state, "leaver", "staff")
    leaver = signed_in(url, "leaver")
    assert status_of(leaver, url + "/_dash-layout") == 200
    accounts.remove_user(state, "leaver")
    assert status_of(leaver, url + "/_dash-layout") == 401


def test_sessions_are_read_from_the_store_file_there_now(tmp_path: Path) -> None:
    # Each thread keeps a connection open to read sessions: a store deleted and created anew
    # (not restored into, which SQLite sees) must not go on answering from the old file.
    store = tmp_path / "state.sqlite"
    add_test_user(store, "before", "staff")
    old = accounts.sign_in(store, "before", TEST_PASSWORD, "127.0.0.1")
    assert old is not None and accounts.session_user(store, old)[0] is not None
    for path in tmp_path.glob("state.sqlite*"):
        path.unlink()
    add_test_user(store, "after", "staff")
    new = accounts.sign_in(store, "after", TEST_PASSWORD, "127.0.0.1")
    assert new is not None
    assert accounts.session_user(store, old) == (None, None)
    user, _language = accounts.session_user(store, new)
    assert user is not None and user.name == "after"


def internal_outcomes() -> tuple[set[str], set[str]]:
    """(internal outcomes the partner's organisation claims, those only others claim)."""
    records = sample_records()
    agents: dict[object, set[object]] = {}
    for link in records["outcome_change_agents"]:
        agents.setdefault(link["outcome_id"], set()).add(link["org_code"])
    internal = [o for o in records["outcomes"] if o.get("visibility", "internal") == "internal"]
    own = {str(o["outcome_id"]) for o in internal if PARTNER_ORG in agents.get(o["outcome_id"], ())}
    others = {str(o["outcome_id"]) for o in internal} - own
    return own, others


def test_a_partner_reads_its_own_and_shared_outcomes_never_others_internal_ones(url: str) -> None:
    own, others = internal_outcomes()
    assert own and others
    partner = signed_in(url, "partner")
    status, body = post_callback(partner, url, grid_request("", rows=1000))
    assert status == 200
    shown = {
        row["outcome_id"] for row in body["response"]["outcomes-grid"]["getRowsResponse"]["rowData"]
    }
    assert own <= shown
    assert shown.isdisjoint(others)
    officer = signed_in(url, "officer")
    status, body = post_callback(officer, url, grid_request("", rows=1000))
    everything = {
        row["outcome_id"] for row in body["response"]["outcomes-grid"]["getRowsResponse"]["rowData"]
    }
    assert others <= everything  # the same request shows staff what the partner may not see


def test_a_partner_cannot_export_load_or_open_staff_pages(url: str) -> None:
    partner = signed_in(url, "partner")
    export = json.dumps(
        {
            "output": "outcomes-download.data",
            "outputs": {"id": "outcomes-download", "property": "data"},
            "inputs": [
                {"id": "export-csv", "property": "n_clicks", "value": 1},
                {"id": "export-excel", "property": "n_clicks", "value": None},
            ],
            "changedPropIds": ["export-csv.n_clicks"],
            "state": [
                {"id": "export-illustrative", "property": "value", "value": True},
                {"id": "url", "property": "search", "value": ""},
            ],
        }
    ).encode()
    assert post_callback(partner, url, export)[0] == 204  # refused: nothing sent
    status, body = post_callback(signed_in(url, "officer"), url, export)
    assert status == 200 and body["response"]["outcomes-download"]["data"]["filename"].endswith(
        ".csv"
    )
    assert status_of(partner, url + "/data") == 403
    status, body = post_callback(partner, url, router_request("/data"))
    assert "This page is for staff." in json.dumps(body)


def test_admins_read_the_audit_log_of_exports_and_sign_ins(url: str) -> None:
    officer = signed_in(url, "officer")
    export = json.dumps(
        {
            "output": "outcomes-download.data",
            "outputs": {"id": "outcomes-download", "property": "data"},
            "inputs": [
                {"id": "export-csv", "property": "n_clicks", "value": None},
                {"id": "export-excel", "property": "n_clicks", "value": 1},
            ],
            "changedPropIds": ["export-excel.n_clicks"],
            "state": [
                {"id": "export-illustrative", "property": "value", "value": False},
                {"id": "url", "property": "search", "value": "?programme=2012-2016&level=policy"},
            ],
        }
    ).encode()
    assert post_callback(officer, url, export)[0] == 200
    status, body = post_callback(signed_in(url, "boss"), url, router_request("/audit"))
    assert status == 200
    shown = json.dumps(body)
    assert "outcomes excel" in shown and "2012-2016" in shown and "policy" in shown
    assert "officer" in shown and "signed in" in shown
    _, body = post_callback(officer, url, router_request("/audit"))
    assert "This page is for admins." in json.dumps(body)
    assert "outcomes excel" not in json.dumps(body)


def test_the_grid_reuses_the_pages_count_only_for_its_version_and_filter(url: str) -> None:
    officer = signed_in(url, "officer")
    search = "?programme=2017-2021"

    def row_count(search: str, known: dict[str, Any] | None) -> int:
        status, body = post_callback(officer, url, grid_request(search, rows=3, known=known))
        assert status == 200
        return int(body["response"]["outcomes-grid"]["getRowsResponse"]["rowCount"])

    _, page = post_callback(officer, url, router_request("/outcomes", search))
    store = find_component(page, "outcomes-count-known")
    assert store is not None
    known = store["props"]["data"]
    assert isinstance(known, dict)
    counted = row_count(search, None)
    assert known["total"] == counted > 3  # the page counted what the grid counts
    assert row_count(search, {**known, "total": counted + 7}) == counted + 7  # reused
    # the same count for another filter or another warehouse version is not taken
    assert row_count("?programme=2022-2026", {**known, "total": counted + 7}) != counted + 7
    assert row_count(search, {**known, "load": "1 2012-01-01", "total": counted + 7}) == counted
    assert row_count(search, {**known, "total": "many"}) == counted
