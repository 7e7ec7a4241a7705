"""The practice finder on the seeds' real cases, against decoys built to tempt it.

The warehouse holds the documented records of the HIVA brief plus three decoy organisations in
Africa (the asking unions' own region): one with many positive but unsubstantiated outcomes and
a hosted exchange on each theme, one with only negative (substantiated) outcomes, and one with
many substantiated outcomes on another theme. All three use the challenges' very words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pytest

from etl.sample import documented
from etl.workbook import write_workbook
from tests.conftest import atlas
from warehouse import query
from warehouse.codes import CODE_LISTS
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


REAL = {
    "organisations": documented.ORGANISATIONS,
    "programmes": documented.PROGRAMMES,
    "programme_themes": documented.PROGRAMME_THEMES,
    "exchanges": documented.EXCHANGES,
    "exchange_participants": documented.EXCHANGE_PARTICIPANTS,
    "outcomes": documented.OUTCOMES,
    "outcome_change_agents": documented.OUTCOME_CHANGE_AGENTS,
    "outcome_exchanges": documented.OUTCOME_EXCHANGES,
}


Records = dict[str, list[dict[str, object]]]


def with_real(extra: Records) -> Records:
    """The sample's documented records and `extra`."""
    return {name: [*rows, *extra.get(name, [])] for name, rows in REAL.items()}


@contextmanager
def loaded(folder: Path, extra: Records) -> Iterator[duckdb.DuckDBPyConnection]:
    """The sample's documented records and `extra`, loaded through `atlas load`."""
    records = with_real(extra)
    write_workbook(folder / "records.xlsx", records, source_id="practice-decoys")
    db = folder / "atlas.duckdb"
    result = atlas("load", "--db", str(db), str(folder / "records.xlsx"))
    assert result.returncode == 0, result.stdout + result.stderr
    with ReadOnlyWarehouse(db).lease() as lease:
        yield lease.cursor


@pytest.fixture(scope="module")
def cursor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    with loaded(tmp_path_factory.mktemp("practices"), decoys()) as cursor:
        yield cursor


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


KINDS = ["substantiated", "partly_substantiated", "unsubstantiated", "negative", "hosted"]
THEMES = [c.code for c in CODE_LISTS["canonical_theme"]]


def on_theme(records: Records, theme: str) -> Callable[[dict[str, object]], bool]:
    """Whether an exchange or an outcome is on `theme`, as its programme names its theme."""
    canonical = {
        (t["programme_code"], t["theme_code"]): t["canonical_theme"]
        for t in records["programme_themes"]
    }
    return lambda record: canonical[(record["programme_code"], record["theme_code"])] == theme


def counted_from_records(records: Records, theme: str) -> dict[str, dict[str, int]]:
    """What practice_candidates counts, counted from the records themselves: an outcome on the
    theme counts once for each of its change agents and each host of an exchange on the theme
    that it followed, once however many ways it reaches an organisation."""
    theme_of = on_theme(records, theme)
    exchanges = {e["exchange_id"]: e for e in records["exchanges"] if theme_of(e)}
    reached: defaultdict[str, set[object]] = defaultdict(set)
    for agent in records["outcome_change_agents"]:
        reached[str(agent["outcome_id"])].add(agent["org_code"])
    for link in records["outcome_exchanges"]:
        if link["exchange_id"] in exchanges:
            reached[str(link["outcome_id"])].add(exchanges[link["exchange_id"]]["host_org_code"])
    counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for outcome in records["outcomes"]:
        if not theme_of(outcome):
            continue
        status = outcome.get("substantiation_status")
        kind = (
            "negative"
            if not outcome["is_positive"]
            else status
            if status in ("substantiated", "partly_substantiated")
            else "unsubstantiated"
        )
        for org in reached[str(outcome["outcome_id"])]:
            counts[str(org)][kind] += 1
    for exchange in exchanges.values():
        counts[str(exchange["host_org_code"])]["hosted"] += 1
    roles = {o["org_code"]: o["role"] for o in records["organisations"]}
    return {
        org: {kind: found[kind] for kind in KINDS}
        for org, found in counts.items()
        if roles[org] in ("partner", "expert", "other")
    }


def shown_evidence(
    cursor: duckdb.DuckDBPyConnection, theme: str, organisations: list[str], per_kind: int
) -> set[tuple[str, str, str, str | None]]:
    """What practice_evidence shows: organisation, kind, record and the exchanges it followed."""
    evidence = query.run(
        cursor,
        "practice_evidence",
        STAFF,
        theme=theme,
        organisations=organisations,
        illustrative=None,
        per_kind=per_kind,
    )
    return set(evidence.select("org_code", "kind", "record_id", "via_exchanges").iter_rows())


