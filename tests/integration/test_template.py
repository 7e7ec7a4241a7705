"""The intake template: drop-downs from hidden lists, a README, and a faithful round trip."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import duckdb
import fastexcel
import pytest

from atlas.i18n import _, country_name, language
from etl.contract import SHEETS
from etl.sample import SAMPLE_SOURCE, sample_records
from etl.workbook import write_workbook
from tests.conftest import atlas
from warehouse.models import all_models


def test_template_has_every_sheet_a_readme_and_hidden_lists(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    out = tmp_path / "template.xlsx"
    result = atlas("template", str(out), "--db", str(sample_warehouse))
    assert result.returncode == 0, result.stderr
    reader = fastexcel.read_excel(str(out))
    assert reader.sheet_names == ["README", *(s.name for s in SHEETS), "lists"]
    exchanges = reader.load_sheet_by_name("exchanges", dtypes="string").to_polars()
    assert exchanges.columns == [c.name for c in SHEETS[6].columns] and exchanges.height == 0
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        workbook_xml = archive.read("xl/workbook.xml").decode()
        exchanges_xml = archive.read(f"xl/worksheets/sheet{2 + 6}.xml").decode()
    assert 'name="lists" sheetId' in workbook_xml and 'state="hidden"' in workbook_xml
    # Coded columns take their lists from named ranges, never from inline lists.
    assert "<formula1>list_modality</formula1>" in exchanges_xml
    assert "<formula1>list_organisation</formula1>" in exchanges_xml
    assert any(n.startswith("xl/comments") for n in names)
    lists = reader.load_sheet_by_name("lists", dtypes="string").to_polars()
    assert "CDT-MA · CDT (Morocco)" in lists["organisation"].to_list()
    assert "Morocco (MA)" in lists["country"].to_list()


def _tables(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return {
            model.name: connection.execute(f"select * from {model.name} order by all").fetchall()
            for model in all_models()
        }


def test_template_filled_with_labels_round_trips_to_the_same_warehouse(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "filled.xlsx"
    write_workbook(filled, sample_records(), source_id=SAMPLE_SOURCE, as_labels=True)
    db = tmp_path / "atlas.duckdb"
    result = atlas("load", "--db", str(db), str(filled))
    assert result.returncode == 0, result.stderr
    assert _tables(db) == _tables(sample_warehouse)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_a_template_filled_in_another_language_loads_the_same(
    sample_warehouse: Path, tmp_path: Path, lang: str
) -> None:
    filled = tmp_path / "filled.xlsx"
    with language(lang):
        write_workbook(filled, sample_records(), source_id=SAMPLE_SOURCE, as_labels=True)
    lists = fastexcel.read_excel(str(filled)).load_sheet_by_name("lists").to_polars()
    with language(lang):
        assert _("Partner-to-partner visit") in lists["modality"].to_list()
        assert f"{country_name('MA')} (MA)" in lists["country"].to_list()
    assert "Partner-to-partner visit" not in lists["modality"].to_list()
    db = tmp_path / "atlas.duckdb"
    result = atlas("load", "--db", str(db), str(filled))
    assert result.returncode == 0, result.stderr
    assert _tables(db) == _tables(sample_warehouse)


def test_libreoffice_resaves_the_filled_template_and_it_still_loads(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    filled = tmp_path / "filled.xlsx"
    write_workbook(filled, sample_records(), source_id=SAMPLE_SOURCE, as_labels=True)
    out = tmp_path / "resaved"
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo-profile",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(filled),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    resaved = out / "filled.xlsx"
    with zipfile.ZipFile(resaved) as archive:
        sheet = archive.read("xl/worksheets/sheet8.xml").decode()
    assert "<formula1>list_modality</formula1>" in sheet, "LibreOffice dropped the drop-downs"
    db = tmp_path / "atlas.duckdb"
    loaded = atlas("load", "--db", str(db), str(resaved))
    assert loaded.returncode == 0, loaded.stderr
    assert _tables(db) == _tables(sample_warehouse)
