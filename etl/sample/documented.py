"""Sample records grounded in the seed documents, each citing its source.

What the seeds do not give (most dates, counts, costs, some modalities) is filled in and named in
the record's `estimated` column. Nothing here is flagged illustrative; everything made up for
demonstration lives in `illustrative.py` and is flagged so.
"""

from __future__ import annotations

from datetime import date
from typing import cast

Record = dict[str, object]

HIVA = "HIVA-KU Leuven evaluation brief of the IIWE South-South Exchange programme 2012-2016"
ACV_PROGRAMMES = "ACV-CSC International: programmes since 1992 (German-language page)"
ACV_COOPERATION = "ACV-CSC: Cooperation and training (International Labour Training Institute)"
DGD_AGREEMENT = "Trade union programmes: DGD subsidies since 2002, agreement of 6 June 2007"
REAL = {"is_illustrative": False}


def _org(
    code: str,
    acronym: str,
    name: str,
    country: str,
    org_type: str,
    role: str,
    source: str,
    estimated: str | None = None,
) -> Record:
    return {
        "org_code": code,
        "acronym": acronym,
        "name": name,
        "country_code": country,
        "org_type": org_type,
        "role": role,
        "source": source,
        "estimated": estimated,
        **REAL,
    }


ORGANISATIONS: list[Record] = [
    _org(
        "CDT-MA",
        "CDT",
        "Confédération Démocratique du Travail",
        "MA",
        "confederation",
        "partner",
        HIVA,
    ),
    _org(
        "CDT-CO",
        "CDT",
        "Confederación de Trabajadores de Colombia",
        "CO",
        "confederation",
        "partner",
        HIVA,
    ),
    _org("CLC-KH", "CLC", "Cambodian Labour Confederation", "KH", "confederation", "partner", HIVA),
    _org(
        "CNT-NE",
        "CNT",
        "Confédération Nigérienne du Travail",
        "NE",
        "confederation",
        "partner",
        HIVA,
    ),
    _org(
        "CONSAWU-ZA",
        "CONSAWU",
        "Confederation of South African Workers' Unions",
        "ZA",
        "confederation",
        "partner",
        HIVA,
    ),
    _org(
        "CSC-CD", "CSC", "Confédération Syndicale du Congo", "CD", "confederation", "partner", HIVA
    ),
    _org(
        "CTH-HT",
        "CTH",
        "Confédération des Travailleurs Haïtiens",
        "HT",
        "confederation",
        "partner",
        HIVA,
    ),
    _org(
        "KSBSI-ID",
        "KSBSI",
        "Konfederatie Serikat Buruh Sejahtera Indonesia",
        "ID",
        "confederation",
        "partner",
        HIVA,
    ),
    _org(
        "NDWF-IN",
        "NDWF",
        "National Domestic Workers Movement Trade Union India",
        "IN",
        "union",
        "partner",
        HIVA,
    ),
    _org("UGT-BR", "UGT", "União Geral dos Trabalhadores", "BR", "confederation", "partner", HIVA),
    _org(
        "IIWE-BE",
        "IIWE",
        "Institute for International Workers' Education (ACV-CSC)",
        "BE",
        "institute",
        "belgian_institute",
        HIVA,
    ),
    _org(
        "WSM-BE",
        "WSM",
        "We Social Movements",
        "BE",
        "movement",
        "lead_organisation",
        ACV_PROGRAMMES,
    ),
    # The seeds name "CSTT of Togo" only; the full name is ours.
    _org(
        "CSTT-TG",
        "CSTT",
        "Confédération Syndicale des Travailleurs du Togo",
        "TG",
        "confederation",
        "expert",
        HIVA,
        estimated="name",
    ),
]


def _programme(
    code: str,
    name: str,
    start: date,
    end: date,
    funder: str,
    lead: str | None,
    description: str,
    source: str,
    estimated: str | None,
) -> Record:
    return {
        "programme_code": code,
        "name": name,
        "start_date": start,
        "end_date": end,
        "funder": funder,
        "lead_org_code": lead,
        "iati_identifier": None,
        "lead_iati_identifier": None,
        "description": description,
        "source": source,
        "estimated": estimated,
        **REAL,
    }


