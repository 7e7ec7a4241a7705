"""The data page: upload a broken workbook, see its problems, upload it fixed, confirm the load."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import xlsxwriter
from playwright.sync_api import Page, expect

from tests.expected import expected_kpis
from tests.serving import free_port, gunicorn_command, serve

BASE = int(expected_kpis("2022-2026")["exchanges"] or 0)

HEADER = [
    "exchange_id",
    "programme_code",
    "modality",
    "title",
    "theme_code",
    "start_date",
    "end_date",
    "host_org_code",
]
PARTICIPANTS = ["exchange_id", "org_code", "role", "participations", "women"]


@pytest.fixture(scope="module")
def own_app(
    sample_warehouse: Path, app_state: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A server with a warehouse of its own (this test publishes a load); the shared app-state
    store, so the browser's session holds here too."""
    db = tmp_path_factory.mktemp("data-page") / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    port = free_port()
    env = {"ATLAS_DB": str(db), "ATLAS_STATE": str(app_state)}
    with serve(gunicorn_command(port), env, port, ready_path="/login") as url:
        yield url


def workbook(path: Path, modality: str, participations: object) -> Path:
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("README").write_row(1, 0, ["source_id", "upload-test"])
    exchanges = book.add_worksheet("exchanges")
    exchanges.write_row(0, 0, HEADER)
    exchanges.write_row(
        1,
        0,
        [
            "EX-2026-700",
            "2022-2026",
            modality,
            "Uploaded",
            "union_rights",
            "2026-06-01",
            "2026-06-03",
            "CNT-NE",
        ],
    )
    participants = book.add_worksheet("exchange_participants")
    participants.write_row(0, 0, PARTICIPANTS)
    participants.write_row(1, 0, ["EX-2026-700", "CNT-NE", "host", participations, 1])
    book.close()
    return path


def test_upload_broken_then_fixed_and_confirm(page: Page, own_app: str, tmp_path: Path) -> None:
    page.goto(own_app + "/data")
    expect(page.locator("#load-history-grid")).to_contain_text("sample-programme-history")
    upload = page.locator("#upload input[type=file]")

    upload.set_input_files(workbook(tmp_path / "records.xlsx", "visit", "n/a"))
    expect(page.locator("#upload-status")).to_contain_text("2 problem(s) in records.xlsx")
    report = page.locator("#validation-report")
    expect(report).to_contain_text("unknown code 'visit'")
    expect(report).to_contain_text("'n/a' is not a whole number")
    expect(page.locator("#confirm-load")).to_be_disabled()

    fixed = tmp_path / "fixed"
    fixed.mkdir()
    upload.set_input_files(workbook(fixed / "records.xlsx", "joint_action", 6))
    expect(page.locator("#upload-status")).to_contain_text("records.xlsx is valid")
    expect(page.locator("#upload-changes")).to_contain_text("exchanges")
    page.locator("#confirm-load").click()
    expect(page.locator("#confirm-status")).to_contain_text("Loaded as load 2")
    expect(page.locator("#load-history-grid")).to_contain_text("upload-test")

    # The dashboard serves the new version at once.
    page.goto(own_app + "/?programme=2022-2026")
    expect(page.locator("#kpi-exchanges")).to_have_text(str(BASE + 1))
