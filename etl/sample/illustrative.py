"""Illustrative records, made up so every page has something to show; each is flagged so.

Deterministic for a given seed. They reuse the real organisations, so every text says plainly
that it is an illustration, and the app marks every figure that includes them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from etl.sample.documented import FIVE_THEMES, Record

ILLUSTRATIVE = {"is_illustrative": True, "source": "illustrative sample", "estimated": None}
TODAY = date(2026, 11, 24)  # fixed, so the sample does not change with the clock

PARTNERS = [
    "CDT-MA",
    "CDT-CO",
    "CLC-KH",
    "CNT-NE",
    "CONSAWU-ZA",
    "CSC-CD",
    "CTH-HT",
    "KSBSI-ID",
    "NDWF-IN",
    "UGT-BR",
    "CSTT-TG",
]
# Skewed: some partners host and travel far more often than others.
PARTNER_WEIGHTS = [6, 4, 5, 3, 6, 5, 1, 5, 4, 4, 2]
ORG_COUNTRY = {
    "CDT-MA": "MA",
    "CDT-CO": "CO",
    "CLC-KH": "KH",
    "CNT-NE": "NE",
    "CONSAWU-ZA": "ZA",
    "CSC-CD": "CD",
    "CTH-HT": "HT",
    "KSBSI-ID": "ID",
    "NDWF-IN": "IN",
    "UGT-BR": "BR",
    "CSTT-TG": "TG",
}
MODALITIES = [
    "partner_visit",
    "continental_seminar",
    "international_seminar",
    "expert_mission",
    "study_visit",
    "joint_action",
]
MODALITY_WEIGHTS = {
    "2012-2016": [6, 2, 1, 2, 0, 0],
    "2017-2021": [5, 2, 1, 3, 1, 3],
    "2022-2026": [4, 2, 1, 3, 2, 4],
}
THEMES_2022: list[tuple[str, str, str | None]] = [
    ("gender_equality", "Gender equality", "gender"),
    ("informal_economy", "Informal economy", "informal_economy"),
    ("domestic_work", "Domestic work", "domestic_work"),
    ("union_rights", "Trade union rights and freedoms", "trade_union_rights"),
    ("just_transition", "Just transition", "environment_climate"),
    # A new theme with no counterpart among the five: comparisons say "not comparable".
    ("social_dialogue", "Social dialogue", None),
]
LEVEL_TYPES = {
    "service_delivery": ["training_module", "service", "organising", "campaign"],
    "policy": ["collective_agreement", "law_or_regulation", "government_agreement"],
    "institutional": ["tripartite_body", "labour_inspection", "public_body", "internal_policy"],
}
ACTION = {
    "training_module": "adopted a new training module",
    "service": "opened a legal support service",
    "organising": "organised a new group of workers",
    "campaign": "ran a campaign",
    "collective_agreement": "signed a collective agreement",
    "law_or_regulation": "saw a regulation adopted after its lobby",
    "government_agreement": "reached an agreement with local authorities",
    "tripartite_body": "obtained a seat in a tripartite body",
    "labour_inspection": "obtained joint labour inspections",
    "public_body": "saw a public board set up",
    "internal_policy": "changed its internal policy",
}
VISIBILITIES = ["internal", "internal", "network", "public"]


@dataclass
class Illustrative:
    programme_themes: list[Record] = field(default_factory=list)
    target_groups: list[Record] = field(default_factory=list)
    specific_objectives: list[Record] = field(default_factory=list)
    exchanges: list[Record] = field(default_factory=list)
    exchange_participants: list[Record] = field(default_factory=list)
    innovation_plans: list[Record] = field(default_factory=list)
    plan_status_changes: list[Record] = field(default_factory=list)
    plan_exchanges: list[Record] = field(default_factory=list)
    outcomes: list[Record] = field(default_factory=list)
    outcome_change_agents: list[Record] = field(default_factory=list)
    outcome_exchanges: list[Record] = field(default_factory=list)
    outcome_plans: list[Record] = field(default_factory=list)
    indicators: list[Record] = field(default_factory=list)
    indicator_values: list[Record] = field(default_factory=list)
    budgets: list[Record] = field(default_factory=list)


PROGRAMMES: dict[str, tuple[int, int, int, list[tuple[str, str, str | None]]]] = {
    # code: (first year, last year with data, exchanges to add, theme list)
    "2012-2016": (2012, 2016, 10, [(c, n, k) for c, n, k in FIVE_THEMES]),
    "2017-2021": (2017, 2021, 32, [(c, n, k) for c, n, k in FIVE_THEMES]),
    "2022-2026": (2022, 2026, 26, THEMES_2022),
}


def _day(rng: random.Random, year: int, last: date = TODAY) -> date:
    day = date(year, 1, 15) + timedelta(days=rng.randrange(330))
    return min(day, last - timedelta(days=30))


def _participants(rng: random.Random, exchange_id: str, modality: str, host: str) -> list[Record]:
    def row(org: str, role: str, size: int) -> Record:
        women = rng.randint(0, size)
        leaders = rng.randint(0, size // 2)
        staff = rng.randint(0, size - leaders)
        militants = size - leaders - staff
        return {
            "exchange_id": exchange_id,
            "org_code": org,
            "role": role,
            "participations": size,
            "women": women,
            "youth": rng.randint(0, size // 2),
            "political_leaders": leaders,
            "staff": staff,
            "militants": militants,
            "persons": None,
            **{k: v for k, v in ILLUSTRATIVE.items() if k != "is_illustrative"},
        }

    others = [p for p in PARTNERS if p != host]
    rows = [row(host, "host", rng.randint(2, 5))]
    if modality in ("partner_visit", "study_visit"):
        rows.append(
            row(
                rng.choices(others, [PARTNER_WEIGHTS[PARTNERS.index(o)] for o in others])[0],
                "visiting",
                rng.randint(6, 9),
            )
        )
    elif modality == "expert_mission":
        rows.append(row(rng.choice(others), "expert", rng.randint(1, 2)))
    elif modality == "joint_action":
        rows += [
            row(o, "visiting", rng.randint(2, 6)) for o in rng.sample(others, rng.randint(2, 4))
        ]
    else:  # seminars: one to three participants from each of several partners, IIWE facilitating
        count = rng.randint(4, 8) if modality == "continental_seminar" else len(others)
        rows += [row(o, "visiting", rng.randint(1, 3)) for o in rng.sample(others, count)]
        rows.append(row("IIWE-BE", "facilitator", rng.randint(1, 2)))
    return rows


def generate(seed: int = 2026) -> Illustrative:
    rng = random.Random(seed)
    out = Illustrative()
    for programme, (first, last, n_exchanges, themes) in PROGRAMMES.items():
        if programme != "2012-2016":
            out.programme_themes += [
                {
                    "programme_code": programme,
                    "theme_code": c,
                    "name": n,
                    "canonical_theme": k,
                    **ILLUSTRATIVE,
                }
                for c, n, k in themes
            ]
        out.target_groups += [
            {"programme_code": programme, "target_group_code": code, "name": name, **ILLUSTRATIVE}
            for code, name in [
                ("women", "Women workers"),
                ("youth", "Young workers"),
                ("informal", "Informal-economy workers"),
                ("domestic", "Domestic workers"),
            ]
        ]
        theme_codes = [c for c, _, _ in themes]
        _objectives_and_indicators(rng, out, programme, first, last, theme_codes)
        _budgets(rng, out, programme, first, last)
        for number in range(n_exchanges):
            year = first + number * (last - first + 1) // n_exchanges
            _exchange_with_consequences(rng, out, programme, year, number, theme_codes)
    return out


def _exchange_with_consequences(
    rng: random.Random,
    out: Illustrative,
    programme: str,
    year: int,
    number: int,
    theme_codes: list[str],
) -> None:
    modality = rng.choices(MODALITIES, MODALITY_WEIGHTS[programme])[0]
    host = rng.choices(PARTNERS, PARTNER_WEIGHTS)[0]
    theme = rng.choice(theme_codes)
    start = _day(rng, year)
    days = {"partner_visit": 6, "study_visit": 5, "expert_mission": 10, "joint_action": 2}.get(
        modality, 4
    )
    exchange_id = f"EX-{year}-{101 + number}"
    visibility = rng.choice(VISIBILITIES)
    out.exchanges.append(
        {
            "exchange_id": exchange_id,
            "programme_code": programme,
            "modality": modality,
            "title": f"Illustrative {modality.replace('_', ' ')} hosted by {host.split('-')[0]}",
            "theme_code": theme,
            "start_date": start,
            "end_date": start + timedelta(days=days - 1),
            "host_org_code": host,
            "demand": "Illustrative demand.",
            "initiated_by": rng.choice(
                ["partner", "partner", "several_partners", "belgian_institute"]
            ),
            "cost_eur": round(rng.uniform(3000, 40000), 2),
            "visibility": visibility,
            **ILLUSTRATIVE,
        }
    )
    participants = _participants(rng, exchange_id, modality, host)
    out.exchange_participants += participants
    learner = next((p["org_code"] for p in participants if p["role"] == "visiting"), host)
    if rng.random() < 0.55:
        plan_id = f"IP-{year}-{101 + number}"
        _plan(rng, out, programme, plan_id, str(learner), theme, start, visibility, exchange_id)
        plan_ids = [plan_id]
    else:
        plan_ids = []
    for k in range(rng.choice([0, 1, 1, 2])):
        observed = start + timedelta(days=rng.randint(90, 500))
        if observed > TODAY - timedelta(days=15):
            continue
        level = rng.choice(list(LEVEL_TYPES))
        outcome_type = rng.choice(LEVEL_TYPES[level])
        outcome_id = f"OC-{year}-{101 + number}{'ab'[k]}"
        agents = [str(learner)] + ([host] if rng.random() < 0.15 and host != learner else [])
        acronym = str(learner).split("-")[0]
        out.outcomes.append(
            {
                "outcome_id": outcome_id,
                "programme_code": programme,
                "social_actor": f"{acronym} and its counterparts (illustrative)",
                "theme_code": theme,
                "level": level,
                "outcome_type": outcome_type,
                "observed_on": observed,
                "description": f"Illustrative outcome: {acronym} {ACTION[outcome_type]} on "
                f"{theme.replace('_', ' ')}, after exchange {exchange_id}.",
                "significance": "Illustrative significance.",
                "contribution": "Illustrative contribution of the exchange.",
                "other_actors": None,
                "is_positive": rng.random() > 0.08,
                "is_intended": rng.random() > 0.15,
                "substantiation_status": rng.choice(
                    ["not_substantiated", "in_progress", "substantiated", "partly_substantiated"]
                ),
                "substantiator_role": "programme officer",
                "substantiation_sources": None,
                "evidence_documents": None,
                "harvested_by": "M&E officer",
                "harvested_on": min(observed + timedelta(days=rng.randint(10, 120)), TODAY),
                "language": rng.choice(["en", "en", "fr", "es", "pt"]),
                "public_description": f"Illustrative outcome on {theme.replace('_', ' ')}.",
                "visibility": rng.choice(VISIBILITIES),
                **ILLUSTRATIVE,
            }
        )
        out.outcome_change_agents += [{"outcome_id": outcome_id, "org_code": a} for a in agents]
        out.outcome_exchanges.append({"outcome_id": outcome_id, "exchange_id": exchange_id})
        out.outcome_plans += [{"outcome_id": outcome_id, "plan_id": p} for p in plan_ids]


def _plan(
    rng: random.Random,
    out: Illustrative,
    programme: str,
    plan_id: str,
    org: str,
    theme: str,
    start: date,
    visibility: str,
    exchange_id: str,
) -> None:
    out.innovation_plans.append(
        {
            "plan_id": plan_id,
            "programme_code": programme,
            "org_code": org,
            "theme_code": theme,
            "title": f"Illustrative innovation plan of {org.split('-')[0]}",
            "visibility": visibility,
            **ILLUSTRATIVE,
        }
    )
    out.plan_exchanges.append({"plan_id": plan_id, "exchange_id": exchange_id})
    reached = rng.choices([1, 2, 3, 4], [1, 2, 3, 4])[0]
    day = start + timedelta(days=rng.randint(20, 60))
    for status in ["draft", "adopted", "in_progress", "implemented"][:reached]:
        if day > TODAY:
            break
        out.plan_status_changes.append(
            {
                "plan_id": plan_id,
                "status": status,
                "changed_on": day,
                "source": "illustrative sample",
                "estimated": None,
            }
        )
        day += timedelta(days=rng.randint(30, 240))
    if reached < 4 and rng.random() < 0.2 and day <= TODAY:
        out.plan_status_changes.append(
            {
                "plan_id": plan_id,
                "status": "abandoned",
                "changed_on": day,
                "source": "illustrative sample",
                "estimated": None,
            }
        )


def _objectives_and_indicators(
    rng: random.Random,
    out: Illustrative,
    programme: str,
    first: int,
    last: int,
    theme_codes: list[str],
) -> None:
    short = programme[:4]
    for country, org in [("NE", "CNT-NE"), ("KH", "CLC-KH"), ("CO", "CDT-CO")]:
        out.specific_objectives.append(
            {
                "objective_id": f"SO-{short}-{country}",
                "programme_code": programme,
                "title": f"Illustrative objective: {org.split('-')[0]} influences labour policy",
                "country_code": country,
                "theme_code": None,
                "iati_identifier": None,
                "visibility": "public",
                **ILLUSTRATIVE,
            }
        )
    specs = [
        (
            "01",
            "Partner organisations with an adopted innovation plan",
            "unit",
            "ascending",
            "latest",
            3.0,
            lambda y: 3 + 2 * (y - first),
        ),
        (
            "02",
            "Share of women among exchange participations",
            "percentage",
            "ascending",
            "latest",
            28.0,
            lambda y: 30 + 3 * (y - first),
        ),
        (
            "03",
            "Policy changes influenced (collective agreements, laws)",
            "unit",
            "ascending",
            "sum",
            0.0,
            lambda y: 2,
        ),
        (
            "04",
            "Violations of union rights reported by partners",
            "unit",
            "descending",
            "latest",
            40.0,
            lambda y: 40 - 4 * (y - first),
        ),
        (
            "05",
            "Partners' own assessment of South-South learning",
            "qualitative",
            "ascending",
            "latest",
            None,
            lambda y: 0,
        ),
    ]
    for suffix, name, measure, direction, aggregation, baseline, target in specs:
        indicator_id = f"IND-{short}-{suffix}"
        out.indicators.append(
            {
                "indicator_id": indicator_id,
                "programme_code": programme,
                "objective_id": f"SO-{short}-NE" if suffix in ("03", "04") else None,
                "name": name,
                "measure_type": measure,
                "direction": direction,
                "aggregation": aggregation,
                "unit": "%" if measure == "percentage" else None,
                "baseline_year": first - 1,
                "baseline_value": baseline,
                "baseline_comment": "Illustrative baseline.",
                "visibility": "public",
                **ILLUSTRATIVE,
            }
        )
        for year in range(first, last + 1):
            qualitative = measure == "qualitative"
            goal = float(target(year))
            values = [("target", None if qualitative else goal, "Illustrative target.")]
            if year < TODAY.year:
                actual = None if qualitative else max(0.0, round(goal * rng.uniform(0.7, 1.2), 1))
                if measure == "percentage" and actual is not None:
                    actual = min(actual, 100.0)
                values.append(
                    (
                        "actual",
                        actual,
                        "Illustrative: partners report steady learning."
                        if qualitative
                        else "Illustrative actual.",
                    )
                )
            out.indicator_values += [
                {
                    "indicator_id": indicator_id,
                    "year": year,
                    "kind": kind,
                    "value": value,
                    "comment": comment,
                    "source": "illustrative sample",
                    "estimated": None,
                }
                for kind, value, comment in values
            ]


def _budgets(rng: random.Random, out: Illustrative, programme: str, first: int, last: int) -> None:
    for year in range(first, last + 1):
        for country in [None, "NE", "KH", "CO", "CD", "ZA"]:
            budget = round(rng.uniform(20_000, 90_000), 2)
            lines = [("B", "budget", budget)]
            if year < TODAY.year:
                lines.append(("E", "expenditure", round(budget * rng.uniform(0.75, 1.05), 2)))
            for suffix, kind, amount in lines:
                out.budgets.append(
                    {
                        "budget_line_id": f"BL-{year}-{country or 'XX'}-{suffix}",
                        "programme_code": programme,
                        "year": year,
                        "country_code": country,
                        "kind": kind,
                        "amount_eur": amount,
                        "visibility": "network",
                        **ILLUSTRATIVE,
                    }
                )
