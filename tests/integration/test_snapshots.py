"""`atlas snapshot`: a frozen warehouse survives later loads unchanged, the revisions made since
are listed for each viewer, and exports say which version (and snapshot) they were built from.

One history for the module, with real loads: the sample is loaded, frozen as "DGD 2026", then a
corrected sample is loaded (indicator values and outcomes revised, one outcome removed, one
added, one hidden) and another source after it, so publishing tidies away the very version the
snapshot was copied from.
"""

from __future__ import annotations

import copy
import io
import stat
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import fastexcel
import polars as pl
import pytest

from dashboard.exports import Provenance, csv_bytes, excel_bytes, export_name
from dashboard.reports import report_html
from dashboard.url_params import ViewState
from etl.iati import ReportingOrg, export_activities
from etl.sample import SAMPLE_SOURCE, sample_records
from etl.workbook import write_workbook
from tests.conftest import atlas
from warehouse import query
from warehouse.snapshots import (
    Snapshot,
    SnapshotError,
    digest_of,
    find_snapshot,
    list_snapshots,
    revisions,
    run_on_snapshot,
    snapshot_cursor,
)
from warehouse.viewer import PUBLIC, STAFF, Viewer

LABEL = "DGD 2026"
Records = dict[str, list[dict[str, object]]]

PUBLIC_VALUE = ("IND-2012-01", 2012, "actual")  # 2.30 in the sample
INTERNAL_INDICATOR = "IND-2012-02"  # made internal before the snapshot
REVISED = "OC-2015-001"  # public: description revised
REVISED_INTERNAL = "OC-2013-104a"  # internal: description revised
HIDDEN = "OC-2015-002"  # public, then made internal: nobody outside sees it again
REMOVED = "OC-2015-003"  # public, then deleted
ADDED = "OC-2026-900"  # a copy of REVISED under a new identifier
OBJECTIVE = "SO-2012-NE"  # given an IATI identifier so the IATI export has something to say


def _initial_records() -> Records:
    records = sample_records()
    for objective in records["specific_objectives"]:
        if objective["objective_id"] == OBJECTIVE:
            objective["iati_identifier"] = "XM-TEST-" + OBJECTIVE
    for indicator in records["indicators"]:
        if indicator["indicator_id"] == INTERNAL_INDICATOR:
            indicator["visibility"] = "internal"
    return records


def _outcome(records: Records, outcome_id: str) -> dict[str, object]:
    [row] = [r for r in records["outcomes"] if r["outcome_id"] == outcome_id]
    return row


def _corrected(records: Records) -> tuple[Records, tuple[str, int, str]]:
    """The records as corrected after the report; also the internal indicator value revised."""
    records = copy.deepcopy(records)
    [internal_value] = [
        v for v in records["indicator_values"] if v["indicator_id"] == INTERNAL_INDICATOR
    ][:1]
    for value in records["indicator_values"]:
        key = (value["indicator_id"], value["year"], value["kind"])
        if key == PUBLIC_VALUE:
            value["value"], value["comment"] = 2.5, "Revised after the 2026 survey."
        if value is internal_value:
            value["value"] = float(str(value["value"])) + 1
    _outcome(records, REVISED)["description"] = "Revised: CNT lobbied for a minimum quota."
    _outcome(records, REVISED_INTERNAL)["description"] = "Illustrative outcome, revised."
    _outcome(records, HIDDEN)["visibility"] = "internal"
    for sheet in ("outcomes", "outcome_change_agents", "outcome_exchanges", "outcome_plans"):
        rows = [r for r in records[sheet] if r["outcome_id"] != REMOVED]
        rows += [{**r, "outcome_id": ADDED} for r in rows if r["outcome_id"] == REVISED]
        records[sheet] = rows
    internal_key = (
        INTERNAL_INDICATOR,
        int(str(internal_value["year"])),
        str(internal_value["kind"]),
    )
    return records, internal_key


