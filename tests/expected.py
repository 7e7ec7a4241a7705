"""KPI values computed by hand, in plain Python, from the sample records: no SQL involved."""

from __future__ import annotations

from etl.sample import sample_records


def expected_kpis(programme: str) -> dict[str, int | float | None]:
    records = sample_records()
    organisations = {o["org_code"]: o for o in records["organisations"]}
    exchanges = [e for e in records["exchanges"] if e["programme_code"] == programme]
    exchange_ids = {e["exchange_id"] for e in exchanges}
    participants = [p for p in records["exchange_participants"] if p["exchange_id"] in exchange_ids]
    with_sex = [p for p in participants if p["women"] is not None]
    plans = {p["plan_id"] for p in records["innovation_plans"] if p["programme_code"] == programme}
    reached = {(c["plan_id"], c["status"]) for c in records["plan_status_changes"]}

    def count(values: list[object]) -> int:
        return sum(int(v) for v in values)  # type: ignore[call-overload]

    women = count([p["women"] for p in with_sex])
    recorded = count([p["participations"] for p in with_sex])
    return {
        "exchanges": len(exchanges),
        "participations": count([p["participations"] for p in participants]),
        "women_share": women / recorded if recorded else None,
        "countries": len({organisations[str(p["org_code"])]["country_code"] for p in participants}),
        "partner_organisations": len(
            {
                p["org_code"]
                for p in participants
                if organisations[str(p["org_code"])]["role"] == "partner"
            }
        ),
        "plans_adopted": sum((plan, "adopted") in reached for plan in plans),
        "plans_implemented": sum((plan, "implemented") in reached for plan in plans),
        "outcomes": sum(o["programme_code"] == programme for o in records["outcomes"]),
    }


def as_shown_in_english(name: str, value: int | float | None) -> str:
    if name == "women_share":
        return "–" if value is None else f"{round(value * 100)}%"
    return f"{int(value or 0):,}"


def expected_map(
    programmes: tuple[str, ...], themes: tuple[str, ...] = ()
) -> tuple[set[str], set[str]]:
    """(ISO alpha-3 of the countries hosting an exchange, "FROM>TO" pairs of travel)."""
    import pycountry

    records = sample_records()
    country = {o["org_code"]: str(o["country_code"]) for o in records["organisations"]}
    canonical = {
        (t["programme_code"], t["theme_code"]): t["canonical_theme"]
        for t in records["programme_themes"]
    }
    exchanges = {
        e["exchange_id"]: country[e["host_org_code"]]
        for e in records["exchanges"]
        if e["programme_code"] in programmes
        and (
            not themes
            or canonical[(e["programme_code"], e["theme_code"])] in themes
            or e["theme_code"] in themes
        )
    }
    pairs = {
        f"{country[p['org_code']]}>{exchanges[p['exchange_id']]}"
        for p in records["exchange_participants"]
        if p["exchange_id"] in exchanges
        and p["role"] != "host"
        and country[p["org_code"]] != exchanges[p["exchange_id"]]
    }
    hosts = {pycountry.countries.lookup(c).alpha_3 for c in exchanges.values()}
    return hosts, pairs


def expected_outcomes(
    programmes: tuple[str, ...], levels: tuple[str, ...] = (), words: str = ""
) -> set[str]:
    """Identifiers of the sample outcomes a filter selects, matched on words the plain way."""
    from warehouse.search import search_terms

    wanted = search_terms(words)
    found = set()
    for outcome in sample_records()["outcomes"]:
        if outcome["programme_code"] not in programmes:
            continue
        if levels and outcome["level"] not in levels:
            continue
        text = " ".join(
            str(outcome.get(f) or "")
            for f in ("description", "significance", "contribution", "other_actors", "social_actor")
        )
        if set(wanted) <= set(search_terms(text, limit=None)):  # every word, whole
            found.add(str(outcome["outcome_id"]))
    return found


def expected_comparison(programme: str, themes: tuple[str, ...] = ()) -> dict[str, float | None]:
    """The programme comparison's exchange figures, by hand, under a filter of common themes."""
    records = sample_records()
    canonical = {
        (t["programme_code"], t["theme_code"]): t["canonical_theme"]
        for t in records["programme_themes"]
    }
    exchanges = [
        e
        for e in records["exchanges"]
        if e["programme_code"] == programme
        and (not themes or canonical[(programme, e["theme_code"])] in themes)
    ]
    ids = {e["exchange_id"] for e in exchanges}
    people: dict[object, list[dict[str, object]]] = {}
    for p in records["exchange_participants"]:
        if p["exchange_id"] in ids:
            people.setdefault(p["exchange_id"], []).append(p)

    def total(exchange_id: object, column: str) -> int:
        return sum(
            int(str(p[column])) for p in people.get(exchange_id, []) if p[column] is not None
        )

    def recorded(exchange_id: object) -> bool:
        return any(
            p[c] is not None
            for p in people.get(exchange_id, [])
            for c in ("political_leaders", "staff", "militants")
        )

    mixed = [
        e
        for e in exchanges
        if total(e["exchange_id"], "political_leaders") > 0
        and total(e["exchange_id"], "staff") + total(e["exchange_id"], "militants") > 0
    ]
    with_recorded = [e for e in exchanges if recorded(e["exchange_id"])]
    initiated = [e for e in exchanges if e.get("initiated_by") is not None]
    by_partners = [e for e in initiated if e["initiated_by"] in ("partner", "several_partners")]
    return {
        "exchanges": len(exchanges),
        "mixed_delegation_share": len(mixed) / len(with_recorded) if with_recorded else None,
        "partner_initiated_share": len(by_partners) / len(initiated) if initiated else None,
        "demand_share": sum(bool(e.get("demand")) for e in exchanges) / len(exchanges)
        if exchanges
        else None,
    }
