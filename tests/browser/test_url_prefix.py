"""Behind a URL prefix every asset, the map geometry included, still comes from the app."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_map import drawn_geometry
from tests.serving import free_port, gunicorn_command, serve


@pytest.fixture(scope="module")
def prefixed_app(sample_warehouse: Path, app_state: Path) -> Iterator[str]:
    port = free_port()
    command = gunicorn_command(port)
    env = {
        "ATLAS_DB": str(sample_warehouse),
        "ATLAS_STATE": str(app_state),  # the browser's session holds here too
        "DASH_URL_BASE_PATHNAME": "/atlas/",
    }
    with serve(command, env, port, ready_path="/atlas/login") as url:
        yield url + "/atlas"


def test_pages_and_map_work_under_a_prefix(page: Page, prefixed_app: str) -> None:
    page.goto(prefixed_app + "/map?programme=2012-2016")
    assert drawn_geometry(page) > 2000
    navbar_background = page.locator("nav.navbar").evaluate(
        "el => getComputedStyle(el).backgroundColor"
    )
    assert navbar_background == "rgb(33, 37, 41)"
    expect(page.locator("#nav-outcomes")).to_have_attribute(
        "href", "/atlas/outcomes?programme=2012-2016"
    )
