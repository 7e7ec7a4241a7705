"""A tiny, complete set of intake records: one or two of each entity, every optional field filled.

Small enough to read, big enough that every warehouse check has a row to break.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from etl.contract import SHEETS

PROVENANCE = {"source": "test fixture", "estimated": None, "is_illustrative": True}


def minimal_records() -> dict[str, list[dict[str, object]]]:
    return {
        "organisations": [
            {
                "org_code": "CDT-MA",
                "acronym": "CDT",
                "name": "Confédération Démocratique du Travail",
                "country_code": "MA",
                "org_type": "confederation",
                "role": "partner",
                **PROVENANCE,
            },
            {
                "org_code": "CNT-NE",
                "acronym": "CNT",
                "name": "Confédération Nigérienne du Travail",
                "country_code": "NE",
                "org_type": "confederation",
                "role": "partner",
                **PROVENANCE,
            },
            {
                "org_code": "WSM",
                "acronym": "WSM",
                "name": "We Social Movements",
                "country_code": "BE",
                "org_type": "movement",
                "role": "lead_organisation",
                **PROVENANCE,
            },
        ],
        "programmes": [
            {
                "programme_code": "2012-2016",
                "name": "South-South Exchange",
                "start_date": date(2012, 1, 1),
                "end_date": date(2016, 12, 31),
                "funder": "DGD",
                "lead_org_code": None,
                "iati_identifier": None,
                "lead_iati_identifier": None,
                "description": "first",
                **PROVENANCE,
            },
            {
                "programme_code": "2017-2021",
                "name": "Second phase",
                "start_date": date(2017, 1, 1),
                "end_date": date(2021, 12, 31),
                "funder": "DGD",
                "lead_org_code": "WSM",
                "iati_identifier": "BE-X-1",
                "lead_iati_identifier": "BE-W-1",
                "description": "second",
                **PROVENANCE,
            },
        ],
        "programme_themes": [
            {
                "programme_code": "2012-2016",
                "theme_code": "gender",
                "name": "Gender",
                "canonical_theme": "gender",
                **PROVENANCE,
            },
            {
                "programme_code": "2017-2021",
                "theme_code": "gender",
                "name": "Gender",
                "canonical_theme": "gender",
                **PROVENANCE,
            },
        ],
        "target_groups": [
            {
                "programme_code": "2012-2016",
                "target_group_code": "women",
                "name": "Women workers",
                **PROVENANCE,
            },
        ],
        "country_risk": [
            {"country_code": "NE", "high_risk": True, "basis": "fixture", **PROVENANCE},
        ],
        "specific_objectives": [
            {
                "objective_id": "SO-1",
                "programme_code": "2017-2021",
                "title": "Objective",
                "country_code": "NE",
                "theme_code": "gender",
                "iati_identifier": "BE-X-1-SO1",
                "visibility": "public",
                **PROVENANCE,
            },
        ],
        "exchanges": [
            {
                "exchange_id": "EX-2014-001",
                "programme_code": "2012-2016",
                "modality": "partner_visit",
                "title": "CNT visits CDT",
                "theme_code": "gender",
                "start_date": date(2014, 3, 3),
                "end_date": date(2014, 3, 8),
                "host_org_code": "CDT-MA",
                "demand": "women's representation",
                "initiated_by": "partner",
                "cost_eur": 12000.0,
                "visibility": "network",
                **PROVENANCE,
            },
        ],
        "exchange_participants": [
            {
                "exchange_id": "EX-2014-001",
                "org_code": "CDT-MA",
                "role": "host",
                "participations": 4,
                "women": 2,
                "youth": 1,
                "political_leaders": 1,
                "staff": 2,
                "militants": 1,
                "persons": 4,
                "source": "fixture",
                "estimated": None,
            },
            {
                "exchange_id": "EX-2014-001",
                "org_code": "CNT-NE",
                "role": "visiting",
                "participations": 7,
                "women": 3,
                "youth": 2,
                "political_leaders": 2,
                "staff": 3,
                "militants": 2,
                "persons": 7,
                "source": "fixture",
                "estimated": None,
            },
        ],
        "innovation_plans": [
            {
                "plan_id": "IP-1",
                "programme_code": "2012-2016",
                "org_code": "CNT-NE",
                "theme_code": "gender",
                "title": "Women in congress",
                "visibility": "network",
                **PROVENANCE,
            },
        ],
        "plan_status_changes": [
            {
                "plan_id": "IP-1",
                "status": "draft",
                "changed_on": date(2014, 4, 1),
                "source": "fixture",
                "estimated": None,
            },
            {
                "plan_id": "IP-1",
                "status": "adopted",
                "changed_on": date(2014, 6, 1),
                "source": "fixture",
                "estimated": None,
            },
            {
                "plan_id": "IP-1",
                "status": "in_progress",
                "changed_on": date(2014, 9, 1),
                "source": "fixture",
                "estimated": None,
            },
            {
                "plan_id": "IP-1",
                "status": "implemented",
                "changed_on": date(2015, 9, 1),
                "source": "fixture",
                "estimated": None,
            },
        ],
        "plan_exchanges": [{"plan_id": "IP-1", "exchange_id": "EX-2014-001"}],
        "outcomes": [
            {
                "outcome_id": "OC-1",
                "programme_code": "2012-2016",
                "social_actor": "CNT congress",
                "theme_code": "gender",
                "level": "institutional",
                "outcome_type": "internal_policy",
                "observed_on": date(2015, 11, 1),
                "description": "A minimum share of women.",
                "significance": "s",
                "contribution": "c",
                "other_actors": "o",
                "is_positive": True,
                "is_intended": True,
                "substantiation_status": "substantiated",
                "substantiator_role": "evaluator",
                "substantiation_sources": "HIVA",
                "evidence_documents": "brief",
                "harvested_by": "evaluator",
                "harvested_on": date(2016, 6, 1),
                "language": "en",
                "public_description": "p",
                "visibility": "public",
                **PROVENANCE,
            },
        ],
        "outcome_change_agents": [{"outcome_id": "OC-1", "org_code": "CNT-NE"}],
        "outcome_exchanges": [{"outcome_id": "OC-1", "exchange_id": "EX-2014-001"}],
        "outcome_plans": [{"outcome_id": "OC-1", "plan_id": "IP-1"}],
        "outcome_translations": [
            {
                "outcome_id": "OC-1",
                "language": "fr",
                "description": "Le congrès a adopté un quota de femmes.",
                "significance": None,
                "contribution": None,
                "translated_by": "IIWE staff",
                "source": "fixture",
                "estimated": None,
            }
        ],
        "objective_scores": [
            {
                "objective_id": "SO-1",
                "year": 2023,
                "criterion": "effectiveness",
                "score": "b",
                "justification": "Two of three targets met.",
                "source": "fixture",
                "estimated": None,
            }
        ],
        "objective_lessons": [
            {
                "objective_id": "SO-1",
                "year": 2023,
                "kind": "management_response",
                "evaluation": "Mid-term evaluation",
                "text": "We agree and will plan visits earlier.",
                "source": "fixture",
                "estimated": None,
            }
        ],
        "outcome_reviews": [
            {
                "outcome_id": "OC-1",
                "org_code": "CNT-NE",
                "verdict": "corrected",
                "comment": "Congress quota is 30%, not 25%.",
                "reviewed_on": date(2017, 1, 10),
                "source": "fixture",
                "estimated": None,
            }
        ],
        "objective_countries": [
            {
                "objective_id": "SO-1",
                "country_code": "NE",
                "percentage": 100.0,
                "source": "fixture",
                "estimated": None,
            },
        ],
        "results": [
            {
                "result_id": "RES-1",
                "programme_code": "2017-2021",
                "objective_id": "SO-1",
                "title": "Women lead their unions",
                "result_type": "outcome",
                "description": "d",
                "visibility": "public",
                **PROVENANCE,
            },
        ],
        "indicators": [
            {
                "indicator_id": "IND-1",
                "programme_code": "2017-2021",
                "objective_id": "SO-1",
                "result_id": "RES-1",
                "name": "Share of women",
                "measure_type": "percentage",
                "direction": "ascending",
                "aggregation": "latest",
                "unit": "%",
                "baseline_year": 2016,
                "baseline_value": 10.0,
                "baseline_comment": "b",
                "visibility": "public",
                **PROVENANCE,
            },
        ],
        "indicator_values": [
            {
                "indicator_id": "IND-1",
                "year": 2018,
                "kind": "target",
                "period_start": date(2018, 1, 1),
                "period_end": date(2018, 12, 31),
                "value": 20.0,
                "comment": "t",
                "source": "fixture",
                "estimated": None,
            },
            {
                "indicator_id": "IND-1",
                "year": 2018,
                "kind": "actual",
                "period_start": date(2018, 1, 1),
                "period_end": date(2018, 12, 31),
                "value": 18.0,
                "comment": "a",
                "source": "fixture",
                "estimated": None,
            },
        ],
        "budgets": [
            {
                "budget_line_id": "BL-1",
                "programme_code": "2017-2021",
                "year": 2018,
                "country_code": "NE",
                "kind": "budget",
                "amount_eur": 50000.0,
                "visibility": "public",
                **PROVENANCE,
            },
        ],
    }


def write_staging(connection: duckdb.DuckDBPyConnection, records: dict[str, list[dict]]) -> None:
    """Insert records straight into the staging tables (the loader's own path is tested apart)."""
    for sheet in SHEETS:
        rows = records.get(sheet.name, [])
        if not rows:
            continue
        frame = pl.DataFrame(rows)
        connection.register("incoming", frame)
        columns = ", ".join(c.name for c in sheet.columns)
        connection.execute(
            f"insert into {sheet.staging_table} ({columns}, _file, _sheet, _row, _load_id, _source)"
            f" select {columns}, 'fixture', '{sheet.name}', 0, 0, 'fixture' from incoming"
        )
        connection.unregister("incoming")


# An outcome written in Spanish with a French translation, loaded over a copy of the sample.
SPANISH = "La CUT negoció un convenio colectivo para las vendedoras de los mercados de Cali."
FRENCH = "La CUT a négocié une convention collective pour les vendeuses des marchés de Cali."
TRANSLATED_OUTCOME = {
    "outcomes.csv": "outcome_id,programme_code,social_actor,theme_code,level,outcome_type,"
    "observed_on,description,language,substantiation_status\n"
    "OC-2019-950,2017-2021,Vendedoras de Cali,informal_economy,policy,campaign,2019-06-01,"
    f'"{SPANISH}",es,substantiated\n',
    "outcome_change_agents.csv": "outcome_id,org_code\nOC-2019-950,CDT-CO\n",
    "outcome_translations.csv": "outcome_id,language,description,translated_by\n"
    f'OC-2019-950,fr,"{FRENCH}",IIWE staff\n',
}


def warehouse_with_translated_outcome(sample_warehouse: Path, folder: Path) -> Path:
    """A copy of the sample warehouse in `folder`, with TRANSLATED_OUTCOME loaded into it."""
    from tests.conftest import atlas

    db = folder / "atlas.duckdb"
    shutil.copyfile(sample_warehouse, db)
    source = folder / "spanish-outcome"
    source.mkdir()
    for name, text in TRANSLATED_OUTCOME.items():
        (source / name).write_text(text, encoding="utf-8")
    loaded = atlas("load", "--db", str(db), str(source))
    assert loaded.returncode == 0, loaded.stderr
    return db