PROGRAMMES: list[Record] = [
    _programme(
        "1992-2002",
        "International workers' training programme",
        date(1992, 1, 1),
        date(2002, 12, 31),
        "Belgian government",
        None,
        "International training for workers on globalisation.",
        ACV_PROGRAMMES,
        "start_date,end_date",
    ),
    _programme(
        "2003-2011",
        "Co-financed decent work programmes",
        date(2003, 1, 1),
        date(2011, 12, 31),
        "DGD",
        None,
        "Programmes with partner unions for the decent work agenda.",
        DGD_AGREEMENT,
        "start_date,end_date",
    ),
    _programme(
        "2012-2016",
        "South-South Exchange programme",
        date(2012, 1, 1),
        date(2016, 12, 31),
        "DGD",
        None,
        "Ten Southern unions sharing expertise through exchanges, seminars and experts.",
        HIVA,
        None,
    ),
    _programme(
        "2017-2021",
        "South-South exchange and joint campaigning",
        date(2017, 1, 1),
        date(2021, 12, 31),
        "DGD",
        "WSM-BE",
        "Second phase: exchanges continued and expanded with joint campaigning, inside "
        "the wider programme led by WSM.",
        ACV_PROGRAMMES,
        None,
    ),
    _programme(
        "2022-2026",
        "Social dialogue and workers' rights",
        date(2022, 1, 1),
        date(2026, 12, 31),
        "DGD",
        "WSM-BE",
        "Five-year programme inside the WSM-led programme: social dialogue and workers' rights.",
        ACV_PROGRAMMES,
        None,
    ),
]

FIVE_THEMES = [
    ("gender", "Gender", "gender"),
    ("informal_economy", "Informal economy", "informal_economy"),
    ("domestic_work", "Domestic work", "domestic_work"),
    ("trade_union_rights", "Trade union rights", "trade_union_rights"),
    ("environment_climate", "Environment & climate change", "environment_climate"),
]

PROGRAMME_THEMES: list[Record] = [
    {
        "programme_code": "2012-2016",
        "theme_code": code,
        "name": name,
        "canonical_theme": canon,
        "source": HIVA,
        "estimated": None,
        **REAL,
    }
    for code, name, canon in FIVE_THEMES
]

COUNTRY_RISK: list[Record] = [
    {
        "country_code": code,
        "high_risk": True,
        "basis": "Among the worst-rated countries for workers' rights (ITUC Global Rights Index); "
        "the yearly rating is not recorded here.",
        "source": "ITUC Global Rights Index",
        "estimated": None,
        **REAL,
    }
    for code in ("CO", "KH")
]

PUBLIC = {"visibility": "public", **REAL}


def _exchange(
    exchange_id: str,
    modality: str,
    title: str,
    theme: str,
    start: date,
    end: date,
    host: str,
    demand: str,
    estimated: str,
) -> Record:
    return {
        "exchange_id": exchange_id,
        "programme_code": "2012-2016",
        "modality": modality,
        "title": title,
        "theme_code": theme,
        "start_date": start,
        "end_date": end,
        "host_org_code": host,
        "demand": demand,
        "initiated_by": "partner",
        "cost_eur": None,
        "source": HIVA,
        "estimated": estimated,
        **PUBLIC,
    }


