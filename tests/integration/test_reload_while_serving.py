"""Loads in a loop while clients call the dashboard's callbacks: no failure, no mixed versions.

Each load adds one 2022-2026 exchange, so version v of the warehouse shows the sample's count
plus v - 1: a response whose figure does not match the version it reports mixed two versions.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from pathlib import Path

from tests.conftest import atlas
from tests.expected import expected_kpis
from tests.serving import (
    Client,
    add_test_user,
    find_component,
    free_port,
    gunicorn_command,
    router_request,
    serve,
    signed_in,
)

LOADS = 6
CLIENTS = 4
ROUTER = router_request("/", "?programme=2022-2026")


def call_router(client: Client, url: str) -> tuple[int, int, int]:
    """(HTTP status, warehouse version, 2022-2026 exchanges shown)."""
    with client.open(
        url + "/_dash-update-component",
        data=ROUTER,
        headers={"Content-Type": "application/json"},
    ) as response:
        body = json.loads(response.read())
        version = int(response.headers["X-Atlas-Warehouse-Version"])
        card = find_component(body, "kpi-exchanges")
        assert card is not None
        return response.status, version, int(str(card["props"]["children"]).replace(",", ""))


def new_exchange_source(folder: Path, number: int) -> Path:
    folder.mkdir(parents=True)
    (folder / "exchanges.csv").write_text(
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
        f"EX-2026-{800 + number},2022-2026,joint_action,Reload {number},union_rights,"
        "2026-05-01,2026-05-02,CNT-NE\n",
        encoding="utf-8",
    )
    return folder


def test_reloading_while_clients_call_callbacks(sample_warehouse: Path, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    base = expected_kpis("2022-2026")["exchanges"]
    assert isinstance(base, int)
    results: list[tuple[int, int, int]] = []
    errors: list[str] = []
    loading = threading.Event()
    loading.set()
    port = free_port()
    command = gunicorn_command(port)
    command[command.index("--workers") + 1] = "2"
    state = tmp_path / "state.sqlite"
    add_test_user(state, "reader", "staff")
    with serve(command, {"ATLAS_DB": str(db), "ATLAS_STATE": str(state)}, port, "/login") as url:
        reader = signed_in(url, "reader")

        def client() -> None:
            while loading.is_set():
                try:
                    results.append(call_router(reader, url))
                except Exception as exc:  # every kind of failure counts, and is shown
                    errors.append(repr(exc))

        clients = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in clients:
            thread.start()
        started = time.monotonic()
        for number in range(LOADS):
            source = new_exchange_source(tmp_path / f"source-{number}", number)
            result = atlas("load", "--db", str(db), str(source))
            assert result.returncode == 0, result.stderr
            time.sleep(0.2)
        loading.clear()
        for thread in clients:
            thread.join()
        elapsed = time.monotonic() - started
    print(
        f"\n{len(results)} callback responses during {LOADS} loads in {elapsed:.1f} s, "
        f"{len(errors)} failed"
    )
    assert errors == []
    assert all(status == 200 for status, _, _ in results)
    versions = {version for _, version, _ in results}
    assert len(versions) >= 3, f"too few versions were served: {versions}"
    mixed = [(v, shown) for _, v, shown in results if shown != base + v - 1]
    assert mixed == [], "a response showed data of another version than it reported"
