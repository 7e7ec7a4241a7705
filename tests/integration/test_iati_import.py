"""`atlas import-iati`: real publishers' files and the official examples into a real warehouse.

The files are copies in tests/fixtures/iati (SOURCES.md there says where each comes from); the
counts asserted are the ones the reference SOURCES.md gives for each file.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from tests.conftest import atlas
from tests.integration.test_iati import ID, INDICATORS, OBJECTIVES, REPORTING, VALUES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "iati"
GDIHUB = FIXTURES / "gdihub_GB-COH-11126312_activities.xml"
WORLDBANK = FIXTURES / "worldbank_44000-P175662_activity.xml"
WRI = FIXTURES / "wri_US-EIN-521257057_strategic-plan-2023-2027.xml"
THREE_F = FIXTURES / "3f_DK-CVR-31378028_SPA-2022-2025_activity.xml"
DGD = FIXTURES / "be-dgd_XM-DAC-2-10_pwyf-edited-test.xml"
EC = FIXTURES / "ec-intpa_XI-IATI-EC_INTPA-2019-405-854_datastore-export.xml"
ANNOTATED = FIXTURES / "activity-standard-example-annotated-2.03.xml"
RESULTS_TEST = FIXTURES / "should-pass-24-results.xml"
REAL_FILES = [GDIHUB, WORLDBANK, WRI, THREE_F, DGD, EC]
EXAMPLES = [ANNOTATED, RESULTS_TEST]


def import_iati(path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return atlas("import-iati", str(path), "--db", str(db))


def source(path: Path) -> str:
    return f"iati:{path.stem}"


def rows(db: Path, sql: str, **parameters: object) -> list[tuple[object, ...]]:
    with duckdb.connect(str(db), read_only=True) as connection:
        return connection.execute(sql, parameters).fetchall()


def count(db: Path, table: str, path: Path) -> int:
    [(n,)] = rows(db, f"select count(*) from {table} where _source = $s", s=source(path))
    return int(n)  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[Path, str]]:
    """Every fixture file imported, one after the other, into one new warehouse."""
    db = tmp_path_factory.mktemp("iati-import") / "atlas.duckdb"
    output = {}
    for path in [*REAL_FILES, *EXAMPLES]:
        result = import_iati(path, db)
        assert result.returncode == 0, result.stderr
        output[path] = result.stdout + result.stderr
    return db, output


def test_gdi_hub_yields_its_activities_results_indicators_and_periods(
    imported: tuple[Path, dict[Path, str]],
) -> None:
    db, output = imported
    assert "activities 4, results 4, indicators 12, periods 34," in output[GDIHUB]
    assert count(db, "stg_programmes", GDIHUB) == 4
    assert count(db, "stg_specific_objectives", GDIHUB) == 4
    assert count(db, "stg_results", GDIHUB) == 4
    assert count(db, "stg_indicators", GDIHUB) == 12
    [(periods, values)] = rows(
        db,
        "select count(distinct (indicator_id, year)), count(*) from stg_indicator_values"
        " where _source = $s",
        s=source(GDIHUB),
    )
    assert (periods, values) == (34, 68)  # each period has a target and an actual
    # Fiscal periods keep their own dates; the year is the one they start in.
    [(year, start, end, value)] = rows(
        db,
        "select year, period_start::varchar, period_end::varchar, value from stg_indicator_values"
        " where indicator_id = 'GB-COH-11126312-Cluster1/R1/I1' and kind = 'actual'"
        " and year = 2019",
    )
    assert (year, start, end, float(value)) == (2019, "2019-10-01", "2020-03-31", 13.0)  # type: ignore[arg-type]
    # 48 recipient countries with their shares, no invented country for organisations.
    assert count(db, "stg_objective_countries", GDIHUB) == 48
    assert rows(
        db,
        "select count(*) from stg_organisations where _source = $s and country_code is not null",
        s=source(GDIHUB),
    ) == [(0,)]


def test_world_bank_and_wri_yield_their_results(imported: tuple[Path, dict[Path, str]]) -> None:
    db, _stderr = imported
    assert count(db, "stg_results", WORLDBANK) == 14
    assert count(db, "stg_results", WRI) == 16
    assert count(db, "stg_indicators", WRI) == 24
    assert rows(
        db,
        "select distinct result_type from stg_results where _source = $s order by 1",
        s=source(WORLDBANK),
    ) == [("outcome",), ("output",)]


def test_free_text_values_become_comments_with_a_warning(
    imported: tuple[Path, dict[Path, str]],
) -> None:
    db, stderr = imported
    assert (
        "worldbank_44000-P175662_activity.xml:1109: 44000-P175662"
        " result[1]/indicator[1]/period[1]/actual: free-text value 'As at Apprasial'"
    ) in stderr[WORLDBANK]
    [(value, comment, measure, name)] = rows(
        db,
        "select v.value, v.comment, i.measure_type, i.name from stg_indicator_values as v"
        " join stg_indicators as i using (indicator_id)"
        " where v.indicator_id = '44000-P175662/R1/I1' and v.kind = 'actual'",
    )
    assert (value, comment, measure) == (None, "As at Apprasial", "qualitative")
    # xml:lang="EN" is English: the title was read.
    assert name == (
        "Streamline and digitize business registration and licensing, reducing the compliance "
        "time and costs for businesses"
    )


def test_countries_come_from_the_transactions_when_the_activity_names_none(
    imported: tuple[Path, dict[Path, str]],
) -> None:
    db, stderr = imported
    found = rows(
        db,
        "select country_code from stg_objective_countries where _source = $s order by 1",
        s=source(THREE_F),
    )
    # DK appears only on incoming funds: the money's origin, not where the work happens.
    assert [c for (c,) in found] == sorted(
        ["BD", "LB", "ZM", "ZW", "LK", "BO", "CO", "HN", "ZA", "JO", "KE"]
    )
    [(country, end, estimated)] = rows(
        db,
        "select o.country_code, p.end_date::varchar, p.estimated from stg_specific_objectives"
        " as o join stg_programmes as p using (programme_code) where o._source = $s",
        s=source(THREE_F),
    )
    assert (country, end, estimated) == (None, "2022-12-31", "end_date")
    assert "budget[1]: skipped: in DKK, not euro (no exchange rate is invented)" in stderr[THREE_F]
    assert count(db, "stg_budgets", THREE_F) == 0


def test_a_duplicated_identifier_is_imported_once_and_french_texts_are_kept(
    imported: tuple[Path, dict[Path, str]],
) -> None:
    db, stderr = imported
    assert count(db, "stg_programmes", DGD) == 3
    assert (
        "be-dgd_XM-DAC-2-10_pwyf-edited-test.xml:296: XM-DAC-2-10-3267: skipped: the "
        "iati-identifier is given twice (first at line 194)"
    ) in stderr[DGD]
    [(title,)] = rows(
        db, "select title from stg_specific_objectives where objective_id = 'XM-DAC-2-10-3264'"
    )
    assert title == "Financement des moyens généraux du PAM 2021-2022-2023"


def test_a_file_without_a_version_imports_with_a_warning(
    imported: tuple[Path, dict[Path, str]],
) -> None:
    db, stderr = imported
    assert "no version attribute: read as IATI 2.03" in stderr[EC]
    # Its one euro budget, in the activity's single recipient country.
    assert rows(
        db,
        "select year, country_code, amount_eur::double from stg_budgets where _source = $s",
        s=source(EC),
    ) == [(2019, "LR", 0.0)]


def test_the_official_examples_import(imported: tuple[Path, dict[Path, str]]) -> None:
    db, stderr = imported
    assert count(db, "stg_results", ANNOTATED) == 1
    assert rows(
        db,
        "select kind, value::double, comment from stg_indicator_values where _source = $s"
        " order by kind",
        s=source(ANNOTATED),
    ) == [("actual", 11.0, "Actual comment text"), ("target", 10.0, "Target comment text")]
    assert rows(
        db,
        "select year, amount_eur::double from stg_budgets where _source = $s",
        s=source(ANNOTATED),
    ) == [(2014, 3000.0)]
    # The schema test has an empty identifier: keyed by its position, no IATI identifier.
    assert rows(
        db,
        "select objective_id, iati_identifier from stg_specific_objectives where _source = $s",
        s=source(RESULTS_TEST),
    ) == [("iati:should-pass-24-results#1", None)]
    assert count(db, "stg_results", RESULTS_TEST) == 13
    assert count(db, "stg_indicators", RESULTS_TEST) == 14
    assert "version 'xx' is not 2.0x" in stderr[RESULTS_TEST]


def test_reimporting_replaces_only_the_files_own_records(tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    assert import_iati(GDIHUB, db).returncode == 0
    assert import_iati(WRI, db).returncode == 0
    again = import_iati(GDIHUB, db)
    assert again.returncode == 0 and "unchanged" in again.stdout
    assert rows(db, "select count(*) from load_batches") == [(2,)]
    # A new version of the file, without its fourth activity, removes that activity's records.
    newer = tmp_path / "newer" / GDIHUB.name
    newer.parent.mkdir()
    text = GDIHUB.read_text(encoding="utf-8")
    start = text.index("<iati-activity", text.index("GB-COH-11126312-Cluster3"))
    newer.write_text(text[:start] + "</iati-activities>\n", encoding="utf-8")
    result = import_iati(newer, db)
    assert result.returncode == 0, result.stderr
    assert count(db, "stg_programmes", GDIHUB) == 3
    assert count(db, "stg_indicators", GDIHUB) == 8
    assert count(db, "stg_indicators", WRI) == 24


def test_a_refused_import_leaves_the_warehouse_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    assert import_iati(GDIHUB, db).returncode == 0
    # Another source points at one of the file's objectives...
    own = tmp_path / "own"
    own.mkdir()
    (own / "indicators.csv").write_text(
        "indicator_id,programme_code,objective_id,name,measure_type\n"
        "IND-OWN,GB-COH-11126312-Cluster1,GB-COH-11126312-Cluster1,Our own count,unit\n",
        encoding="utf-8",
    )
    assert atlas("load", "--db", str(db), str(own)).returncode == 0
    # ...so a new version of the file without that activity is refused as a whole.
    newer = tmp_path / "newer" / GDIHUB.name
    newer.parent.mkdir()
    text = GDIHUB.read_text(encoding="utf-8")
    first = text.index("<iati-activity ")
    second = text.index("<iati-activity ", first + 1)
    newer.write_text(text[:first] + text[second:], encoding="utf-8")
    before = db.resolve().read_bytes()
    result = import_iati(newer, db)
    assert result.returncode == 1
    assert "'GB-COH-11126312-Cluster1' does not exist in specific_objectives" in result.stderr
    assert db.resolve().read_bytes() == before
    assert count(db, "stg_programmes", GDIHUB) == 4


def test_export_import_export_keeps_every_identifier_and_indicator(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    records = tmp_path / "objectives"
    records.mkdir()
    (records / "specific_objectives.csv").write_text(OBJECTIVES, encoding="utf-8")
    (records / "indicators.csv").write_text(INDICATORS, encoding="utf-8")
    (records / "indicator_values.csv").write_text(VALUES, encoding="utf-8")
    (records / "budgets.csv").write_text(
        "budget_line_id,programme_code,year,country_code,kind,amount_eur,visibility\n"
        "BL-2023-NE-B,2022-2026,2023,NE,budget,69137.05,public\n",
        encoding="utf-8",
    )
    assert atlas("load", "--db", str(db), str(records)).returncode == 0
    chosen = ["--objective", "SO-T1", "--objective", "SO-T2", "--include-illustrative"]
    first = tmp_path / "first.xml"
    assert atlas("export-iati", str(first), "--db", str(db), *chosen, *REPORTING).returncode == 0

    fresh = tmp_path / "fresh" / "atlas.duckdb"
    imported = import_iati(first, fresh)
    assert imported.returncode == 0, imported.stderr
    second = tmp_path / "second.xml"
    exported = atlas(
        "export-iati", str(second), "--db", str(fresh), "--include-illustrative", *REPORTING
    )
    assert exported.returncode == 0, exported.stderr

    before, after = _activities(first), _activities(second)
    assert sorted(before) == sorted(after) == [f"{ID}-SO-T1", f"{ID}-SO-T2"]
    assert before == after
    assert before[f"{ID}-SO-T1"]["indicators"]  # the comparison compared something


def _activities(path: Path) -> dict[str, dict[str, object]]:
    """What a round trip must keep, per iati-identifier."""
    found: dict[str, dict[str, object]] = {}
    for activity in ET.parse(path).getroot().iter("iati-activity"):
        indicators = []
        for indicator in activity.iter("indicator"):
            baseline = indicator.find("baseline")
            periods = [
                (
                    period.find("period-start").get("iso-date"),  # type: ignore[union-attr]
                    period.find("period-end").get("iso-date"),  # type: ignore[union-attr]
                    [
                        (e.tag, e.get("value"), e.findtext("comment/narrative"))
                        for e in period
                        if e.tag in ("target", "actual")
                    ],
                )
                for period in indicator.iter("period")
            ]
            indicators.append(
                (
                    indicator.findtext("title/narrative"),
                    dict(indicator.attrib),
                    dict(baseline.attrib) if baseline is not None else None,
                    baseline.findtext("comment/narrative") if baseline is not None else None,
                    periods,
                )
            )
        found[str(activity.findtext("iati-identifier"))] = {
            "title": activity.findtext("title/narrative"),
            "country": [c.get("code") for c in activity.iter("recipient-country")],
            "budgets": [
                (b.find("period-start").get("iso-date"), b.findtext("value"))  # type: ignore[union-attr]
                for b in activity.iter("budget")
            ],
            "indicators": indicators,
        }
    return found


def activity_file(path: Path, doctype: str = "", body: str = "") -> Path:
    """A small valid activity file, with a DOCTYPE and extra elements as given."""
    path.write_text(
        '<?xml version="1.0"?>\n'
        + doctype
        + '\n<iati-activities version="2.03"><iati-activity default-currency="EUR">'
        "<iati-identifier>XX-TEST-1</iati-identifier>"
        '<reporting-org ref="CNT-NE" type="22"><narrative>CNT</narrative></reporting-org>'
        "<title><narrative>A test activity " + body + "</narrative></title>"
        '<activity-date type="2" iso-date="2022-01-01"/>'
        '<activity-date type="3" iso-date="2024-12-31"/>'
        "</iati-activity></iati-activities>\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.setblocking(False)
    yield server
    server.close()


def _connected(server: socket.socket) -> bool:
    try:
        connection, _address = server.accept()
    except BlockingIOError:
        return False
    connection.close()
    return True


def test_entities_are_refused_and_nothing_is_fetched(
    tmp_path: Path, listener: socket.socket
) -> None:
    port = listener.getsockname()[1]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER", encoding="utf-8")
    # A billion laughs: ten to the ninth "lol" once expanded.
    entities = "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
    laughs = f'<!DOCTYPE iati-activities [<!ENTITY lol0 "lol">{entities}]>'
    cases = {
        "laughs.xml": (laughs, "&lol9;"),
        "file.xml": (f'<!DOCTYPE iati-activities [<!ENTITY x SYSTEM "{secret.as_uri()}">]>', "&x;"),
        "net.xml": (
            f'<!DOCTYPE iati-activities [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>',
            "&x;",
        ),
    }
    db = tmp_path / "atlas.duckdb"
    for name, (doctype, body) in cases.items():
        result = import_iati(activity_file(tmp_path / name, doctype, body), db)
        assert result.returncode == 1, name
        assert "entities are refused" in result.stderr, name
        assert "TOP-SECRET-MARKER" not in result.stdout + result.stderr
    assert not db.exists()
    assert not _connected(listener)


def test_an_external_dtd_is_never_fetched(tmp_path: Path, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    doctype = f'<!DOCTYPE iati-activities SYSTEM "http://127.0.0.1:{port}/iati.dtd">'
    db = tmp_path / "atlas.duckdb"
    result = import_iati(activity_file(tmp_path / "dtd.xml", doctype), db)
    assert result.returncode == 0, result.stderr
    assert not _connected(listener)
    assert rows(db, "select objective_id from stg_specific_objectives") == [("XX-TEST-1",)]


def test_what_is_not_an_iati_file_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    broken = tmp_path / "broken.xml"
    broken.write_text("<iati-activities><iati-activity>", encoding="utf-8")
    result = import_iati(broken, db)
    assert result.returncode == 1 and "broken.xml:1: not well-formed XML" in result.stderr
    other = tmp_path / "other.xml"
    other.write_text("<html><body/></html>", encoding="utf-8")
    result = import_iati(other, db)
    assert result.returncode == 1 and "expected <iati-activities>" in result.stderr
    empty = tmp_path / "empty.xml"
    empty.write_text('<iati-activities version="2.03"/>', encoding="utf-8")
    result = import_iati(empty, db)
    assert result.returncode == 1 and "no usable iati-activity" in result.stderr
    assert not db.exists()
    assert atlas("import-iati").returncode == 2


def test_organisations_of_other_sources_are_left_as_they_are(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    result = import_iati(activity_file(tmp_path / "org.xml"), db)
    assert result.returncode == 0, result.stderr
    assert "organisation CNT-NE is already in the warehouse from another source" in result.stderr
    assert rows(
        db, "select country_code, role from dim_organisation where org_code = 'CNT-NE'"
    ) == [("NE", "partner")]


def test_a_warehouse_from_before_the_iati_columns_gains_them(
    sample_warehouse: Path, tmp_path: Path
) -> None:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    with duckdb.connect(str(db)) as connection:
        connection.execute("drop table stg_results")
        connection.execute("drop table stg_objective_countries")
        connection.execute("alter table stg_indicators drop column result_id")
        connection.execute("alter table stg_indicator_values drop column period_start")
        connection.execute("alter table stg_indicator_values drop column period_end")
    result = import_iati(GDIHUB, db)
    assert result.returncode == 0, result.stderr
    assert count(db, "stg_results", GDIHUB) == 4
    assert count(db, "stg_indicators", GDIHUB) == 12


HIERARCHY = """<?xml version="1.0"?>
<iati-activities version="2.03">
 <iati-activity default-currency="EUR" xml:lang="fr">
  <iati-identifier>XX-P</iati-identifier>
  <title><narrative>Programme</narrative><narrative xml:lang="en">Programme EN</narrative></title>
  <activity-date type="1" iso-date="2022-01-01"/>
  <activity-date type="3" iso-date="2026-12-31"/>
  PARENT-LINK
  <budget type="1"><period-start iso-date="2023-01-01"/><value>100</value></budget>
  <budget type="2"><period-start iso-date="2023-01-01"/><value>120.5</value></budget>
  <result type="3">
   <title><narrative>Impact</narrative></title>
   <indicator measure="2">
    <title><narrative>Share</narrative></title>
    <period>
     <period-start iso-date="2023-01-01"/><period-end iso-date="2023-06-30"/>
     <target value="50"/><actual value="140"/>
    </period>
    <period>
     <period-start iso-date="2023-07-01"/><period-end iso-date="2023-12-31"/>
     <target value="60"/>
    </period>
   </indicator>
  </result>
 </iati-activity>
 <iati-activity>
  <iati-identifier>XX-C</iati-identifier>
  <title><narrative>Child</narrative></title>
  <recipient-country code="ne" percentage="100"/>
  CHILD-LINK
 </iati-activity>