EXCHANGES: list[Record] = [
    _exchange(
        "EX-2013-001",
        "partner_visit",
        "CNT Niger learns from CDT Morocco on women's representation",
        "gender",
        date(2013, 10, 7),
        date(2013, 10, 12),
        "CDT-MA",
        "Minimum representation of women in union congresses; gender training.",
        "modality,start_date,end_date",
    ),
    _exchange(
        "EX-2014-001",
        "partner_visit",
        "KSBSI visits UGT in São Paulo on waste recycling",
        "environment_climate",
        date(2014, 5, 12),
        date(2014, 5, 17),
        "UGT-BR",
        "How unions negotiate waste recycling in companies.",
        "modality,start_date,end_date",
    ),
    _exchange(
        "EX-2014-002",
        "partner_visit",
        "CONSAWU delegation visits NDWF in Jharkhand",
        "domestic_work",
        date(2014, 9, 8),
        date(2014, 9, 13),
        "NDWF-IN",
        "Organising domestic workers with limited means; lobbying campaigns.",
        "start_date,end_date",
    ),
    _exchange(
        "EX-2015-001",
        "partner_visit",
        "CSC Congo learns from CSTT Togo on organising market vendors",
        "informal_economy",
        date(2015, 3, 9),
        date(2015, 3, 14),
        "CSTT-TG",
        "Organising informal market vendors.",
        "modality,start_date,end_date",
    ),
    _exchange(
        "EX-2015-002",
        "partner_visit",
        "CLC Cambodia and CDT Colombia exchange on union safety",
        "trade_union_rights",
        date(2015, 6, 15),
        date(2015, 6, 20),
        "CDT-CO",
        "Prevention and protection against violence towards unionists.",
        "modality,start_date,end_date,host_org_code",
    ),
    _exchange(
        "EX-2016-001",
        "expert_mission",
        "Indonesian expert supports CLC's social protection plan",
        "trade_union_rights",
        date(2016, 2, 1),
        date(2016, 2, 10),
        "CLC-KH",
        "A comprehensive plan on union rights through social protection.",
        "start_date,end_date",
    ),
    _exchange(
        "EX-2016-002",
        "international_seminar",
        "International workshop of the ten partners in South Africa",
        "gender",
        date(2016, 9, 19),
        date(2016, 9, 23),
        "CONSAWU-ZA",
        "Share practices and evaluate the programme.",
        "start_date,end_date,theme_code",
    ),
]


def _participant(
    exchange_id: str,
    org: str,
    role: str,
    participations: int,
    women: int | None = None,
    leaders: int | None = None,
    staff: int | None = None,
    militants: int | None = None,
) -> Record:
    return {
        "exchange_id": exchange_id,
        "org_code": org,
        "role": role,
        "participations": participations,
        "women": women,
        "youth": None,
        "political_leaders": leaders,
        "staff": staff,
        "militants": militants,
        "persons": None,
        "source": HIVA,
        # the brief gives delegations of 6 to 9 and 1 to 3 per partner at seminars only
        "estimated": "participations,women,political_leaders,staff,militants",
    }


_PARTNERS = [
    "CDT-MA",
    "CDT-CO",
    "CLC-KH",
    "CNT-NE",
    "CSC-CD",
    "CTH-HT",
    "KSBSI-ID",
    "NDWF-IN",
    "UGT-BR",
]
EXCHANGE_PARTICIPANTS: list[Record] = [
    _participant("EX-2013-001", "CDT-MA", "host", 4, 2, 1, 2, 1),
    _participant("EX-2013-001", "CNT-NE", "visiting", 7, 3, 2, 3, 2),
    _participant("EX-2014-001", "UGT-BR", "host", 4, 1, 1, 2, 1),
    _participant("EX-2014-001", "KSBSI-ID", "visiting", 8, 2, 2, 3, 3),
    _participant("EX-2014-002", "NDWF-IN", "host", 5, 4, 1, 2, 2),
    _participant("EX-2014-002", "CONSAWU-ZA", "visiting", 6, 4, 2, 2, 2),
    _participant("EX-2015-001", "CSTT-TG", "host", 4, 2, 1, 1, 2),
    _participant("EX-2015-001", "CSC-CD", "visiting", 7, 3, 2, 2, 3),
    _participant("EX-2015-002", "CDT-CO", "host", 5, 2, 2, 2, 1),
    _participant("EX-2015-002", "CLC-KH", "visiting", 6, 2, 2, 2, 2),
    _participant("EX-2016-001", "CLC-KH", "host", 6, 3, 2, 4, 0),
    _participant("EX-2016-001", "KSBSI-ID", "expert", 1, 0, 0, 1, 0),
    _participant("EX-2016-002", "CONSAWU-ZA", "host", 3, 2, 1, 2, 0),
    _participant("EX-2016-002", "IIWE-BE", "facilitator", 2, 1, 0, 2, 0),
    *(_participant("EX-2016-002", org, "visiting", 2, 1, 1, 1, 0) for org in _PARTNERS),
]


