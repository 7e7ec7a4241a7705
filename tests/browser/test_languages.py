"""Every page in English, French and Dutch: its words translated, its numbers formatted the
way the language writes them, nothing logged to the console."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from atlas.i18n import _, format_number, format_share, language
from tests.browser.conftest import PageFactory
from tests.browser.test_network import sample_pairs
from tests.expected import expected_comparison, expected_kpis, expected_outcomes

LANGUAGES = ("en", "fr", "nl")


def women_share() -> str:
    value = expected_kpis("2017-2021")["women_share"]
    assert isinstance(value, float)
    return format_share(value)


def mixed_share() -> str:
    value = expected_comparison("2012-2016")["mixed_delegation_share"]
    assert value is not None
    return format_share(value)


def reciprocity() -> str:
    pairs = sample_pairs("2012-2016")
    return format_share(sum((b, a) in pairs for a, b in pairs) / len(pairs))


def outcome_count() -> str:
    return format_number(len(expected_outcomes(("2012-2016",))))


# page, its title, and (element, expected text computed by hand in the page's language)
PAGES = {
    "/?programme=2017-2021": ("Programme overview", "#kpi-women_share", women_share),
    "/programmes?programme=2012-2016&section=compare": (
        "Programme results",
        "#compare-mixed_delegation_share td",
        mixed_share,
    ),
    "/network?programme=2012-2016": ("Learning network", "#overall-reciprocity", reciprocity),
    "/outcomes?programme=2012-2016": ("Outcomes", "#outcomes-total", outcome_count),
    "/map?programme=2012-2016": ("Map of exchanges", None, None),
    "/practices": ("Practice finder", None, None),
    "/data": ("Data", None, None),
    "/audit": ("Audit log", None, None),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_every_page_speaks_the_language(page: Page, app_url: str, path: str, lang: str) -> None:
    title, selector, expected = PAGES[path]
    page.goto(f"{app_url}{path}{'&' if '?' in path else '?'}lang={lang}")
    with language(lang):
        expect(page.locator("h1")).to_have_text(_(title))
        expect(page.locator("#nav-outcomes")).to_have_text(_("Outcomes"))
        if selector and expected:
            shown = page.locator(selector).first
            expect(shown).to_contain_text(expected())
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_french_and_dutch_differ_where_they_should(page: Page, app_url: str) -> None:
    with language("fr"):
        french = format_share(0.5)
    with language("nl"):
        dutch = format_share(0.5)
    assert french != dutch  # "50 %" against "50%": the test above can tell them apart


def test_the_switcher_keeps_the_page_and_is_remembered(
    open_page: PageFactory, app_url: str
) -> None:
    page = open_page("polyglot")
    page.goto(app_url + "/network?programme=2012-2016")
    page.locator("#language-menu").click()
    page.locator("#lang-nl").click()
    page.wait_for_url("**/network?programme=2012-2016&lang=nl")
    expect(page.locator("h1")).to_have_text("Leernetwerk")
    page.goto(app_url + "/")  # no ?lang=: the remembered choice
    with language("nl"):
        expect(page.locator("h1")).to_have_text(_("Programme overview"))
    page.locator("#language-menu").click()
    page.locator("#lang-en").click()  # and back, remembered too
    page.wait_for_url("**/?lang=en")  # the choice is saved before the address changes
    page.goto(app_url + "/")
    expect(page.locator("h1")).to_have_text("Programme overview")


def test_without_a_choice_the_browser_language_is_used(
    open_page: PageFactory, app_url: str
) -> None:
    page = open_page("francophone", locale="fr-BE")
    page.goto(app_url + "/outcomes")
    with language("fr"):
        expect(page.locator("h1")).to_have_text(_("Outcomes"))
    page.goto(app_url + "/outcomes?lang=pt")  # a shared link keeps its language
    expect(page.locator("h1")).to_have_text("Resultados")
    expect(page.locator("html")).to_have_attribute("lang", "pt")


def test_presentation_in_french_and_dutch_side_by_side(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?programme=2012-2016")
    page.locator("#map-present-bilingual").click()
    page.wait_for_url("**present=1**")
    with language("fr"):
        french = _("Exchanges between partner unions")
    with language("nl"):
        dutch = _("Exchanges between partner unions")
    expect(page.locator("#map-graph .gtitle")).to_contain_text(f"{french} / {dutch}")
