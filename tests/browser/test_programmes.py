"""The programmes page: the results framework shows the sample's values and their status."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from etl.sample import sample_records
from tests.expected import expected_comparison
from warehouse.indicators import aggregate, status

STATUS_TEXT = {"achieved": "Achieved", "on_track": "On track", "behind": "Behind"}


def expected_cell(indicator_id: str, year: int) -> tuple[str, str]:
    """(actual / target as shown, status text) from the sample records."""
    records = sample_records()
    [indicator] = [i for i in records["indicators"] if i["indicator_id"] == indicator_id]
    values = [v for v in records["indicator_values"] if v["indicator_id"] == indicator_id]
    targets = {int(str(v["year"])): float(str(v["value"])) for v in values if v["kind"] == "target"}
    actuals = {int(str(v["year"])): float(str(v["value"])) for v in values if v["kind"] == "actual"}
    how = str(indicator["aggregation"])
    actual, target = aggregate(actuals, year, how), aggregate(targets, year, how)
    assert actual is not None and target is not None
    found = status(
        str(indicator["measure_type"]), str(indicator["direction"]), how, targets, actuals, year
    )
    assert found is not None
    return f"{actual:g} / {target:g}", STATUS_TEXT[found]


def test_results_framework_shows_values_and_status(page: Page, app_url: str) -> None:
    page.goto(app_url + "/programmes?programme=2022-2026")
    table = page.locator("#results-framework")
    expect(table).to_be_visible()
    for indicator_id in ("IND-2022-01", "IND-2022-03", "IND-2022-04"):
        row = page.locator(f"#indicator-{indicator_id}")
        shown, label = expected_cell(indicator_id, 2023)
        cell = row.locator("td").nth(3)  # name, baseline, 2022, 2023
        expect(cell).to_contain_text(shown)
        expect(cell).to_contain_text(label)
    qualitative = page.locator("#indicator-IND-2022-05 td").nth(2)
    expect(qualitative).to_contain_text("partners report steady learning")


def test_switching_programme_and_the_plans_gap(page: Page, app_url: str) -> None:
    page.goto(app_url + "/programmes?section=plans")
    page.locator("#programmes-select").click()
    page.get_by_role(
        "option", name="2017-2021 · South-South exchange and joint campaigning"
    ).click()
    page.wait_for_url("**/programmes?programme=2017-2021&section=plans")
    records = sample_records()
    planned = {link["exchange_id"] for link in records["plan_exchanges"]}
    actions = [
        e["exchange_id"]
        for e in records["exchanges"]
        if e["programme_code"] == "2017-2021"
        and e["modality"] not in ("continental_seminar", "international_seminar")
    ]
    without = sum(e not in planned for e in actions)
    expect(page.locator("#exchanges-without-plan")).to_contain_text(
        f"led to no innovation plan ({without} of {len(actions)})"
    )
    expect(page.locator("#plan-pipeline .bars")).to_be_attached()


def test_one_section_at_a_time_and_the_links_keep_the_filters(page: Page, app_url: str) -> None:
    page.goto(app_url + "/programmes?programme=2017-2021&theme=gender")
    expect(page.locator("#indicator-IND-2017-01")).to_be_visible()
    expect(page.locator("#programmes-section-results")).to_have_class(re.compile(r"\bactive\b"))
    # the other sections' queries and graphs are not drawn meanwhile
    expect(page.locator("#plan-pipeline, #plans-table, #programme-comparison")).to_have_count(0)
    page.locator("#programmes-section-compare").click()
    page.wait_for_url("**/programmes?programme=2017-2021&theme=gender&section=compare")
    expect(page.locator("#programme-comparison")).to_be_visible()
    expect(page.locator("#programmes-section-compare")).to_have_class(re.compile(r"\bactive\b"))
    expect(page.locator("#results-framework, #programmes-select")).to_have_count(0)
    page.locator("#programmes-section-results").click()
    page.wait_for_url("**/programmes?programme=2017-2021&theme=gender")
    expect(page.locator("#indicator-IND-2017-01")).to_be_visible()


def test_choosing_a_theme_changes_the_comparison_and_the_plans(page: Page, app_url: str) -> None:
    page.goto(app_url + "/programmes?programme=2012-2016&section=compare")
    everything = expected_comparison("2012-2016")
    exchanges = page.locator("#compare-exchanges td")
    expect(exchanges.first).to_have_text(str(everything["exchanges"]))
    page.locator("#programmes-theme").click()
    page.get_by_role("option", name="Domestic work").click()
    page.wait_for_url("**/programmes?programme=2012-2016&theme=domestic_work&section=compare")
    for column, programme in enumerate(("2012-2016", "2017-2021", "2022-2026")):
        expected = expected_comparison(programme, ("domestic_work",))
        expect(exchanges.nth(column)).to_have_text(str(expected["exchanges"]))
        share = expected["mixed_delegation_share"]
        shown = "–" if share is None else f"{round(share * 100)}%"
        expect(page.locator("#compare-mixed_delegation_share td").nth(column)).to_have_text(shown)
    expect(page.locator("#theme-multiples .bars").first).to_be_attached()
    page.locator("#programmes-section-plans").click()
    page.wait_for_url("**/programmes?programme=2012-2016&theme=domestic_work&section=plans")
    plans = [
        p
        for p in sample_records()["innovation_plans"]
        if p["programme_code"] == "2012-2016" and p["theme_code"] == "domestic_work"
    ]
    grid_rows = page.locator("#plans-table .ag-center-cols-container .ag-row")
    expect(grid_rows).to_have_count(len(plans))
    for plan in plans:
        expect(grid_rows.filter(has_text=str(plan["title"]))).to_have_count(1)