def _load(db: Path, path: Path) -> None:
    result = atlas("load", "--db", str(db), str(path))
    assert result.returncode == 0, result.stderr


@dataclass(frozen=True)
class History:
    db: Path
    snapshot: Snapshot
    digest: str  # of the snapshot file right after it was taken
    indicators: pl.DataFrame  # what the warehouse said when the snapshot was taken
    outcomes: pl.DataFrame
    internal_value: tuple[str, int, str]


def _outcome_rows(cursor: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    return cursor.sql("select * from fct_outcome order by outcome_id").pl()


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    folder = tmp_path_factory.mktemp("snapshots")
    db = folder / "data" / "atlas.duckdb"
    source = folder / "intake" / "programme_history.xlsx"
    source.parent.mkdir()
    records = _initial_records()
    write_workbook(source, records, source_id=SAMPLE_SOURCE)
    _load(db, source)
    taken = atlas("snapshot", "--db", str(db), "--label", LABEL, "--comment", "Annual report")
    assert taken.returncode == 0, taken.stderr
    snapshot = find_snapshot(db, LABEL)
    with duckdb.connect(str(db), read_only=True) as live:
        indicators = query.run(live, "programme_indicators", STAFF, programme=None, objective=None)
        outcomes = _outcome_rows(live)
    digest = digest_of(snapshot.path)

    corrected, internal_value = _corrected(records)
    write_workbook(source, corrected, source_id=SAMPLE_SOURCE)  # the same source, corrected
    _load(db, source)
    other = folder / "intake" / "late-exchange"
    other.mkdir()
    (other / "exchanges.csv").write_text(
        "exchange_id,programme_code,modality,title,theme_code,start_date,end_date,host_org_code\n"
        "EX-2026-900,2022-2026,joint_action,Late,union_rights,2026-05-01,2026-05-02,CNT-NE\n",
        encoding="utf-8",
    )
    _load(db, other)
    return History(db, snapshot, digest, indicators, outcomes, internal_value)


def test_snapshot_survives_later_loads_unchanged(history: History) -> None:
    snapshot = history.snapshot
    assert (snapshot.warehouse_version, snapshot.version_file) == (1, "atlas.v000001.duckdb")
    assert snapshot.path.parent == history.db.parent / "snapshots"
    # Two loads later, publishing has tidied the version the snapshot came from, not the copy.
    assert not (history.db.parent / snapshot.version_file).exists()
    assert history.db.resolve().name == "atlas.v000003.duckdb"
    assert digest_of(snapshot.path) == history.digest == snapshot.sha256
    assert not snapshot.path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    frozen = run_on_snapshot(
        snapshot, "programme_indicators", STAFF, programme=None, objective=None
    )
    assert frozen.equals(history.indicators)
    with snapshot_cursor(snapshot) as cursor:
        assert _outcome_rows(cursor).equals(history.outcomes)
    with duckdb.connect(str(history.db), read_only=True) as live:  # the reload did change things
        [(now,)] = live.execute(
            "select value from fct_indicator_value where indicator_id = ? and year = ?"
            " and kind = ?",
            list(PUBLIC_VALUE),
        ).fetchall()
    assert now == Decimal("2.50")


def _revisions(history: History, viewer: Viewer) -> tuple[pl.DataFrame, pl.DataFrame]:
    with duckdb.connect(str(history.db), read_only=True) as live:
        found = revisions(live.cursor(), history.snapshot, viewer)
    return found.indicator_values, found.outcomes


def test_revisions_list_exactly_what_changed(history: History) -> None:
    values, outcomes = _revisions(history, STAFF)
    rows = {
        (r["indicator_id"], r["year"], r["kind"]): r
        for r in values.select(
            "indicator_id",
            "year",
            "kind",
            "change",
            "old_value",
            "new_value",
            "old_comment",
            "new_comment",
        ).iter_rows(named=True)
    }
    assert set(rows) == {PUBLIC_VALUE, history.internal_value}
    public = rows[PUBLIC_VALUE]
    assert public["change"] == "changed"
    assert (public["old_value"], public["new_value"]) == (Decimal("2.30"), Decimal("2.50"))
    assert (public["old_comment"], public["new_comment"]) == (
        "Illustrative actual.",
        "Revised after the 2026 survey.",
    )
    assert rows[history.internal_value]["new_value"] - rows[history.internal_value][
        "old_value"
    ] == Decimal("1")

    changes = {r["outcome_id"]: r for r in outcomes.iter_rows(named=True)}
    assert {k: r["change"] for k, r in changes.items()} == {
        ADDED: "added",
        REVISED_INTERNAL: "changed",
        REVISED: "changed",
        REMOVED: "removed",
    }
    revised = changes[REVISED]
    assert revised["fields"] == ["description"]
    assert revised["old_description"].startswith("CNT lobbied trade unions")
    assert revised["new_description"] == "Revised: CNT lobbied for a minimum quota."
    assert revised["old_level"] == revised["new_level"] is not None
    assert changes[REMOVED]["new_description"] is None
    assert changes[REMOVED]["old_description"] is not None
    assert changes[ADDED]["old_description"] is None


def test_revisions_show_only_what_the_viewer_may_see(history: History) -> None:
    values, outcomes = _revisions(history, PUBLIC)
    assert values.select("indicator_id", "year", "kind").rows() == [PUBLIC_VALUE]
    # Not the internal outcome's revision, and not the outcome hidden since, even as "removed".
    assert dict(outcomes.select("outcome_id", "change").rows()) == {
        ADDED: "added",
        REVISED: "changed",
        REMOVED: "removed",
    }
    # The same snapshot read through the current view filters the same way.
    frozen = run_on_snapshot(
        history.snapshot, "programme_indicators", PUBLIC, programme=None, objective=None
    )
    assert INTERNAL_INDICATOR not in frozen["indicator_id"].to_list()
    assert INTERNAL_INDICATOR in history.indicators["indicator_id"].to_list()


def test_revisions_of_one_programme(history: History) -> None:
    with duckdb.connect(str(history.db), read_only=True) as live:
        found = revisions(live.cursor(), history.snapshot, STAFF, programme="2017-2021")
    assert found.indicator_values.is_empty()
    assert set(found.outcomes["programme_code"]) <= {"2017-2021"}
    assert REVISED not in found.outcomes["outcome_id"].to_list()  # a 2012-2016 outcome


def test_a_label_is_taken_once(history: History) -> None:
    files = sorted(p.name for p in history.snapshot.path.parent.iterdir())
    again = atlas("snapshot", "--db", str(history.db), "--label", "dgd  2026")
    assert again.returncode == 1
    assert "a snapshot labelled 'DGD 2026' exists already" in again.stderr
    assert sorted(p.name for p in history.snapshot.path.parent.iterdir()) == files
    listed = atlas("snapshot", "--db", str(history.db), "--list")
    assert listed.returncode == 0, listed.stderr
    [line] = listed.stdout.splitlines()
    assert line.split("\t")[0::2] == [LABEL, "1", "Annual report"]
    assert [s.label for s in list_snapshots(history.db)] == [LABEL]


def test_a_second_label_freezes_the_current_version(history: History, tmp_path: Path) -> None:
    # A copy of the warehouse folder, so the module's history keeps one snapshot.
    db = tmp_path / "atlas.duckdb"
    db.write_bytes(history.db.read_bytes())
    first = atlas("snapshot", "--db", str(db), "--label", "Mid-term review")
    second = atlas("snapshot", "--db", str(db), "--label", "Évaluation finale")
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    assert [s.path.name for s in list_snapshots(db)] == [
        "atlas.s0001-mid-term-review.duckdb",
        "atlas.s0002-evaluation-finale.duckdb",
    ]
    assert {s.warehouse_version for s in list_snapshots(db)} == {3}
    assert not list(tmp_path.glob("snapshots/.*"))  # no temporary file left behind


def test_a_changed_snapshot_file_is_refused(history: History, tmp_path: Path) -> None:
    db = tmp_path / "atlas.duckdb"
    db.write_bytes(history.db.read_bytes())
    assert atlas("snapshot", "--db", str(db), "--label", LABEL).returncode == 0
    [snapshot] = list_snapshots(db)
    snapshot.path.chmod(0o644)
    with snapshot.path.open("r+b") as file:  # one byte near the end, where DuckDB keeps data
        file.seek(-100, 2)
        byte = file.read(1)
        file.seek(-100, 2)
        file.write(bytes([byte[0] ^ 0xFF]))
    with pytest.raises(SnapshotError, match="was changed"):
        run_on_snapshot(snapshot, "programme_indicators", STAFF, programme=None, objective=None)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["snapshot"], 2),
        (["snapshot", "--list", "--label", "x"], 2),
        (["snapshot", "--list", "--comment", "x"], 2),
        (["snapshot", "--label", "   "], 1),
        (["snapshot", "--label", "x"], 1),  # no warehouse there
    ],
)
def test_exit_codes(args: list[str], expected: int, tmp_path: Path) -> None:
    result = atlas(*args, "--db", str(tmp_path / "none" / "atlas.duckdb"))
    assert result.returncode == expected, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "none").exists()  # a refusal creates nothing


