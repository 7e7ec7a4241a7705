"""bench.render on the sample warehouse: every figure there and plausible, never speed itself."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from bench.render import FIRST_RENDER_SCRIPT, measure_pages, session_cookies
from tests.browser.conftest import PageFactory
from tests.serving import add_test_user

STAFF = "bench-staff"  # make bench signs in as staff: /data is theirs, /audit is not
PAGES = ["/", "/data"]  # with a plotly graph, and without


def test_measure_pages_reports_every_figure(
    browser: Browser, app_url: str, app_state: Path
) -> None:
    add_test_user(app_state, STAFF, "staff")
    cookies = session_cookies(app_url, STAFF)
    results = measure_pages(app_url, cookies, PAGES, runs=2, browser=browser)

    assert [r["page"] for r in results] == PAGES
    for r in results:
        for kind in ("first_render_ms", "warm_render_ms"):
            figures = r[kind]
            assert isinstance(figures, dict)
            assert 0 < figures["median"] <= figures["p95"], (r["page"], kind, figures)
        requests, sent, decoded = (
            r["first_visit_requests"],
            r["first_visit_bytes"],
            r["first_visit_decoded_bytes"],
        )
        assert isinstance(requests, int) and isinstance(sent, int) and isinstance(decoded, int)
        assert requests > 10, r  # the page, its scripts, styles and callbacks
        assert sent > 100_000, r  # React, dash-renderer and the component bundles at least
        # flask-compress answers compressed, and the compressed length is what is counted.
        assert sent * 2 < decoded, r


def test_first_render_waits_for_the_graphs(open_page: PageFactory, app_url: str) -> None:
    page = open_page()
    page.context.add_init_script(FIRST_RENDER_SCRIPT)
    page.goto(app_url + "/")
    stamp = page.wait_for_function("() => window.__atlasFirstRender").json_value()
    # The overview's graph was on the page, hence drawn, when the render was stamped.
    assert stamp["graphs"] >= 1, stamp
    assert 0 < stamp["dom"] <= stamp["painted"], stamp
    assert page.locator(".dash-graph:has(.main-svg)").count() == stamp["graphs"]