def candidates(cursor: duckdb.DuckDBPyConnection, theme: str) -> dict[str, dict[str, int]]:
    found = query.run(
        cursor,
        "practice_candidates",
        STAFF,
        theme=theme,
        asking_org="none",  # nobody is left out
        terms=["organising"],
        illustrative=None,
    )
    return {row["org_code"]: {k: row[k] for k in KINDS} for row in found.iter_rows(named=True)}


@pytest.mark.parametrize("theme", THEMES)
def test_candidates_count_what_the_records_hold(
    cursor: duckdb.DuckDBPyConnection, theme: str
) -> None:
    records = with_real(decoys())
    expected = counted_from_records(records, theme)
    assert expected  # every theme has someone to suggest
    assert candidates(cursor, theme) == expected


def twice_hosted() -> dict[str, list[dict[str, object]]]:
    """One outcome that followed two exchanges of one host in different years (two exchange
    groups, one host group), and one its own change agent also hosted."""
    exchanges = [
        {
            "exchange_id": f"EX-TWICE-{year}",
            "programme_code": "2012-2016",
            "modality": "partner_visit",
            "title": "Visit on organising domestic workers",
            "theme_code": "domestic_work",
            "start_date": date(year, 5, 4),
            "end_date": date(year, 5, 8),
            "host_org_code": org,
            "source": "test decoy",
        }
        for year, org in [(2014, "DEC-HOST"), (2015, "DEC-HOST"), (2016, "DEC-AGENT")]
    ]
    outcomes = [
        _outcome(f"OC-TWICE-{n}", "domestic_work", positive=True, status="substantiated", text="x")
        for n in range(2)
    ]
    # newer, but shown after the substantiated ones
    newer = _outcome("OC-TWICE-2", "domestic_work", positive=True, status="in_progress", text="x")
    outcomes.append({**newer, "observed_on": date(2016, 6, 1)})
    return {
        "organisations": [_org("DEC-HOST", "GH"), _org("DEC-AGENT", "SN")],
        "exchanges": exchanges,
        "outcomes": outcomes,
        "outcome_change_agents": [
            {"outcome_id": "OC-TWICE-0", "org_code": "DEC-AGENT"},
            {"outcome_id": "OC-TWICE-1", "org_code": "DEC-AGENT"},
            {"outcome_id": "OC-TWICE-2", "org_code": "DEC-AGENT"},
        ],
        "outcome_exchanges": [
            {"outcome_id": "OC-TWICE-0", "exchange_id": "EX-TWICE-2014"},
            {"outcome_id": "OC-TWICE-0", "exchange_id": "EX-TWICE-2015"},
            {"outcome_id": "OC-TWICE-1", "exchange_id": "EX-TWICE-2016"},
        ],
    }


def test_an_outcome_reaching_an_organisation_twice_counts_and_shows_once(tmp_path: Path) -> None:
    extra = twice_hosted()
    records = with_real(extra)
    with loaded(tmp_path, extra) as cursor:
        found = candidates(cursor, "domestic_work")
        shown = shown_evidence(cursor, "domestic_work", ["DEC-HOST", "DEC-AGENT"], per_kind=2)
    assert found["DEC-HOST"] == {
        "substantiated": 1,  # OC-TWICE-0, after both of its exchanges
        "partly_substantiated": 0,
        "unsubstantiated": 0,
        "negative": 0,
        "hosted": 2,
    }
    assert found["DEC-AGENT"]["substantiated"] == 2  # claimed both, hosted one of them
    assert found == counted_from_records(records, "domestic_work")
    assert shown == {
        ("DEC-HOST", "outcome", "OC-TWICE-0", "EX-TWICE-2014, EX-TWICE-2015"),
        ("DEC-HOST", "exchange", "EX-TWICE-2015", None),
        ("DEC-HOST", "exchange", "EX-TWICE-2014", None),
        ("DEC-AGENT", "outcome", "OC-TWICE-0", None),
        ("DEC-AGENT", "outcome", "OC-TWICE-1", "EX-TWICE-2016"),
        ("DEC-AGENT", "exchange", "EX-TWICE-2016", None),
    }
    assert {r for r in shown if r[0].startswith("DEC")} <= evidence_from_records(
        records, "domestic_work", per_kind=2
    )


