"""Records entered in the app that belong with the intake records: the change agents' reviews of
the outcome statements that name them (Outcome Harvesting asks them to confirm what is said).

The app keeps each review in the app-state store, then publishes all of them through the loader
as one source (`app-outcome-reviews`, a CSV regenerated each time), so a review is validated,
versioned and replaced exactly like a row of an intake file. A review the loader refuses is
taken back out of the store, so one bad entry never blocks the next.
"""

from __future__ import annotations

import fcntl
from datetime import date
from pathlib import Path

import polars as pl

from atlas.state import connect
from etl.errors import LoadRefusedError
from etl.load import LoadReport, load

SOURCE_ID = "app-outcome-reviews"
SCHEMA = """
create table if not exists outcome_reviews (
    outcome_id text not null,
    org_code text not null,
    verdict text not null,
    comment text,
    reviewed_on text not null,
    reviewed_by text not null,
    primary key (outcome_id, org_code)
);
"""
COLUMNS = ["outcome_id", "org_code", "verdict", "comment", "reviewed_on"]


def record_review(
    state_path: Path,
    db_path: Path,
    outcome_id: str,
    org_code: str,
    verdict: str,
    comment: str,
    by: str,
) -> LoadReport:
    """Keep the review (one per outcome and organisation: a new one replaces it) and publish."""
    with _locked(state_path):
        with connect(state_path, SCHEMA) as db:
            previous = db.execute(
                "select * from outcome_reviews where outcome_id = ? and org_code = ?",
                (outcome_id, org_code),
            ).fetchone()
            db.execute(
                "insert or replace into outcome_reviews values (?, ?, ?, ?, ?, ?)",
                (outcome_id, org_code, verdict, comment or None, date.today().isoformat(), by),
            )
        try:
            return _publish(state_path, db_path, by)
        except LoadRefusedError:
            with connect(state_path, SCHEMA) as db:
                db.execute(
                    "delete from outcome_reviews where outcome_id = ? and org_code = ?",
                    (outcome_id, org_code),
                )
                if previous is not None:
                    db.execute("insert into outcome_reviews values (?, ?, ?, ?, ?, ?)", previous)
            raise


def _publish(state_path: Path, db_path: Path, by: str) -> LoadReport:
    with connect(state_path, SCHEMA) as db:
        rows = db.execute(
            "select outcome_id, org_code, verdict, comment, reviewed_on from outcome_reviews"
            " order by outcome_id, org_code"
        ).fetchall()
    folder = state_path.parent / "app-sources" / SOURCE_ID
    folder.mkdir(parents=True, exist_ok=True)
    frame = pl.DataFrame(rows, schema=dict.fromkeys(COLUMNS, pl.Utf8), orient="row")
    frame.with_columns(pl.lit("entered in the app by the change agent").alias("source")).write_csv(
        folder / "outcome_reviews.csv"
    )
    return load([folder], db_path, loaded_by=by)


class _locked:
    """One review at a time per store, across workers: the CSV and its load go together."""

    def __init__(self, state_path: Path) -> None:
        state_path.parent.mkdir(parents=True, exist_ok=True)
        self.path = state_path.with_name(state_path.name + ".reviews.lock")

    def __enter__(self) -> None:
        self.handle = self.path.open("w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        self.handle.close()
