"""Since 2017 the union's programme sits inside a wider programme led by WSM: before an
objective goes out to IATI, the export warns when the lead already publishes it."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import atlas

OURS = {
    "programmes.csv": "programme_code,name,start_date,end_date,lead_org_code,lead_iati_identifier\n"
    "P-T,Our part,2022-01-01,2026-12-31,WSM-BE,XM-LEAD-PROG\n",
    "programme_themes.csv": "programme_code,theme_code,name,canonical_theme\n"
    "P-T,gender,Gender,gender\n",
    "specific_objectives.csv": "objective_id,programme_code,title,country_code,iati_identifier,"
    "visibility\n"
    "SO-T-NE,P-T,Women in Niger's unions,NE,XM-OURS-SO-T-NE,public\n"
    "SO-T-TG,P-T,Market vendors in Togo,TG,XM-OURS-SO-T-TG,public\n",
}
LEAD_FILE = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03" generated-datetime="2026-04-01T00:00:00Z">
 <iati-activity default-currency="EUR" xml:lang="en">
  <iati-identifier>XM-LEAD-PROG</iati-identifier>
  <reporting-org ref="XM-LEAD" type="21"><narrative>The lead</narrative></reporting-org>
  <title><narrative>The wider programme</narrative></title>
  <activity-date iso-date="2022-01-01" type="1"/>
  <activity-date iso-date="2026-12-31" type="3"/>
 </iati-activity>
 <iati-activity default-currency="EUR" xml:lang="en">
  <iati-identifier>XM-LEAD-PROG-NE</iati-identifier>
  <reporting-org ref="XM-LEAD" type="21"><narrative>The lead</narrative></reporting-org>
  <title><narrative>Niger</narrative></title>
  <activity-date iso-date="2022-01-01" type="1"/>
  <activity-date iso-date="2026-12-31" type="3"/>
  <recipient-country code="NE" percentage="100"/>
  <related-activity ref="XM-LEAD-PROG" type="1"/>
 </iati-activity>
</iati-activities>
"""
REPORTING = ["--reporting-org-ref", "XM-OURS", "--reporting-org-name", "Us"]


def test_export_warns_about_what_the_lead_already_publishes(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    folder = tmp_path / "ours"
    folder.mkdir()
    for name, text in OURS.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert atlas("load", "--db", str(db), str(folder)).returncode == 0
    out = tmp_path / "out.xml"
    quiet = atlas("export-iati", str(out), "--db", str(db), "--programme", "P-T", *REPORTING)
    assert quiet.returncode == 0, quiet.stderr
    assert "duplicate" not in quiet.stderr  # nothing of the lead imported yet
    lead = tmp_path / "lead.xml"
    lead.write_text(LEAD_FILE, encoding="utf-8")
    imported = atlas("import-iati", str(lead), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    warned = atlas("export-iati", str(out), "--db", str(db), "--programme", "P-T", *REPORTING)
    assert warned.returncode == 0, warned.stderr
    [warning] = [line for line in warned.stderr.splitlines() if "duplicate" in line]
    assert "SO-T-NE" in warning and "XM-LEAD-PROG-NE" in warning
    assert "SO-T-TG" not in warned.stderr  # the lead publishes nothing for Togo
