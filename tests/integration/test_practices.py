"""The practice finder on the seeds' real cases, against decoys built to tempt it.

The warehouse holds the documented records of the HIVA brief plus three decoy organisations in
Africa (the asking unions' own region): one with many positive but unsubstantiated outcomes and
a hosted exchange on each theme, one with only negative (substantiated) outcomes, and one with
many substantiated outcomes on another theme. All three use the challenges' very words.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import duckdb
import pytest

from etl.sample import documented
from etl.workbook import write_workbook
from tests.conftest import atlas
from warehouse import query
from warehouse.connection import ReadOnlyWarehouse
from warehouse.practices import Suggestion, rank, term_weights
from warehouse.search import search_terms
from warehouse.viewer import STAFF

TEXT = {
    "informal_economy": "organising market vendors",
    "domestic_work": "organising domestic workers",
}


def _org(code: str, country: str) -> dict[str, object]:
    return {
        "org_code": code,
        "acronym": code,
        "name": f"Decoy union {code}",
        "country_code": country,
        "org_type": "union",
        "role": "partner",
        "source": "test decoy",
    }


def _outcome(
    outcome_id: str, theme: str, *, positive: bool, status: str, text: str
) -> dict[str, object]:
    return {
        "outcome_id": outcome_id,
        "programme_code": "2012-2016",
        "social_actor": "Decoy members",
        "theme_code": theme,
        "level": "service_delivery",
        "outcome_type": "organising",
        "observed_on": date(2016, 3, 1),
        "description": f"The union reports {text}.",
        "is_positive": positive,
        "substantiation_status": status,
        "source": "test decoy",
    }


def decoys() -> dict[str, list[dict[str, object]]]:
    outcomes, agents, exchanges = [], [], []
    for theme, text in TEXT.items():
        exchanges.append(
            {
                "exchange_id": f"EX-DEC-{theme}",
                "programme_code": "2012-2016",
                "modality": "partner_visit",
                "title": f"Visit on {text}",
                "theme_code": theme,
                "start_date": date(2015, 5, 4),
                "end_date": date(2015, 5, 8),
                "host_org_code": "DEC-UNSUB",
                "demand": text,
                "source": "test decoy",
            }
        )
        for n in range(6):
            outcomes.append(
                _outcome(
                    f"OC-DEC-U-{theme}-{n}",
                    theme,
                    positive=True,
                    status="not_substantiated",
                    text=text,
                )
            )
            agents.append({"outcome_id": outcomes[-1]["outcome_id"], "org_code": "DEC-UNSUB"})
        for n in range(3):
            outcomes.append(
                _outcome(
                    f"OC-DEC-N-{theme}-{n}",
                    theme,
                    positive=False,
                    status="substantiated",
                    text=text,
                )
            )
            agents.append({"outcome_id": outcomes[-1]["outcome_id"], "org_code": "DEC-NEG"})
    for n in range(8):
        outcomes.append(
            _outcome(
                f"OC-DEC-O-{n}",
                "gender",
                positive=True,
                status="substantiated",
                text=" and ".join(TEXT.values()),
            )
        )
        agents.append({"outcome_id": outcomes[-1]["outcome_id"], "org_code": "DEC-OTHER"})
    return {
        "organisations": [_org("DEC-UNSUB", "GH"), _org("DEC-NEG", "SN"), _org("DEC-OTHER", "KE")],
        "exchanges": exchanges,
        "outcomes": outcomes,
        "outcome_change_agents": agents,
    }


@pytest.fixture(scope="module")
def cursor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    folder = tmp_path_factory.mktemp("practices")
    real = {
        "organisations": documented.ORGANISATIONS,
        "programmes": documented.PROGRAMMES,
        "programme_themes": documented.PROGRAMME_THEMES,
        "exchanges": documented.EXCHANGES,
        "exchange_participants": documented.EXCHANGE_PARTICIPANTS,
        "outcomes": documented.OUTCOMES,
        "outcome_change_agents": documented.OUTCOME_CHANGE_AGENTS,
        "outcome_exchanges": documented.OUTCOME_EXCHANGES,
    }
    extra = decoys()
    records = {name: [*rows, *extra.get(name, [])] for name, rows in real.items()}
    write_workbook(folder / "records.xlsx", records, source_id="practice-decoys")
    db = folder / "atlas.duckdb"
    result = atlas("load", "--db", str(db), str(folder / "records.xlsx"))
    assert result.returncode == 0, result.stdout + result.stderr
    with ReadOnlyWarehouse(db).lease() as lease:
        yield lease.cursor


def ask(cursor: duckdb.DuckDBPyConnection, org: str, theme: str) -> list[Suggestion]:
    terms = search_terms(TEXT[theme])
    found = query.run(
        cursor,
        "practice_candidates",
        STAFF,
        theme=theme,
        asking_org=org,
        terms=terms,
        illustrative=None,
    )
    weights = term_weights(query.run(cursor, "term_rarity", STAFF, terms=terms), terms)
    return rank(found, weights)


def test_csc_congo_on_the_informal_economy_gets_cstt_togo_first(
    cursor: duckdb.DuckDBPyConnection,
) -> None:
    ranked = ask(cursor, "CSC-CD", "informal_economy")
    # CSTT: 2 substantiated outcomes followed its exchange (3 × 2/3), 1 hosted exchange (1/2),
    # every word (2 × 1), Africa like CSC (0.5) = 5. The unsubstantiated decoy: its hosted
    # exchange (1/2), every word (2), region (0.5) = 3. The negative decoy: region only.
    assert [(s.org_code, round(s.score, 6)) for s in ranked] == [
        ("CSTT-TG", 5.0),
        ("DEC-UNSUB", 3.0),
        ("DEC-NEG", 0.5),
    ]
    assert ranked[0].matched_terms == ("market", "organising", "vendors")


def test_consawu_on_domestic_work_gets_ndwf_india_first(
    cursor: duckdb.DuckDBPyConnection,
) -> None:
    ranked = ask(cursor, "CONSAWU-ZA", "domestic_work")
    # NDWF: 4 substantiated outcomes after the exchange it hosted (3 × 4/5), that exchange (1/2),
    # every word (2), another region (0) = 4.9, above the African decoys.
    assert ranked[0].org_code == "NDWF-IN"
    assert ranked[0].score == pytest.approx(4.9)
    assert ranked[0].factors["region"] == 0.0
    assert "DEC-OTHER" not in [s.org_code for s in ranked]  # nothing on the theme


def test_the_asking_organisation_is_never_suggested(cursor: duckdb.DuckDBPyConnection) -> None:
    ranked = ask(cursor, "NDWF-IN", "domestic_work")
    assert "NDWF-IN" not in [s.org_code for s in ranked]
    assert ranked  # CONSAWU claims outcomes on domestic work


def test_evidence_names_the_outcomes_and_the_exchange(cursor: duckdb.DuckDBPyConnection) -> None:
    evidence = query.run(
        cursor,
        "practice_evidence",
        STAFF,
        theme="informal_economy",
        organisations=["CSTT-TG"],
        illustrative=None,
        per_kind=6,
    )
    assert sorted(evidence["record_id"]) == ["EX-2015-001", "OC-2016-003", "OC-2016-004"]
    outcomes = evidence.filter(evidence["kind"] == "outcome")
    assert set(outcomes["via_exchanges"]) == {"EX-2015-001"}


def test_evidence_is_cut_to_the_latest_per_kind(cursor: duckdb.DuckDBPyConnection) -> None:
    evidence = query.run(
        cursor,
        "practice_evidence",
        STAFF,
        theme="domestic_work",
        organisations=["DEC-UNSUB", "NDWF-IN"],
        illustrative=None,
        per_kind=2,
    )
    counts = evidence.group_by("org_code", "kind").len()
    assert counts["len"].max() == 2  # DEC-UNSUB claims 6 outcomes on domestic work
    ndwf = evidence.filter((evidence["org_code"] == "NDWF-IN") & (evidence["kind"] == "outcome"))
    assert set(ndwf["substantiation_status"]) == {"substantiated"}
