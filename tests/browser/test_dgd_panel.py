"""DGD accountability on the programmes page: scores entered, published, found again in the
workbook named by the objective's identifier and year."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
from playwright.sync_api import Page, expect

from tests.serving import free_port, gunicorn_command, serve


@pytest.fixture(scope="module")
def own_app(
    sample_warehouse: Path, app_state: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A warehouse of its own: saving publishes a load."""
    db = tmp_path_factory.mktemp("dgd") / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    port = free_port()
    env = {"ATLAS_DB": str(db), "ATLAS_STATE": str(app_state)}
    with serve(gunicorn_command(port), env, port, ready_path="/login") as url:
        yield url


def test_scores_are_published_and_land_in_the_workbook(page: Page, own_app: str) -> None:
    page.goto(own_app + "/programmes?programme=2022-2026")
    panel = page.locator("#dgd-panel")
    panel.locator("#dgd-objective").click()
    page.get_by_role("option", name="SO-2022-NE", exact=False).first.click()
    score = panel.locator('button[id*="dgd-score"][id*="relevance"]')
    score.click()
    page.get_by_role("option", name="B: good").click()
    panel.locator("#dgd-save").click()
    expect(panel.locator("#dgd-status")).to_contain_text("needs its justification")
    panel.locator('[id*="dgd-justification"][id*="relevance"]').fill("Answers CNT's demands.")
    panel.locator("#dgd-lessons").fill("Start visa requests early.")
    panel.locator("#dgd-save").click()
    expect(panel.locator("#dgd-published")).to_contain_text("Published for SO-2022-NE")
    with page.expect_download() as download:
        panel.locator("#dgd-workbook").click()
    name = download.value.suggested_filename
    assert name.startswith("SO-2022-NE_") and name.endswith(".xlsx")
    book = pl.read_excel(io.BytesIO(Path(download.value.path()).read_bytes()), sheet_id=0)
    scores = {r["Criterion"]: r for r in book["Scores"].to_dicts()}
    assert scores["Relevance"]["Score"] == "B: good"
    assert scores["Relevance"]["Justification"] == "Answers CNT's demands."
    assert book["Lessons learned"]["Lessons learned"][0] == "Start visa requests early."
    page.reload()  # what was published comes back into the form
    panel.locator("#dgd-objective").click()
    page.get_by_role("option", name="SO-2022-NE", exact=False).first.click()
    expect(panel.locator('[id*="dgd-justification"][id*="relevance"]')).to_have_value(
        "Answers CNT's demands."
    )


def test_the_iati_button_says_what_is_missing(page: Page, own_app: str) -> None:
    page.goto(own_app + "/programmes?programme=2022-2026")
    page.locator("#dgd-iati").click()
    expect(page.locator("#dgd-status")).to_contain_text("no reporting organisation")
