"""The network page: reciprocity and balance as the sample implies."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from etl.sample import sample_records


def sample_pairs(programme: str) -> set[tuple[str, str]]:
    """(learner, host) organisation codes of the programme's exchanges."""
    records = sample_records()
    hosts = {
        e["exchange_id"]: e["host_org_code"]
        for e in records["exchanges"]
        if e["programme_code"] == programme
    }
    return {
        (str(p["org_code"]), str(hosts[p["exchange_id"]]))
        for p in records["exchange_participants"]
        if p["exchange_id"] in hosts
        and p["role"] != "host"
        and p["org_code"] != hosts[p["exchange_id"]]
    }


def test_reciprocal_pairs_and_balance(page: Page, app_url: str) -> None:
    page.goto(app_url + "/network?programme=2012-2016")
    records = sample_records()
    names = {
        o["org_code"]: f"{o['acronym']} ({o['country_code']})" for o in records["organisations"]
    }
    pairs = sample_pairs("2012-2016")
    both_ways = sorted({(min(a, b), max(a, b)) for a, b in pairs if (b, a) in pairs})
    items = page.locator("#reciprocal-pairs li")
    expect(items).to_have_count(len(both_ways))
    expect(items).to_have_text([f"{names[a]} ⇄ {names[b]}" for a, b in both_ways])
    hosts = {
        e["exchange_id"]: e["host_org_code"]
        for e in records["exchanges"]
        if e["programme_code"] == "2012-2016"
    }
    visits = sum(
        1
        for p in records["exchange_participants"]
        if p["org_code"] == "CNT-NE"
        and p["exchange_id"] in hosts
        and p["role"] != "host"
        and hosts[p["exchange_id"]] != "CNT-NE"
    )
    expect(page.locator("#balance-CNT-NE td").nth(2)).to_have_text(str(visits))
