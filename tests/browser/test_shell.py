"""The app shell: navigation, local styles and icons, language switch."""

from __future__ import annotations

import gzip
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import BROWSER_USER
from tests.serving import signed_in


def test_shell_serves_bootstrap_and_icons_locally(page: Page, app_url: str) -> None:
    page.goto(app_url + "/")
    expect(page.locator("#nav-overview")).to_be_visible()
    navbar_background = page.locator("nav.navbar").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert navbar_background == "rgb(33, 37, 41)"  # Bootstrap's bg-dark: the local CSS applied
    expect(page.locator("i.bi").first).to_be_visible()
    icons_loaded = page.evaluate(
        "async () => { await document.fonts.ready;"
        " return document.fonts.check('1em bootstrap-icons'); }"
    )
    assert icons_loaded


def test_scripts_are_compressed_and_cached_for_slow_connections(app_url: str) -> None:
    client = signed_in(app_url, BROWSER_USER)
    with client.open(app_url + "/") as response:
        page = response.read().decode()
    [bundle] = [s for s in re.findall(r'src="([^"]+)"', page) if "react-dom@" in s]
    with client.open(app_url + bundle, headers={"Accept-Encoding": "gzip"}) as response:
        body = response.read()
        assert response.headers["Content-Encoding"] == "gzip"
        assert "max-age=31536000" in response.headers["Cache-Control"]
    with client.open(app_url + bundle, headers={"Accept-Encoding": "identity"}) as response:
        assert gzip.decompress(body) == response.read()
        # A cookie set again would vary the cached script away: the browser fetches it anew.
        assert "Set-Cookie" not in response.headers
    assert len(body) * 2 < len(gzip.decompress(body))
    with client.open(app_url + "/assets/geo/world_110m.json") as response:
        assert "no-store" not in response.headers.get("Cache-Control", "")  # geometry, kept


# Each page and an element that shows it drew.
PRELOADING = {
    "/": "#outcomes-by-theme .js-plotly-plot",
    "/map": "#map-graph .js-plotly-plot .choroplethlocation",
    "/network": "#learning-network .js-plotly-plot",
    "/outcomes": "#outcomes-sankey .js-plotly-plot",
    "/programmes": "#participation-by-sex .js-plotly-plot",
    "/practices": "#practices-organisation",
}


@pytest.mark.parametrize("path", list(PRELOADING))
def test_what_a_page_preloads_it_uses_once(page: Page, app_url: str, path: str) -> None:
    """The layout, the callbacks and the dcc code the page draws with are asked for from the
    page's head while the scripts run: each is requested once, taken by what needs it rather
    than asked for again, and none is left unused (Chromium warns of a preload not used within
    a few seconds of the load event)."""
    requested: list[str] = []
    warnings: list[str] = []
    page.on("request", lambda request: requested.append(request.url.split("?", 1)[0]))
    page.on("console", lambda message: warnings.append(message.text))
    page.goto(app_url + path)
    expect(page.locator(PRELOADING[path]).first).to_be_attached()
    preloaded = page.locator("link[rel=preload]").evaluate_all(
        "links => links.map(l => l.href.split('?')[0])"  # plotly.js's carries its fingerprint
    )
    assert app_url + "/_dash-layout" in preloaded
    page.wait_for_timeout(3500)  # Chromium's "preloaded but not used" comes 3 s after load
    for url in preloaded:
        assert requested.count(url) == 1, (url, requested)
        # requested from the head, before the renderer's script
        assert requested.index(url) < max(
            i for i, r in enumerate(requested) if "dash_renderer" in r
        ), requested
    assert not [w for w in warnings if "preload" in w], warnings
