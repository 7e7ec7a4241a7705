"""The public view in headless Chromium, signed out: it draws under the app's security policy."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_the_public_view_draws_for_anyone_and_the_rest_asks_to_sign_in(
    page: Page, app_url: str
) -> None:
    page.context.clear_cookies()
    page.goto(app_url + "/public?lang=fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".js-plotly-plot .bars").first).to_be_attached()  # chart drawn by plotly
    expect(page.locator("[data-suppressed]").first).to_be_attached()  # small cells hidden
    page.goto(app_url + "/outcomes")
    expect(page.locator("#login-form")).to_be_visible()
    expect(page).to_have_url(app_url + "/login?next=%2Foutcomes")


def test_public_presentation_mode_shows_the_same_protected_figures_in_large_type(
    page: Page, app_url: str
) -> None:
    page.context.clear_cookies()
    page.goto(app_url + "/public?lang=nl")
    hidden = page.locator("[data-suppressed]").count()
    page.goto(app_url + "/public?lang=nl&present=1")
    expect(page.locator("body")).to_have_class("fs-4")
    expect(page.locator("[data-suppressed]")).to_have_count(hidden)  # the same filter applies
    expect(page.locator("a[lang=fr]")).to_have_attribute("href", "/public?lang=fr&present=1")
