"""Records entered in the app that belong with the intake records: the change agents' reviews of
the outcome statements that name them (Outcome Harvesting asks them to confirm what is said),
and staff's yearly accountability to DGD per specific objective (scores per criterion, lessons
learned, management responses).

The app keeps each entry in the app-state store, then publishes all entries of its kind through
the loader as one source (`app-outcome-reviews`, `app-accountability`: CSV files regenerated
each time), so an entry is validated, versioned and replaced exactly like a row of an intake
file. An entry the loader refuses is taken back out of the store, so it never blocks the next.
"""

from __future__ import annotations

import contextlib
import fcntl
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import polars as pl

from atlas.state import connect
from etl.errors import LoadRefusedError
from etl.load import LoadReport, load

SOURCE_ID = "app-outcome-reviews"
ACCOUNTABILITY_SOURCE_ID = "app-accountability"
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
create table if not exists objective_scores (
    objective_id text not null,
    year integer not null,
    criterion text not null,
    score text not null,
    justification text not null,
    primary key (objective_id, year, criterion)
);
create table if not exists objective_lessons (
    objective_id text not null,
    year integer not null,
    kind text not null,
    evaluation text,
    text text not null,
    primary key (objective_id, year, kind)
);
"""
COLUMNS = ["outcome_id", "org_code", "verdict", "comment", "reviewed_on"]
SCORE_COLUMNS = ["objective_id", "year", "criterion", "score", "justification"]
LESSON_COLUMNS = ["objective_id", "year", "kind", "evaluation", "text"]


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
            return _publish_reviews(state_path, db_path, by)
        except LoadRefusedError:
            with connect(state_path, SCHEMA) as db:
                db.execute(
                    "delete from outcome_reviews where outcome_id = ? and org_code = ?",
                    (outcome_id, org_code),
                )
                if previous is not None:
                    db.execute("insert into outcome_reviews values (?, ?, ?, ?, ?, ?)", previous)
            raise


# Fixed statements per table: names never come from input.
_SELECT = {
    "outcome_reviews": "select outcome_id, org_code, verdict, comment, reviewed_on"
    " from outcome_reviews order by outcome_id, org_code",
    "objective_scores": "select objective_id, year, criterion, score, justification"
    " from objective_scores order by objective_id, year, criterion",
    "objective_lessons": "select objective_id, year, kind, evaluation, text"
    " from objective_lessons order by objective_id, year, kind",
}
_COLUMNS = {
    "outcome_reviews": COLUMNS,
    "objective_scores": SCORE_COLUMNS,
    "objective_lessons": LESSON_COLUMNS,
}


def record_accountability(
    state_path: Path,
    db_path: Path,
    objective_id: str,
    year: int,
    scores: dict[str, tuple[str, str]],
    lessons: dict[str, tuple[str | None, str]],
    by: str,
) -> LoadReport:
    """Keep an objective's scores ({criterion: (score, justification)}) and lessons ({kind:
    (evaluation, text)}) for a year, replacing what was entered before for it, and publish."""
    key = (objective_id, year)
    with _locked(state_path):
        with connect(state_path, SCHEMA) as db:
            old_scores = db.execute(
                "select * from objective_scores where objective_id = ? and year = ?", key
            ).fetchall()
            old_lessons = db.execute(
                "select * from objective_lessons where objective_id = ? and year = ?", key
            ).fetchall()
            _store(
                db, key, [(c, *v) for c, v in scores.items()], [(k, *v) for k, v in lessons.items()]
            )
        try:
            return _publish(
                state_path,
                db_path,
                ACCOUNTABILITY_SOURCE_ID,
                {
                    name: _table(state_path, name)
                    for name in ("objective_scores", "objective_lessons")
                },
                by,
            )
        except LoadRefusedError:
            with connect(state_path, SCHEMA) as db:
                _store(db, key, [r[2:] for r in old_scores], [r[2:] for r in old_lessons])
            raise


def _store(
    db: sqlite3.Connection,
    key: tuple[str, int],
    scores: list[tuple[object, ...]],
    lessons: list[tuple[object, ...]],
) -> None:
    """Replace one objective's year: (criterion, score, justification) and (kind, evaluation,
    text) rows."""
    db.execute("delete from objective_scores where objective_id = ? and year = ?", key)
    db.execute("delete from objective_lessons where objective_id = ? and year = ?", key)
    db.executemany(
        "insert into objective_scores values (?, ?, ?, ?, ?)", [(*key, *row) for row in scores]
    )
    db.executemany(
        "insert into objective_lessons values (?, ?, ?, ?, ?)",
        [(*key, row[0], row[1] or None, row[2]) for row in lessons],
    )


def _table(state_path: Path, name: str) -> pl.DataFrame:
    with connect(state_path, SCHEMA) as db:
        rows = db.execute(_SELECT[name]).fetchall()
    return pl.DataFrame(
        [[None if v is None else str(v) for v in row] for row in rows],
        schema=dict.fromkeys(_COLUMNS[name], pl.Utf8),
        orient="row",
    )


def _publish_reviews(state_path: Path, db_path: Path, by: str) -> LoadReport:
    frame = _table(state_path, "outcome_reviews")
    return _publish(state_path, db_path, SOURCE_ID, {"outcome_reviews": frame}, by)


def _publish(
    state_path: Path,
    db_path: Path,
    source_id: str,
    frames: dict[str, pl.DataFrame],
    by: str,
) -> LoadReport:
    """Write each sheet as a CSV in the source's folder and load the folder as one source."""
    folder = state_path.parent / "app-sources" / source_id
    folder.mkdir(parents=True, exist_ok=True)
    for sheet, frame in frames.items():
        frame.with_columns(pl.lit("entered in the app").alias("source")).write_csv(
            folder / f"{sheet}.csv"
        )
    return load([folder], db_path, loaded_by=by)


@contextlib.contextmanager
def _locked(state_path: Path) -> Iterator[None]:
    """One entry at a time per store, across workers: the CSV files and their load go together
    (a lock of its own: the loader takes the warehouse's lock inside it)."""
    state_path.parent.mkdir(parents=True, exist_ok=True)
    with state_path.with_name(state_path.name + ".entries.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
