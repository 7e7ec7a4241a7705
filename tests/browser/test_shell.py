"""The app shell: navigation, local styles and icons, language switch."""

from __future__ import annotations

import gzip
import re

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


def test_the_layout_and_callbacks_are_fetched_once_while_the_scripts_run(
    page: Page, app_url: str
) -> None:
    """Preloaded from the page's head: one round trip less before a page draws on a slow line,
    and dash-renderer takes the preloaded answers instead of asking again."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url.split("?", 1)[0]))
    page.goto(app_url + "/map")
    expect(page.locator("#map-graph .js-plotly-plot")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert requested.count(app_url + path) == 1, requested
        # requested from the head, before the renderer's script
        assert requested.index(app_url + path) < max(
            i for i, url in enumerate(requested) if "dash_renderer" in url
        ), requested