def test_exports_carry_the_version_and_snapshot(history: History) -> None:
    snapshot = history.snapshot
    made_from = Provenance(snapshot.warehouse_version, snapshot.label)
    filters = ViewState(programmes=("2012-2016",)).outcome_filters()
    outcomes = run_on_snapshot(snapshot, "outcomes_export", STAFF, **filters)

    from_csv = pl.read_csv(io.BytesIO(csv_bytes(outcomes, made_from)))
    assert from_csv.height == outcomes.height > 0
    assert from_csv.columns[-2:] == ["warehouse_version", "snapshot"]
    assert set(from_csv["warehouse_version"]) == {1} and set(from_csv["snapshot"]) == {LABEL}
    assert export_name("outcomes", "csv", made_from, date(2026, 5, 1)) == (
        "outcomes-2026-05-01-dgd-2026-v1.csv"
    )
    assert export_name("outcomes", "csv", Provenance(3), date(2026, 5, 1)) == (
        "outcomes-2026-05-01-v3.csv"
    )

    workbook = excel_bytes([("Outcomes", outcomes)], [("Programme", "2012-2016")], made_from)
    about = fastexcel.read_excel(workbook).load_sheet_by_name("Filters").to_polars()
    assert dict(about.rows()) == {
        "Warehouse version": "1",
        "Snapshot": LABEL,
        "Programme": "2012-2016",
    }

    page = report_html(
        ViewState(programmes=("2012-2016",)),
        outcomes.with_columns(pl.col("description").alias("statement")),
        run_on_snapshot(snapshot, "outcomes_theme_level", STAFF, **filters),
        run_on_snapshot(snapshot, "outcome_contributions", STAFF, **filters),
        snapshot.warehouse_version,
        public=False,
        snapshot=snapshot.label,
    )
    assert "warehouse version 1," in page and f"Snapshot: {LABEL}." in page

    reporting = ReportingOrg("XM-TEST", "22", "Test org")
    with snapshot_cursor(snapshot) as cursor:
        document = export_activities(
            cursor, reporting, objectives=[OBJECTIVE], include_illustrative=True, snapshot=LABEL
        )
    assert b"<!-- Solidarity Atlas, warehouse version 1, snapshot 'DGD 2026' -->" in document
    with duckdb.connect(str(history.db), read_only=True) as live:
        current = export_activities(
            live, reporting, objectives=[OBJECTIVE], include_illustrative=True
        )
    assert b"<!-- Solidarity Atlas, warehouse version 3 -->" in current