</iati-activities>
"""


@pytest.mark.parametrize(
    "parent_link, child_link",
    [
        ("", '<related-activity ref="XX-P" type="1"/>'),  # the child names its parent
        ('<related-activity ref="XX-C" type="2"/>', ""),  # the parent names its child
    ],
)
def test_a_parent_in_the_file_is_the_programme_of_its_children(
    tmp_path: Path, parent_link: str, child_link: str
) -> None:
    path = tmp_path / "hierarchy.xml"
    text = HIERARCHY.replace("PARENT-LINK", parent_link).replace("CHILD-LINK", child_link)
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "atlas.duckdb"
    result = import_iati(path, db)
    assert result.returncode == 0, result.stderr
    # The activity's language (fr) picks the narrative without a language of its own.
    assert rows(db, "select programme_code, name, iati_identifier from stg_programmes") == [
        ("XX-P", "Programme", "XX-P")
    ]
    assert rows(
        db, "select objective_id, programme_code, country_code from stg_specific_objectives"
    ) == [("XX-C", "XX-P", "NE")]
    # The parent's own results stay at programme level.
    assert rows(db, "select objective_id, result_type from stg_results") == [(None, "impact")]
    assert rows(db, "select kind, value::double, comment from stg_indicator_values order by 1") == [
        ("actual", None, "140"),
        ("target", 50.0, None),
    ]
    assert "hierarchy.xml:17: XX-P result[1]/indicator[1]/period[1]/actual: percentage 140" in (
        result.stderr
    )
    assert "period[2]: skipped: another period of this indicator starts in 2023" in result.stderr
    assert rows(db, "select year, amount_eur::double from stg_budgets") == [(2023, 120.5)]
    assert "hierarchy.xml:9: XX-P budget[1]: skipped: the revised budget for 2023" in result.stderr
