"""`atlas export-iati`: public objectives as IATI 2.03 activities that pass the official schema."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import atlas

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "etl" / "iati" / "schema" / "iati-activities-schema.xsd"
REPORTING = ["--reporting-org-ref", "BE-BCE_KBO-0000000000", "--reporting-org-name", "Test org"]
ID = "BE-BCE_KBO-0000000000"


def csv(*rows: list[str]) -> str:
    return "\n".join(",".join(row) for row in rows) + "\n"


OBJECTIVES = csv(
    [
        "objective_id",
        "programme_code",
        "title",
        "country_code",
        "theme_code",
        "iati_identifier",
        "visibility",
        "is_illustrative",
    ],
    [
        "SO-T1",
        "2022-2026",
        "Domestic workers in Niger gain social protection",
        "NE",
        "domestic_work",
        f"{ID}-SO-T1",
        "public",
        "false",
    ],
    [
        "SO-T2",
        "2022-2026",
        "An illustrative objective",
        "KH",
        "union_rights",
        f"{ID}-SO-T2",
        "public",
        "true",
    ],
    [
        "SO-T3",
        "2022-2026",
        "An internal objective",
        "CO",
        "union_rights",
        f"{ID}-SO-T3",
        "internal",
        "false",
    ],
)
INDICATORS = csv(
    [
        "indicator_id",
        "programme_code",
        "objective_id",
        "name",
        "measure_type",
        "direction",
        "aggregation",
        "baseline_year",
        "baseline_value",
        "baseline_comment",
        "visibility",
    ],
    [
        "IND-T1",
        "2022-2026",
        "SO-T1",
        "Domestic workers covered",
        "unit",
        "ascending",
        "latest",
        "2021",
        "100",
        "Survey",
        "public",
    ],
    [
        "IND-T2",
        "2022-2026",
        "SO-T1",
        "Partners' assessment",
        "qualitative",
        "ascending",
        "latest",
        "2021",
        "",
        "Weak",
        "public",
    ],
)
VALUES = csv(
    ["indicator_id", "year", "kind", "value", "comment"],
    ["IND-T1", "2022", "target", "150", "First year"],
    ["IND-T1", "2022", "actual", "160", "Above target"],
    ["IND-T2", "2022", "target", "", "Better coordination"],
    ["IND-T2", "2022", "actual", "", "Partners meet monthly"],
)


@pytest.fixture(scope="module")
def warehouse(sample_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("iati")
    db = folder / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    source = folder / "objectives"
    source.mkdir()
    (source / "specific_objectives.csv").write_text(OBJECTIVES, encoding="utf-8")
    (source / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (source / "indicator_values.csv").write_text(VALUES, encoding="utf-8")
    (source / "budgets.csv").write_text(
        "budget_line_id,programme_code,year,country_code,kind,amount_eur,visibility\n"
        "BL-T-2026-NE-E,2022-2026,2026,NE,expenditure,1234.50,public\n",
        encoding="utf-8",
    )
    result = atlas("load", "--db", str(db), str(source))
    assert result.returncode == 0, result.stderr
    return db


def export(db: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return atlas("export-iati", str(out), "--db", str(db), *options)


def test_public_objective_validates_against_the_iati_schema(
    warehouse: Path, tmp_path: Path
) -> None:
    out = tmp_path / "activities.xml"
    result = export(warehouse, out, "--objective", "SO-T1", *REPORTING)
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        ["xmllint", "--noout", "--schema", str(SCHEMA), str(out)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    [activity] = ET.parse(out).getroot().findall("iati-activity")
    assert activity.findtext("iati-identifier") == f"{ID}-SO-T1"
    assert activity.find("recipient-country").get("code") == "NE"  # type: ignore[union-attr]
    [unit, qualitative] = activity.findall("result/indicator")
    assert unit.find("baseline").get("value") == "100"  # type: ignore[union-attr]
    assert unit.find("period/actual").get("value") == "160"  # type: ignore[union-attr]
    assert qualitative.get("measure") == "5"
    assert qualitative.find("period/actual").get("value") is None  # type: ignore[union-attr]
    assert qualitative.findtext("period/actual/comment/narrative") == "Partners meet monthly"
    # Public expenditure as a yearly transaction; the sample's network-only lines stay home.
    [spent] = activity.findall("transaction")
    assert spent.find("transaction-type").get("code") == "4"  # type: ignore[union-attr]
    assert spent.findtext("value") == "1234.50"
    assert activity.findall("budget") == []


def test_illustrative_objectives_are_refused_unless_asked_for(
    warehouse: Path, tmp_path: Path
) -> None:
    out = tmp_path / "activities.xml"
    refused = export(warehouse, out, "--objective", "SO-T2", *REPORTING)
    assert refused.returncode == 1 and "illustrative objectives refused" in refused.stderr
    shown = export(warehouse, out, "--objective", "SO-T2", "--include-illustrative", *REPORTING)
    assert shown.returncode == 0, shown.stderr
    title = ET.parse(out).getroot().findtext("iati-activity/title/narrative")
    assert title is not None and title.startswith("[ILLUSTRATIVE] ")


def test_internal_objectives_never_leave(warehouse: Path, tmp_path: Path) -> None:
    result = export(warehouse, tmp_path / "a.xml", "--objective", "SO-T3", *REPORTING)
    assert result.returncode == 1 and "no public specific objective matches" in result.stderr


def test_no_reporting_organisation_is_invented(warehouse: Path, tmp_path: Path) -> None:
    result = export(warehouse, tmp_path / "a.xml", "--objective", "SO-T1")
    assert result.returncode == 1 and "no reporting organisation" in result.stderr
    assert not (tmp_path / "a.xml").exists()
