"""The overview page in headless Chromium: KPI values equal those computed by hand."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.expected import as_shown_in_english, expected_kpis
from warehouse.metrics import METRICS


def assert_cards_show(page: Page, programme: str) -> None:
    for name, value in expected_kpis(programme).items():
        expect(page.locator(f"#kpi-{name}")).to_have_text(as_shown_in_english(name, value))


def test_overview_defaults_to_the_latest_programme_with_data(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    expect(page.locator("#programme-select")).to_contain_text("2022-2026")
    assert_cards_show(page, "2022-2026")
    previous = expected_kpis("2017-2021")["exchanges"]
    expect(page.locator("#kpi-exchanges-previous")).to_have_text(f"2017-2021: {previous}")


def test_switching_programme_updates_cards_and_url(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    expect(page.locator("#kpi-exchanges")).to_be_visible()
    page.locator("#programme-select").click()
    page.get_by_role("option", name="2012-2016 · South-South Exchange programme").click()
    page.wait_for_url("**/?programme=2012-2016")
    assert_cards_show(page, "2012-2016")
    # Its previous programme ran before exchanges were recorded.
    expect(page.locator("#kpi-exchanges-previous")).to_have_text("2003-2011: no records")


@pytest.mark.parametrize("programme", ["2012-2016", "2017-2021", "2022-2026"])
def test_a_link_restores_the_programme(page: Page, app_url: str, programme: str) -> None:
    page.goto(f"{app_url}/?programme={programme}")
    assert_cards_show(page, programme)


def test_cards_say_what_they_count_and_flag_illustrative_data(page: Page, app_url: str) -> None:
    page.goto(app_url + "/?programme=2022-2026")
    cards = page.locator("#kpi-cards .kpi-card")
    expect(cards).to_have_count(len(METRICS))
    expect(page.locator("#kpi-cards")).to_contain_text("Participations, not persons")
    expect(page.locator("#kpi-cards")).to_contain_text("Outcomes, each counted once")
    expect(page.locator(".illustrative-badge").first).to_be_visible()


def test_new_theme_without_mapping_is_not_compared(page: Page, app_url: str) -> None:
    page.goto(app_url + "/?programme=2022-2026")
    expect(page.locator("#outcomes-by-theme")).to_contain_text("Social dialogue (not comparable)")


def test_overview_in_french_formats_numbers_the_french_way(page: Page, app_url: str) -> None:
    page.goto(app_url + "/?programme=2017-2021&lang=fr")
    expected = expected_kpis("2017-2021")["participations"]
    assert isinstance(expected, int)
    shown = page.locator("#kpi-participations").inner_text()
    assert shown.replace("\u202f", " ").replace("\xa0", " ") == f"{expected:,}".replace(",", " ")