def _plan(
    plan_id: str,
    org: str,
    theme: str,
    title: str,
    exchanges: list[str],
    statuses: list[tuple[str, date]],
) -> tuple[Record, list[Record], list[Record]]:
    plan = {
        "plan_id": plan_id,
        "programme_code": "2012-2016",
        "org_code": org,
        "theme_code": theme,
        "title": title,
        "source": HIVA,
        "estimated": None,
        **PUBLIC,
    }
    changes = [
        {
            "plan_id": plan_id,
            "status": s,
            "changed_on": d,
            "source": HIVA,
            "estimated": "changed_on",
        }
        for s, d in statuses
    ]
    links: list[Record] = [{"plan_id": plan_id, "exchange_id": e} for e in exchanges]
    return plan, changes, links


_PLANS = [
    _plan(
        "IP-2013-001",
        "CNT-NE",
        "gender",
        "Minimum representation of women in congresses and gender-focused training",
        ["EX-2013-001"],
        [
            ("draft", date(2013, 11, 15)),
            ("adopted", date(2014, 2, 1)),
            ("in_progress", date(2014, 4, 1)),
            ("implemented", date(2015, 12, 1)),
        ],
    ),
    _plan(
        "IP-2014-001",
        "KSBSI-ID",
        "environment_climate",
        "Waste-recycling agreements and environment in all training modules",
        ["EX-2014-001"],
        [
            ("draft", date(2014, 6, 15)),
            ("adopted", date(2014, 9, 1)),
            ("in_progress", date(2014, 11, 1)),
            ("implemented", date(2016, 3, 1)),
        ],
    ),
    _plan(
        "IP-2014-002",
        "CONSAWU-ZA",
        "domestic_work",
        "Postcard campaigns and street-based organising of domestic workers",
        ["EX-2014-002"],
        [
            ("draft", date(2014, 10, 15)),
            ("adopted", date(2015, 1, 15)),
            ("in_progress", date(2015, 3, 1)),
            ("implemented", date(2016, 5, 1)),
        ],
    ),
    _plan(
        "IP-2015-001",
        "CSC-CD",
        "informal_economy",
        "Organise market vendors by product in basic committees",
        ["EX-2015-001"],
        [
            ("draft", date(2015, 4, 15)),
            ("adopted", date(2015, 6, 1)),
            ("in_progress", date(2015, 8, 1)),
            ("implemented", date(2016, 8, 1)),
        ],
    ),
    _plan(
        "IP-2015-002",
        "CLC-KH",
        "trade_union_rights",
        "Union rights through social protection",
        ["EX-2015-002", "EX-2016-001"],
        [
            ("draft", date(2015, 9, 1)),
            ("adopted", date(2016, 3, 1)),
            ("in_progress", date(2016, 4, 1)),
        ],
    ),
]
INNOVATION_PLANS = [p for p, _, _ in _PLANS]
PLAN_STATUS_CHANGES = [c for _, changes, _ in _PLANS for c in changes]
PLAN_EXCHANGES = [link for _, _, links in _PLANS for link in links]


SUBSTANTIATION = {
    "substantiation_status": "substantiated",
    "substantiator_role": "external evaluators (HIVA-KU Leuven)",
    "substantiation_sources": "document analysis, interviews with partners, a survey, "
    "observation of the international workshop",
    "evidence_documents": HIVA,
    "harvested_by": "external evaluators",
    "harvested_on": date(2016, 11, 30),
    "language": "en",
    "is_positive": True,
    "is_intended": True,
}


