"""The dashboard draws with its own partial plotly.js and never downloads the full bundle.

The full plotly.min.js (4.8 MB) is what dcc.Graph fetches when window.Plotly is not defined;
partners on slow, metered connections get assets/vendor/plotly/plotly-atlas.min.js instead.
"""

from __future__ import annotations

import re
import zlib

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import BROWSER_USER
from tests.serving import ROOT, signed_in

PARTIAL_BUNDLE = "/assets/vendor/plotly/plotly-atlas.min.js"
TRACES = ["bar", "choropleth", "heatmap", "sankey", "scatter", "scattergeo"]

# Each page, and for each of its graphs an element only a drawn trace of that type leaves.
PAGES = {
    "/": [("#outcomes-by-theme", "g.barlayer .trace.bars .point")],
    "/programmes": [("#participation-by-sex", "g.barlayer .trace.bars .point")],
    "/map?programme=2012-2016": [
        ("#map-graph", ".trace.choropleth .choroplethlocation"),
        ("#map-graph", ".trace.scattergeo path"),
    ],
    "/network?programme=2012-2016": [
        ("#learning-network", "g.scatterlayer .trace.scatter .point"),
        ("#learning-matrix", "g.heatmaplayer .hm image"),
    ],
    "/outcomes?programme=2012-2016": [("#outcomes-sankey", ".sankey .sankey-node")],
}


def scripts_requested(page: Page) -> list[str]:
    """Every script URL the page asks for, from now on (without the query string)."""
    urls: list[str] = []

    def record(request: Request) -> None:
        if request.resource_type == "script":
            urls.append(request.url.split("?", 1)[0])

    page.on("request", record)
    return urls


@pytest.mark.parametrize("path", list(PAGES))
def test_each_trace_type_draws_with_the_partial_bundle(page: Page, app_url: str, path: str) -> None:
    scripts = scripts_requested(page)
    page.goto(app_url + path)
    for graph, trace in PAGES[path]:
        expect(page.locator(f"{graph} .js-plotly-plot")).to_have_count(1)
        expect(page.locator(f"{graph} {trace}").first).to_be_attached()
    # Graphs load plotly.js on demand: wait until the page has settled before counting.
    page.wait_for_load_state("networkidle")
    assert [url for url in scripts if url.endswith(PARTIAL_BUNDLE)] == [app_url + PARTIAL_BUNDLE]
    assert not [url for url in scripts if url.endswith("plotly.min.js")], scripts
    # Nor Dash's @babel/polyfill (dashboard.app leaves it out): the graphs' code, loaded on
    # demand through the global regeneratorRuntime, drew without it.
    assert not [url for url in scripts if "/deps/polyfill@" in url], scripts
    registered = page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces).sort()")
    assert registered == TRACES


def test_a_page_without_graphs_loads_no_plotly_until_one_is_drawn(page: Page, app_url: str) -> None:
    """plotly.js (half of a first visit's bytes) comes with the first graph, not before: a page
    without graphs never asks for it, and a graph reached from there draws with our bundle."""
    scripts = scripts_requested(page)
    page.goto(app_url + "/practices")
    expect(page.locator("#practices-organisation")).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert not [url for url in scripts if url.endswith(".min.js") and "plotly" in url], scripts
    assert page.evaluate("() => typeof window.Plotly") == "undefined"
    page.locator("#navbar a.nav-link[href^='/programmes']").click()  # within the page, no reload
    expect(
        page.locator("#participation-by-sex g.barlayer .trace.bars .point").first
    ).to_be_attached()
    plotly = [url for url in scripts if url.endswith(".min.js") and "plotly" in url]
    assert plotly == [app_url + PARTIAL_BUNDLE], scripts
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1


def test_the_public_view_draws_with_the_partial_bundle(page: Page, app_url: str) -> None:
    scripts = scripts_requested(page)
    page.goto(app_url + "/public")
    expect(page.locator(".js-plotly-plot g.barlayer .trace.bars .point").first).to_be_attached()
    assert app_url + "/public/plotly.min.js" in scripts  # the name it has always had
    assert page.evaluate("() => Object.keys(Plotly.PlotSchema.get().traces).sort()") == TRACES


def test_the_bundle_is_compressed_and_kept_a_year(app_url: str) -> None:
    client = signed_in(app_url, BROWSER_USER)
    with client.open(app_url + "/") as response:
        page = response.read().decode()
    [bundle] = re.findall(r'<meta name="atlas-plotly-js" content="([^"]+)">', page)
    assert bundle.startswith(PARTIAL_BUNDLE + "?m=")  # fingerprinted: rebuilt, it gets a new URL
    # flask-compress streams files from assets/, never as gzip: browsers also offer deflate.
    with client.open(app_url + bundle, headers={"Accept-Encoding": "deflate"}) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "deflate"
        assert response.headers["Cache-Control"] == "max-age=31536000, immutable"
    assert zlib.decompress(body) == (ROOT / PARTIAL_BUNDLE.lstrip("/")).read_bytes()
    assert len(body) < 600_000  # the full plotly.min.js: 1.4 MB compressed
