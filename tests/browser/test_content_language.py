"""Content keeps its language: an outcome written in Spanish, translated into French, reads in
Spanish for a Spanish reader, in French (marked as a translation) for a French one, and in its
Spanish original (marked as such) for everyone else."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from atlas.i18n import _, language
from tests.fixtures import FRENCH, SPANISH, warehouse_with_translated_outcome
from tests.serving import free_port, gunicorn_command, serve


@pytest.fixture(scope="module")
def own_app(
    sample_warehouse: Path, app_state: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    db = warehouse_with_translated_outcome(
        sample_warehouse, tmp_path_factory.mktemp("content-language")
    )
    port = free_port()
    env = {"ATLAS_DB": str(db), "ATLAS_STATE": str(app_state)}
    with serve(gunicorn_command(port), env, port, ready_path="/login") as url:
        yield url


@pytest.mark.parametrize(
    ("lang", "text", "note"),
    [
        ("es", SPANISH, None),
        ("fr", FRENCH, "{language} · translated"),
        ("en", SPANISH, "{language} · original"),
        ("nl", SPANISH, "{language} · original"),
    ],
)
def test_each_reader_gets_the_right_text(
    page: Page, own_app: str, lang: str, text: str, note: str | None
) -> None:
    page.goto(f"{own_app}/outcomes?programme=2017-2021&q=Cali&lang={lang}")
    row = page.locator(".ag-center-cols-container .ag-row").first
    expect(row).to_contain_text(text)
    with language(lang):
        original = _("Spanish") if note != "{language} · translated" else _("French")
        if note:
            expect(row).to_contain_text(_(note).format(language=original))
    row.click()
    expect(page.locator("#outcome-detail-card")).to_contain_text(text)