def _outcome(
    outcome_id: str,
    theme: str,
    level: str,
    outcome_type: str,
    observed: date,
    social_actor: str,
    description: str,
    significance: str,
    contribution: str,
    agents: list[str],
    exchanges: list[str],
    plans: list[str],
    other_actors: str | None = None,
    public_description: str | None = None,
) -> Record:
    return {
        "outcome_id": outcome_id,
        "programme_code": "2012-2016",
        "social_actor": social_actor,
        "theme_code": theme,
        "level": level,
        "outcome_type": outcome_type,
        "observed_on": observed,
        "description": description,
        "significance": significance,
        "contribution": contribution,
        "other_actors": other_actors,
        "public_description": public_description or description,
        "source": HIVA,
        "estimated": "observed_on,harvested_on",
        "_agents": agents,
        "_exchanges": exchanges,
        "_plans": plans,
        **SUBSTANTIATION,
        **PUBLIC,
    }


_OUTCOMES = [
    _outcome(
        "OC-2015-001",
        "gender",
        "institutional",
        "internal_policy",
        date(2015, 6, 1),
        "Trade unions in Niger",
        "CNT lobbied trade unions for a minimum representation of women in their congresses.",
        "Women gain a guaranteed place where union policy is decided.",
        "Inspired by the Moroccan CDT's experience during the exchange.",
        ["CNT-NE"],
        ["EX-2013-001"],
        ["IP-2013-001"],
    ),
    _outcome(
        "OC-2015-002",
        "gender",
        "service_delivery",
        "training_module",
        date(2015, 3, 1),
        "CNT Niger",
        "CNT set up gender-focused trainings.",
        "Members are trained on gender equality in the union.",
        "Modelled on CDT Morocco's practice.",
        ["CNT-NE"],
        ["EX-2013-001"],
        ["IP-2013-001"],
    ),
    _outcome(
        "OC-2016-001",
        "gender",
        "policy",
        "campaign",
        date(2016, 4, 1),
        "CNT Niger",
        "CNT set up political campaigns for the right to, and value of, education of girls "
        "until 16 years of age.",
        "Girls' schooling is put on the political agenda.",
        "Urged by exchanges with other Southern unions.",
        ["CNT-NE"],
        ["EX-2013-001", "EX-2016-002"],
        [],
    ),
    _outcome(
        "OC-2015-003",
        "environment_climate",
        "policy",
        "government_agreement",
        date(2015, 10, 1),
        "Indonesian government, in two regions",
        "KSBSI negotiated an agreement with the Indonesian government in two regions for "
        "the recycling of waste in companies.",
        "Companies in two regions recycle waste under an agreement unions negotiated.",
        "Informed by UGT Brazil's practices in São Paulo.",
        ["KSBSI-ID"],
        ["EX-2014-001"],
        ["IP-2014-001"],
    ),
    _outcome(
        "OC-2015-004",
        "environment_climate",
        "service_delivery",
        "training_module",
        date(2015, 6, 1),
        "KSBSI",
        "KSBSI mainstreamed environmental issues in all its training modules.",
        "Every KSBSI trainee meets environmental issues.",
        "After exposure to the Brazilian practices.",
        ["KSBSI-ID"],
        ["EX-2014-001"],
        ["IP-2014-001"],
    ),
    _outcome(
        "OC-2015-005",
        "domestic_work",
        "service_delivery",
        "campaign",
        date(2015, 5, 1),
        "CONSAWU",
        "CONSAWU uses the Indian method of sending postcards to campaign on "
        "teenage pregnancy in the realm of domestic work.",
        "A low-cost campaigning method reaches domestic workers.",
        "Learned from NDWF's lobby and advocacy campaigns.",
        ["CONSAWU-ZA"],
        ["EX-2014-002"],
        ["IP-2014-002"],
    ),
    _outcome(
        "OC-2015-006",
        "domestic_work",
        "service_delivery",
        "training_module",
        date(2015, 8, 1),
        "CONSAWU",
        "CONSAWU incorporated Indian examples in its training manuals on domestic workers.",
        "Training draws on a tested Southern practice.",
        "Examples collected during the visit to NDWF.",
        ["CONSAWU-ZA"],
        ["EX-2014-002"],
        ["IP-2014-002"],
    ),
    _outcome(
        "OC-2016-002",
        "domestic_work",
        "service_delivery",
        "organising",
        date(2016, 2, 1),
        "CONSAWU",
        "CONSAWU organises domestic workers according to the streets in which they work.",
        "Domestic workers can be organised with limited means.",
        "India showed how during the exchange.",
        ["CONSAWU-ZA"],
        ["EX-2014-002"],
        ["IP-2014-002"],
    ),
    _outcome(
        "OC-2014-001",
        "domestic_work",
        "institutional",
        "public_body",
        date(2014, 12, 1),
        "Government of Jharkhand",
        "The Jharkhand Government took action on the welfare "
        "board for domestic workers that NDWF had long lobbied for.",
        "Domestic workers in Jharkhand gain a public body for their welfare.",
        "The mediatized visit of the South African delegation provided the breakthrough.",
        ["NDWF-IN"],
        ["EX-2014-002"],
        [],
        other_actors="NDWF's long-standing lobby",
    ),
    _outcome(
        "OC-2016-003",
        "informal_economy",
        "service_delivery",
        "organising",
        date(2016, 1, 1),
        "Market vendors in DR Congo",
        "CSC organised market vendors per type of activity and product; basic committees "
        "were installed.",
        "Vendors elect committees that negotiate for them.",
        "The idea came from CSTT Togo.",
        ["CSC-CD"],
        ["EX-2015-001"],
        ["IP-2015-001"],
    ),
    _outcome(
        "OC-2016-004",
        "informal_economy",
        "policy",
        "government_agreement",
        date(2016, 8, 1),
        "Market authorities in DR Congo",
        "Half of market vendors' taxes are used for cleaning, safety and market "
        "infrastructure, and the taxes decreased by 30%.",
        "Vendors' incomes and working conditions improve.",
        "The committees CSC set up after the exchange negotiated it.",
        ["CSC-CD"],
        ["EX-2015-001"],
        ["IP-2015-001"],
    ),
    _outcome(
        "OC-2016-005",
        "trade_union_rights",
        "service_delivery",
        "service",
        date(2016, 1, 1),
        "CDT Colombia and CLC Cambodia",
        "The Colombian and Cambodian unions developed and implemented new prevention and "
        "protection techniques, with cooperation with other actors such as police and NGOs.",
        "Activists facing similar safety threats are better protected.",
        "Exchanging practices and policies on safety.",
        ["CDT-CO", "CLC-KH"],
        ["EX-2015-002"],
        ["IP-2015-002"],
        other_actors="police and NGOs",
        # Colombia and Cambodia are high-risk: the public wording names regions, not countries.
        public_description="Two unions, in Latin America and in Asia, developed and implemented "
        "new prevention and protection techniques with other actors.",
    ),
    _outcome(
        "OC-2016-006",
        "trade_union_rights",
        "policy",
        "internal_policy",
        date(2016, 6, 1),
        "CLC Cambodia",
        "CLC developed a comprehensive plan on trade union rights through social protection.",
        "Union rights are defended through social protection.",
        "With the assistance of an expert from Indonesia.",
        ["CLC-KH"],
        ["EX-2015-002", "EX-2016-001"],
        ["IP-2015-002"],
    ),
]
OUTCOMES = [{k: v for k, v in o.items() if not k.startswith("_")} for o in _OUTCOMES]
OUTCOME_CHANGE_AGENTS = [
    {"outcome_id": o["outcome_id"], "org_code": a}
    for o in _OUTCOMES
    for a in cast(list[str], o["_agents"])
]
OUTCOME_EXCHANGES = [
    {"outcome_id": o["outcome_id"], "exchange_id": e}
    for o in _OUTCOMES
    for e in cast(list[str], o["_exchanges"])
]
OUTCOME_PLANS = [
    {"outcome_id": o["outcome_id"], "plan_id": p}
    for o in _OUTCOMES
    for p in cast(list[str], o["_plans"])
]
