"""The outcomes page in headless Chromium: filters, search, the chain, the Excel export."""

from __future__ import annotations

import subprocess
from pathlib import Path

import fastexcel
from playwright.sync_api import Page, expect

from atlas.i18n import _, language
from tests.expected import expected_outcomes


def grid_ids(page: Page) -> set[str]:
    """Outcome identifiers of every row the grid has loaded, once loading is done."""
    page.wait_for_selector("#outcomes-grid .ag-root")
    found = page.evaluate("""async () => {
        for (let attempt = 0; attempt < 100; attempt++) {
            const api = window.dash_ag_grid && dash_ag_grid.getApi('outcomes-grid');
            if (api) {
                const ids = [];
                let loading = false;
                api.forEachNode(node => {
                    if (node.data) { ids.push(node.data.outcome_id); } else { loading = true; }
                });
                if (!loading && ids.length === api.getDisplayedRowCount()) { return ids; }
            }
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        return null;
    }""")
    assert found is not None, "the grid did not finish loading"
    return set(found)


def test_filtering_changes_table_and_counts(page: Page, app_url: str) -> None:
    page.goto(app_url + "/outcomes?programme=2012-2016")
    expected = expected_outcomes(("2012-2016",))
    expect(page.locator("#outcomes-total")).to_have_text(
        f"{len(expected)} outcome(s), each counted once"
    )
    assert grid_ids(page) == expected
    page.locator("#outcomes-level").click()
    page.get_by_role("option", name="Policy").click()
    page.wait_for_url("**/outcomes?programme=2012-2016&level=policy")
    policy = expected_outcomes(("2012-2016",), levels=("policy",))
    expect(page.locator("#outcomes-total")).to_have_text(
        f"{len(policy)} outcome(s), each counted once"
    )
    assert grid_ids(page) == policy
    totals = page.locator("#outcomes-counts-table tbody tr td:last-child").all_inner_texts()
    assert sum(int(t) for t in totals) == len(policy)


def test_search_finds_by_a_word_of_the_significance_only(page: Page, app_url: str) -> None:
    page.goto(app_url + "/outcomes?programme=2012-2016&q=incomes")
    assert grid_ids(page) == expected_outcomes(("2012-2016",), words="incomes") == {"OC-2016-004"}
    page.goto(app_url + "/outcomes?programme=2012-2016&q=incomes%20zeppelin")
    expect(page.locator("#outcomes-empty")).to_be_visible()


def test_hostile_search_text_is_only_searched(page: Page, app_url: str) -> None:
    page.goto(app_url + "/outcomes?q=%27%3B%20drop%20table%20fct_outcome%3B%20--%20100%25")
    expect(page.locator("#outcomes-empty")).to_be_visible()
    page.goto(app_url + "/outcomes")
    page.locator("#outcomes-q").fill("union " * 2000)
    page.locator("#outcomes-q").press("Enter")
    page.wait_for_url("**/outcomes?q=union*")
    assert len(page.url) < 1000
    expect(page.locator("#outcomes-total")).to_be_visible()


def test_an_outcome_shows_its_contribution_chain(page: Page, app_url: str) -> None:
    page.goto(app_url + "/outcomes?programme=2012-2016&q=incomes")
    page.wait_for_selector("#outcomes-grid .ag-row [col-id='outcome_id']")
    page.locator("#outcomes-grid .ag-center-cols-container .ag-row").first.click()
    detail = page.locator("#outcome-detail-card")
    expect(detail).to_contain_text("Half of market vendors' taxes")
    expect(page.locator("#outcome-chain")).to_contain_text("EX-2015-001")
    expect(page.locator("#outcome-chain")).to_contain_text("IP-2015-001")


def test_excel_export_reads_back_with_the_table_rows(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    page.goto(app_url + "/outcomes?programme=2017-2021&level=policy")
    expected = expected_outcomes(("2017-2021",), levels=("policy",))
    assert grid_ids(page) == expected
    page.locator("#export-illustrative").check()
    with page.expect_download() as download:
        page.locator("#export-excel").click()
    path = tmp_path / "outcomes.xlsx"
    download.value.save_as(path)
    reader = fastexcel.read_excel(str(path))
    assert reader.sheet_names[:3] == ["Filters", "Outcomes", "Counts"]
    filters = reader.load_sheet_by_name("Filters").to_polars()
    assert "2017-2021" in filters["Value"].to_list()
    outcomes = reader.load_sheet_by_name("Outcomes").to_polars()
    assert set(outcomes["Outcome"]) == expected


def test_the_excel_export_in_french_has_french_headers(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    page.goto(app_url + "/outcomes?programme=2017-2021&level=policy&lang=fr")
    grid_ids(page)
    with page.expect_download() as download:
        page.locator("#export-excel").click()
    path = tmp_path / "resultats.xlsx"
    download.value.save_as(path)
    reader = fastexcel.read_excel(str(path))
    with language("fr"):
        assert reader.sheet_names[:3] == [_("Filters"), _("Outcomes"), _("Counts")]
        outcomes = reader.load_sheet_by_name(_("Outcomes")).to_polars()
        assert {_("What changed"), _("Substantiation"), _("Change agents")} <= set(outcomes.columns)
        filters = reader.load_sheet_by_name(_("Filters")).to_polars()
        assert _("Programmes") in filters[_("Filter")].to_list()
    assert "Résultat" in outcomes.columns  # the French word, not the column name outcome_id


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_pdf_report_pack_holds_the_outcome_statements(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    page.goto(app_url + "/outcomes?programme=2012-2016")
    grid_ids(page)
    with page.expect_download(timeout=60_000) as download:
        page.locator("#export-pdf").click()
    internal = tmp_path / "internal.pdf"
    download.value.save_as(internal)
    text = " ".join(pdf_text(internal).split())
    assert "Internal version" in text
    assert "Half of market vendors' taxes are used for cleaning" in text
    assert "Illustrative outcome" not in text  # left out unless asked for
    with page.expect_download(timeout=60_000) as download:
        page.locator("#export-pdf-public").click()
    public = tmp_path / "public.pdf"
    download.value.save_as(public)
    text = " ".join(pdf_text(public).split())
    assert "Public version" in text and "OC-2016-004" in text