def crowded() -> dict[str, list[dict[str, object]]]:
    """Twelve alike outcomes that followed one exchange of the organisation that claims them:
    more than the ten newest that each set of alike records keeps."""
    alike = _outcome("OC-CROWD", "gender", positive=True, status="substantiated", text="x")
    outcomes = [
        {**alike, "outcome_id": f"OC-CROWD-{n:02}", "observed_on": date(2016, 1, 1 + n)}
        for n in range(12)
    ]
    return {
        "organisations": [_org("DEC-HOST", "GH")],
        "exchanges": [
            {
                "exchange_id": "EX-CROWD",
                "programme_code": "2012-2016",
                "modality": "partner_visit",
                "title": "Visit on organising women workers",
                "theme_code": "gender",
                "start_date": date(2015, 5, 4),
                "end_date": date(2015, 5, 8),
                "host_org_code": "DEC-HOST",
                "source": "test decoy",
            }
        ],
        "outcomes": outcomes,
        "outcome_change_agents": [
            {"outcome_id": o["outcome_id"], "org_code": "DEC-HOST"} for o in outcomes
        ],
        "outcome_exchanges": [
            {"outcome_id": o["outcome_id"], "exchange_id": "EX-CROWD"} for o in outcomes
        ],
    }


def test_the_newest_of_many_alike_outcomes_show_with_their_exchange(tmp_path: Path) -> None:
    extra = crowded()
    with loaded(tmp_path, extra) as cursor:
        shown = shown_evidence(cursor, "gender", ["DEC-HOST"], per_kind=10)
    assert shown == {
        *(("DEC-HOST", "outcome", f"OC-CROWD-{n:02}", "EX-CROWD") for n in range(2, 12)),
        ("DEC-HOST", "exchange", "EX-CROWD", None),
    }
    assert shown == {
        r for r in evidence_from_records(with_real(extra), "gender", 10) if r[0] == "DEC-HOST"
    }


def evidence_from_records(
    records: Records, theme: str, per_kind: int
) -> set[tuple[str, str, str, str | None]]:
    """What practice_evidence shows, chosen from the records themselves: per organisation, the
    newest outcomes on the theme it claims or that followed an exchange on the theme it hosted
    (substantiated positive ones first; with the exchanges of its own they followed), and the
    newest exchanges on the theme it hosted."""
    theme_of = on_theme(records, theme)
    exchanges = {e["exchange_id"]: e for e in records["exchanges"] if theme_of(e)}
    outcomes = {o["outcome_id"]: o for o in records["outcomes"] if theme_of(o)}
    via: defaultdict[tuple[object, object], set[str]] = defaultdict(set)  # (org, outcome)
    for link in records["outcome_exchanges"]:
        exchange = exchanges.get(link["exchange_id"])
        if exchange and link["outcome_id"] in outcomes:
            via[(exchange["host_org_code"], link["outcome_id"])].add(str(exchange["exchange_id"]))
    reached = {key for key in via} | {
        (a["org_code"], a["outcome_id"])
        for a in records["outcome_change_agents"]
        if a["outcome_id"] in outcomes
    }
    shown: set[tuple[str, str, str, str | None]] = set()
    for org in {org for org, _ in reached}:
        ids = [outcome for o, outcome in reached if o == org]
        first = sorted(
            ids,
            key=lambda i: (
                not (
                    outcomes[i]["is_positive"]
                    and outcomes[i]["substantiation_status"] == "substantiated"
                ),
                -date.toordinal(outcomes[i]["observed_on"]),  # type: ignore[arg-type]
                i,
            ),
        )[:per_kind]
        for i in first:
            through = ", ".join(sorted(via[(org, i)])) or None
            shown.add((str(org), "outcome", str(i), through))
    for org in {e["host_org_code"] for e in exchanges.values()}:
        hosted = [e for e in exchanges.values() if e["host_org_code"] == org]
        hosted.sort(key=lambda e: (-date.toordinal(e["start_date"]), e["exchange_id"]))  # type: ignore[arg-type]
        shown |= {(str(org), "exchange", str(e["exchange_id"]), None) for e in hosted[:per_kind]}
    return shown


@pytest.mark.parametrize("theme", THEMES)
def test_evidence_shows_what_the_records_hold(
    cursor: duckdb.DuckDBPyConnection, theme: str
) -> None:
    records = with_real(decoys())
    organisations = [str(o["org_code"]) for o in records["organisations"]]
    found = shown_evidence(cursor, theme, organisations, per_kind=2)
    expected = evidence_from_records(records, theme, per_kind=2)
    assert expected
    assert found == expected
