"""What was reported, beside today: a snapshot, then a corrected load, seen on the pages."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from etl.sample import SAMPLE_SOURCE, sample_records
from etl.workbook import write_workbook
from tests.conftest import atlas
from tests.serving import free_port, gunicorn_command, serve

INDICATOR, YEAR = "IND-2022-01", 2023
OUTCOME = "OC-2016-003"


def corrected_records() -> tuple[dict, float, float]:
    """The sample with one actual raised after reporting; (records, reported, corrected)."""
    records = copy.deepcopy(sample_records())
    [value] = [
        v
        for v in records["indicator_values"]
        if v["indicator_id"] == INDICATOR and v["year"] == YEAR and v["kind"] == "actual"
    ]
    reported = float(str(value["value"]))
    value["value"] = reported + 5
    value["comment"] = "corrected after the partner's audit"
    [outcome] = [o for o in records["outcomes"] if o["outcome_id"] == OUTCOME]
    outcome["description"] = str(outcome["description"]) + " Confirmed in 2024."
    return records, reported, reported + 5


@pytest.fixture(scope="module")
def snapshot_app(app_state: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("reported")
    db = folder / "atlas.duckdb"
    write_workbook(folder / "first.xlsx", sample_records(), source_id=SAMPLE_SOURCE)
    assert atlas("load", "--db", str(db), str(folder / "first.xlsx")).returncode == 0
    taken = atlas("snapshot", "--label", "DGD 2026", "--db", str(db))
    assert taken.returncode == 0, taken.stderr
    records, _, _ = corrected_records()
    write_workbook(folder / "second.xlsx", records, source_id=SAMPLE_SOURCE)
    assert atlas("load", "--db", str(db), str(folder / "second.xlsx")).returncode == 0
    port = free_port()
    env = {"ATLAS_DB": str(db), "ATLAS_STATE": str(app_state)}
    with serve(gunicorn_command(port), env, port, ready_path="/login") as url:
        yield url


def test_programmes_show_the_reported_value_and_the_revision(page: Page, snapshot_app: str) -> None:
    _, reported, corrected = corrected_records()
    page.goto(snapshot_app + "/programmes?programme=2022-2026")
    page.locator("#programmes-snapshot").click()
    page.get_by_role("option").filter(has_text="DGD 2026").click()
    page.wait_for_url("**/programmes?programme=2022-2026&snapshot=DGD+2026")
    cell = page.locator(f"#indicator-{INDICATOR} td").nth(3)  # name, baseline, 2022, 2023
    expect(cell.locator(".reported")).to_have_text(f"reported: {reported:g}")
    expect(cell).to_contain_text(f"{corrected:g} /")
    revised = page.locator("#revised-values tbody tr")
    expect(revised).to_have_count(1)
    expect(revised).to_contain_text(f"{reported:g}")
    expect(revised).to_contain_text("corrected after the partner's audit")


def test_outcomes_list_the_revised_statement(page: Page, snapshot_app: str) -> None:
    page.goto(snapshot_app + "/outcomes?programme=2012-2016&snapshot=DGD%202026")
    row = page.locator("#revised-outcomes tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(OUTCOME)
    expect(row).to_contain_text("Confirmed in 2024.")
