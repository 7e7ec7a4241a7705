"""The sample programme history: records from the seed documents plus flagged illustrations.

`sample_records()` returns every intake sheet's rows; `write_sample(out)` writes them as one
Excel workbook, the way staff keep their records, which `atlas load` reads back.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from etl.sample import documented
from etl.sample.illustrative import generate
from etl.workbook import write_workbook

SAMPLE_WORKBOOK = "programme_history.xlsx"
SAMPLE_SOURCE = "sample-programme-history"


def sample_records(seed: int = 2026) -> dict[str, list[dict[str, object]]]:
    illustrative = asdict(generate(seed))
    real = {
        "organisations": documented.ORGANISATIONS,
        "programmes": documented.PROGRAMMES,
        "programme_themes": documented.PROGRAMME_THEMES,
        "country_risk": documented.COUNTRY_RISK,
        "exchanges": documented.EXCHANGES,
        "exchange_participants": documented.EXCHANGE_PARTICIPANTS,
        "innovation_plans": documented.INNOVATION_PLANS,
        "plan_status_changes": documented.PLAN_STATUS_CHANGES,
        "plan_exchanges": documented.PLAN_EXCHANGES,
        "outcomes": documented.OUTCOMES,
        "outcome_change_agents": documented.OUTCOME_CHANGE_AGENTS,
        "outcome_exchanges": documented.OUTCOME_EXCHANGES,
        "outcome_plans": documented.OUTCOME_PLANS,
    }
    sheets = set(real) | set(illustrative)
    return {name: list(real.get(name, [])) + list(illustrative.get(name, [])) for name in sheets}


def write_sample(out_dir: Path, seed: int = 2026) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / SAMPLE_WORKBOOK
    write_workbook(path, sample_records(seed), source_id=SAMPLE_SOURCE)
    return path
