"""The practice finder in headless Chromium: a union states a challenge and sees who to ask."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from etl.sample import sample_records


def cstt_evidence() -> list[str]:
    """Positive, substantiated informal-economy outcomes that followed exchanges CSTT hosted."""
    records = sample_records()
    themes = {
        (t["programme_code"], t["theme_code"]): t["canonical_theme"]
        for t in records["programme_themes"]
    }
    hosted = {
        e["exchange_id"]
        for e in records["exchanges"]
        if e["host_org_code"] == "CSTT-TG"
        and themes[(e["programme_code"], e["theme_code"])] == "informal_economy"
        and not e["is_illustrative"]
    }
    followed = {
        link["outcome_id"] for link in records["outcome_exchanges"] if link["exchange_id"] in hosted
    }
    return sorted(
        str(o["outcome_id"])
        for o in records["outcomes"]
        if o["outcome_id"] in followed
        and o.get("is_positive", True)
        and o.get("substantiation_status") == "substantiated"
    )


def test_csc_congo_asks_about_the_informal_economy(page: Page, app_url: str) -> None:
    page.goto(app_url + "/practices?illustrative=no")
    expect(page.locator("#practice-suggestions")).to_contain_text("Choose your organisation")
    page.locator("#practices-organisation").click()
    page.get_by_role("option", name="CSC (CD)").click()
    page.locator("#practices-theme").click()
    page.get_by_role("option", name="Informal economy").click()
    page.locator("#practices-text").fill("organising market vendors")
    page.locator("#practices-find").click()
    page.wait_for_url("**/practices?theme=informal_economy&organisation=CSC-CD*")
    first = page.locator("#practice-suggestions .card").first
    expect(first.locator(".suggestion-name")).to_have_text("CSTT (TG)")
    outcomes = cstt_evidence()
    for outcome_id in outcomes:
        expect(first).to_contain_text(outcome_id)
    # 3 × n/(n+1) for its outcomes, 1 × 1/2 for the exchange it hosted, every word, same region
    score = 3 * len(outcomes) / (len(outcomes) + 1) + 0.5 + 2 + 0.5
    expect(first.locator(".suggestion-score")).to_have_text(f"score {round(score, 2):g}")
    expect(first.locator(".factor-words")).to_contain_text("market, organising, vendors")
    expect(page.locator("#ranking-explanation li")).to_have_count(4)


def test_a_link_restores_the_question_and_never_suggests_the_asker(
    page: Page, app_url: str
) -> None:
    page.goto(app_url + "/practices?organisation=CONSAWU-ZA&theme=domestic_work&illustrative=no")
    expect(page.locator("#practices-organisation")).to_contain_text("CONSAWU (ZA)")
    names = page.locator("#practice-suggestions .suggestion-name")
    expect(names.first).to_have_text("NDWF (IN)")
    expect(page.locator("#suggestion-CONSAWU-ZA")).to_have_count(0)
