"""Change agents review the outcome statements that name them: through the app, published by the
loader, shown with the outcome; nobody else can review on their behalf."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from etl.app_entries import SOURCE_ID, record_review
from etl.errors import LoadRefusedError
from tests.serving import (
    add_test_user,
    free_port,
    gunicorn_command,
    post_callback,
    serve,
    signed_in,
)
from warehouse import query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.viewer import STAFF

OUTCOME = "OC-2016-003"  # CSC organised market vendors: CSC-CD is its change agent


@pytest.fixture
def live(sample_warehouse: Path, tmp_path: Path) -> tuple[Path, Path]:
    db = tmp_path / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    return db, tmp_path / "state.sqlite"


def reviews(db: Path, outcome_id: str) -> list[dict[str, object]]:
    with ReadOnlyWarehouse(db).lease() as lease:
        return query.run(lease.cursor, "outcome_reviews", STAFF, outcome_id=outcome_id).to_dicts()


def test_a_review_is_published_through_the_loader_and_replaced_by_the_next(
    live: tuple[Path, Path],
) -> None:
    db, state = live
    report = record_review(state, db, OUTCOME, "CSC-CD", "corrected", "Taxes fell 25%.", "csc")
    assert report.load_id is not None and SOURCE_ID in report.sources
    [review] = reviews(db, OUTCOME)
    assert (review["acronym"], review["verdict"], review["comment"]) == (
        "CSC",
        "corrected",
        "Taxes fell 25%.",
    )
    record_review(state, db, OUTCOME, "CSC-CD", "confirmed", "", "csc")
    [review] = reviews(db, OUTCOME)
    assert (review["verdict"], review["comment"]) == ("confirmed", None)


def test_a_refused_review_is_taken_back(live: tuple[Path, Path]) -> None:
    db, state = live
    record_review(state, db, OUTCOME, "CSC-CD", "confirmed", "", "csc")
    with pytest.raises(LoadRefusedError) as refused:
        record_review(state, db, "OC-2099-999", "CSC-CD", "confirmed", "", "csc")
    assert "OC-2099-999" in str(refused.value.problems[0])
    # The next review publishes: the refused one did not stay behind to block it.
    record_review(state, db, OUTCOME, "CSC-CD", "disputed", "Not our doing.", "csc")
    assert [r["verdict"] for r in reviews(db, OUTCOME)] == ["disputed"]


def review_request(outcome_id: str, verdict: str = "confirmed") -> bytes:
    return json.dumps(
        {
            "output": "review-result.children",
            "outputs": {"id": "review-result", "property": "children"},
            "inputs": [{"id": "review-send", "property": "n_clicks", "value": 1}],
            "changedPropIds": ["review-send.n_clicks"],
            "state": [
                {"id": "review-outcome", "property": "data", "value": outcome_id},
                {"id": "review-verdict", "property": "value", "value": verdict},
                {"id": "review-comment", "property": "value", "value": "Seen and agreed."},
                {"id": "url", "property": "search", "value": ""},
            ],
        }
    ).encode()


@pytest.fixture
def app(live: tuple[Path, Path]) -> Iterator[str]:
    db, state = live
    add_test_user(state, "csc", "partner", "CSC-CD")
    add_test_user(state, "ndwf", "partner", "NDWF-IN")
    add_test_user(state, "officer", "staff")
    port = free_port()
    env = {"ATLAS_DB": str(db), "ATLAS_STATE": str(state)}
    with serve(gunicorn_command(port), env, port, ready_path="/login") as url:
        yield url


def test_only_the_named_change_agent_reviews_through_the_app(
    app: str, live: tuple[Path, Path]
) -> None:
    db, _ = live
    # neither a partner the statement does not name, nor staff, nor an invented verdict
    assert post_callback(signed_in(app, "ndwf"), app, review_request(OUTCOME))[0] == 204
    assert post_callback(signed_in(app, "officer"), app, review_request(OUTCOME))[0] == 204
    assert post_callback(signed_in(app, "csc"), app, review_request(OUTCOME, "invented"))[0] == 204
    assert reviews(db, OUTCOME) == []
    assert post_callback(signed_in(app, "csc"), app, review_request(OUTCOME))[0] == 200
    [review] = reviews(db, OUTCOME)
    assert (review["org_code"], review["comment"]) == ("CSC-CD", "Seen and agreed.")
