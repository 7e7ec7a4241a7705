"""The network page: reciprocity and balance as the sample implies."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from etl.sample import sample_records


def sample_pairs(programme: str, theme: str | None = None) -> set[tuple[str, str]]:
    """(learner, host) organisation codes of the programme's exchanges (on the theme)."""
    records = sample_records()
    themes = {
        (t["programme_code"], t["theme_code"]): t["canonical_theme"]
        for t in records["programme_themes"]
    }
    hosts = {
        e["exchange_id"]: e["host_org_code"]
        for e in records["exchanges"]
        if e["programme_code"] == programme
        and (theme is None or themes[(programme, e["theme_code"])] == theme)
    }
    return {
        (str(p["org_code"]), str(hosts[p["exchange_id"]]))
        for p in records["exchange_participants"]
        if p["exchange_id"] in hosts
        and p["role"] != "host"
        and p["org_code"] != hosts[p["exchange_id"]]
    }


# True once the graph has drawn one arrow for each pair ("learner>host") wanted: as many points
# of its "flows" trace (one per arrow) in the document, and those pairs in that trace.
ARROWS_DRAWN = """(wanted) => {
  const graph = document.querySelector('#learning-network .js-plotly-plot');
  if (!graph || !graph._fullData) return false;
  const index = graph._fullData.findIndex(t => t.meta && t.meta.role === 'flows');
  if (index < 0) return wanted.length === 0;
  const trace = graph.querySelectorAll('.scatterlayer .trace')[index];
  const pairs = Array.from(graph._fullData[index].customdata).sort();
  return trace.querySelectorAll('path.point').length === wanted.length
    && JSON.stringify(pairs) === JSON.stringify(wanted);
}"""


def expect_arrows(page: Page, pairs: set[tuple[str, str]]) -> None:
    page.wait_for_function(ARROWS_DRAWN, arg=sorted(f"{a}>{b}" for a, b in pairs))


def names() -> dict[str, str]:
    return {
        str(o["org_code"]): f"{o['acronym']} ({o['country_code']})"
        for o in sample_records()["organisations"]
    }


def grid_row(page: Page, grid: str, organisation: str) -> Locator:
    """The row of the AG Grid `grid` whose organisation cell reads `organisation`."""
    cell = page.locator('[col-id="organisation"]').get_by_text(organisation, exact=True)
    return page.locator(f"#{grid} .ag-center-cols-container .ag-row").filter(has=cell)


def test_reciprocal_pairs_and_balance(page: Page, app_url: str) -> None:
    page.goto(app_url + "/network?programme=2012-2016")
    records = sample_records()
    pairs = sample_pairs("2012-2016")
    both_ways = sorted({(min(a, b), max(a, b)) for a, b in pairs if (b, a) in pairs})
    rows = page.locator("#reciprocal-pairs .ag-center-cols-container .ag-row")
    expect(rows).to_have_count(len(both_ways))
    for a, b in both_ways:
        expect(page.locator("#reciprocal-pairs")).to_contain_text(f"{names()[a]} ⇄ {names()[b]}")
    share = round(100 * sum((b, a) in pairs for a, b in pairs) / len(pairs))
    expect(page.locator("#overall-reciprocity")).to_contain_text(f"{share}")
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
    cnt = grid_row(page, "network-balance", names()["CNT-NE"])
    expect(cnt.locator('[col-id="visited"]')).to_have_text(str(visits))
    expect_arrows(page, pairs)


def test_choosing_a_theme_redraws_the_network(page: Page, app_url: str) -> None:
    page.goto(app_url + "/network?programme=2012-2016")
    expect(page.locator("#learning-network")).to_be_visible()
    page.locator("#network-theme").click()
    page.get_by_role("option", name="Domestic work").click()
    page.wait_for_url("**/network?programme=2012-2016&theme=domestic_work")
    pairs = sample_pairs("2012-2016", "domestic_work")
    assert pairs  # the sample has domestic-work exchanges in 2012-2016
    expect_arrows(page, pairs)
    for learner, host in pairs:
        hosted = grid_row(page, "network-balance", names()[host]).locator('[col-id="hosted"]')
        expect(hosted).not_to_have_text("0")
        expect(grid_row(page, "network-balance", names()[learner])).to_be_attached()
