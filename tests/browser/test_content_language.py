"""Content keeps its language: an outcome written in Spanish, translated into French, reads in
Spanish for a Spanish reader, in French (marked as a translation) for a French one, and in its
Spanish original (marked as such) for everyone else."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from atlas.i18n import _, language
from tests.conftest import atlas
from tests.serving import free_port, gunicorn_command, serve

SPANISH = "La CUT negoció un convenio colectivo para las vendedoras de los mercados de Cali."
FRENCH = "La CUT a négocié une convention collective pour les vendeuses des marchés de Cali."
SOURCE = {
    "outcomes.csv": "outcome_id,programme_code,social_actor,theme_code,level,outcome_type,"
    "observed_on,description,language,substantiation_status\n"
    "OC-2019-950,2017-2021,Vendedoras de Cali,informal_economy,policy,campaign,2019-06-01,"
    f'"{SPANISH}",es,substantiated\n',
    "outcome_change_agents.csv": "outcome_id,org_code\nOC-2019-950,CDT-CO\n",
    "outcome_translations.csv": "outcome_id,language,description,translated_by\n"
    f'OC-2019-950,fr,"{FRENCH}",IIWE staff\n',
}


@pytest.fixture(scope="module")
def own_app(
    sample_warehouse: Path, app_state: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("content-language")
    db = folder / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    source = folder / "spanish-outcome"
    source.mkdir()
    for name, text in SOURCE.items():
        (source / name).write_text(text, encoding="utf-8")
    loaded = atlas("load", "--db", str(db), str(source))
    assert loaded.returncode == 0, loaded.stderr
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
