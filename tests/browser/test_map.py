"""The map in headless Chromium, offline: geometry, shading and arcs as the data implies."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.expected import expected_map
from tests.png import colour_count, read_png

READ_FIGURE = """() => {
    const gd = document.querySelector('#map-graph .js-plotly-plot');
    const choropleth = gd.data.find(t => t.type === 'choropleth');
    const shaded = choropleth.locations.filter((_, i) => choropleth.z[i] > 0);
    const pairs = new Set();
    gd.data.filter(t => t.meta && t.meta.role === 'flows')
        .forEach(t => t.customdata.forEach(p => p && pairs.add(p)));
    return {shaded: shaded, pairs: [...pairs]};
}"""


def drawn_geometry(page: Page, root: str = "#map-graph") -> int:
    """Characters of SVG path data in the base map's land layer: 0 when nothing was drawn."""
    page.wait_for_selector(f"{root} .geo .layer.land path", state="attached")
    return int(
        page.evaluate(
            f"() => [...document.querySelectorAll('{root} .geo .layer.land path')]"
            ".reduce((n, p) => n + (p.getAttribute('d') || '').length, 0)"
        )
    )


def figure_sets(page: Page) -> tuple[set[str], set[str]]:
    page.wait_for_selector("#map-graph .js-plotly-plot .geo")
    found = page.evaluate(READ_FIGURE)
    return set(found["shaded"]), set(found["pairs"])


def figure_becomes(page: Page, expected: tuple[set[str], set[str]]) -> tuple[set[str], set[str]]:
    """The figure's sets once they equal `expected`, or the last ones seen after 10 s."""
    for _attempt in range(100):
        found = figure_sets(page)
        if found == expected:
            break
        page.wait_for_timeout(100)
    return found


def test_base_map_is_drawn_from_local_geometry(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?programme=2012-2016")
    assert drawn_geometry(page) > 2000


def test_shading_and_arcs_are_those_the_sample_implies(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?programme=2012-2016")
    assert figure_sets(page) == expected_map(("2012-2016",))


def test_a_filter_matching_nothing_draws_an_empty_map(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?programme=2012-2016&year_from=2020")
    assert expected_map(("2012-2016",)) != (set(), set())
    assert figure_sets(page) == (set(), set())
    assert drawn_geometry(page) > 2000  # the countries are still drawn, unshaded


def test_changing_a_filter_changes_them_and_the_url_restores_it(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?programme=2017-2021")
    assert figure_sets(page) == expected_map(("2017-2021",))
    page.locator("#map-theme").click()
    page.get_by_role("option", name="Gender").click()
    page.wait_for_url("**/map?programme=2017-2021&theme=gender")
    expected = expected_map(("2017-2021",), ("gender",))
    assert expected != expected_map(("2017-2021",))
    assert figure_becomes(page, expected) == expected
    page.goto(app_url + "/map?programme=2017-2021&theme=gender")
    assert figure_sets(page) == expected_map(("2017-2021",), ("gender",))


def test_presentation_mode_shows_title_legend_and_source(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?programme=2012-2016&present=1")
    graph = page.locator("#map-graph")
    expect(graph.locator(".gtitle")).to_contain_text("Exchanges between partner unions")
    expect(graph.locator(".legend")).to_contain_text("Partner-to-partner visits")
    expect(graph.locator(".annotation")).to_contain_text("Source: Solidarity Atlas, 2012-2016")
    expect(page.locator("#map-programme")).to_have_count(0)


@pytest.mark.parametrize(
    ("button", "size"), [("#export-png-hd", (1920, 1080)), ("#export-png-4k", (3840, 2160))]
)
def test_png_export_has_slide_size_and_the_map_colours(
    page: Page, app_url: str, tmp_path: Path, button: str, size: tuple[int, int]
) -> None:
    page.goto(app_url + "/map?programme=2012-2016")
    drawn_geometry(page)
    with page.expect_download() as download:
        page.locator(button).click()
    path = tmp_path / "map.png"
    download.value.save_as(path)
    width, height, rows = read_png(path)
    assert (width, height) == size
    channels = len(rows[0]) // width
    # The countries hosting the most exchanges carry the darkest choropleth colour, and the
    # arcs their themes' colours: the image is the map, not a blank page.
    assert colour_count(rows, (0x73, 0x73, 0x73), channels) > 100
    assert colour_count(rows, (0x00, 0x9E, 0x73), channels) > 100  # environment & climate


# Where a country lies in a 1920×1080 rendering of the current figure, and its fill colour.
LOCATE = """async (alpha3) => {
    const gd = document.querySelector('#map-graph .js-plotly-plot');
    const div = document.createElement('div');
    div.style.position = 'absolute'; div.style.left = '0px'; div.style.top = '0px';
    document.body.appendChild(div);
    await Plotly.newPlot(div, gd.data, Object.assign({}, gd.layout, {width: 1920, height: 1080}),
                         {topojsonURL: gd._context.topojsonURL, staticPlot: true});
    const path = [...div.querySelectorAll('.choroplethlocation')]
        .find(p => p.__data__ && p.__data__.loc === alpha3);
    const box = path.getBBox(), origin = div.getBoundingClientRect();
    for (let fy = 0.3; fy < 0.8; fy += 0.05) for (let fx = 0.3; fx < 0.8; fx += 0.05) {
        const local = new DOMPoint(box.x + box.width * fx, box.y + box.height * fy);
        if (path.isPointInFill(local)) {
            const screen = local.matrixTransform(path.getScreenCTM());
            const fill = getComputedStyle(path).fill.match(/\\d+/g).map(Number);
            div.remove();
            return [Math.round(screen.x - origin.left), Math.round(screen.y - origin.top), fill];
        }
    }
    return null;
}"""


def test_png_export_shows_a_partner_country_in_its_colour(
    page: Page, app_url: str, tmp_path: Path
) -> None:
    page.goto(app_url + "/map?programme=2012-2016")
    drawn_geometry(page)
    x, y, fill = page.evaluate(LOCATE, "NER")  # Niger: CNT, a partner
    with page.expect_download() as download:
        page.locator("#export-png-hd").click()
    path = tmp_path / "map.png"
    download.value.save_as(path)
    width, _height, rows = read_png(path)
    channels = len(rows[0]) // width
    pixel = list(rows[y][x * channels : x * channels + 3])
    assert all(abs(a - b) <= 3 for a, b in zip(pixel, fill, strict=True)), (pixel, fill)


def test_clicking_a_country_opens_its_panel(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?programme=2012-2016")
    page.wait_for_selector("#map-graph .choroplethlocation", state="attached")
    # plotly.js's own hit-testing turns a click into this event; the panel is ours to test.
    page.evaluate("""() => {
        const gd = document.querySelector('#map-graph .js-plotly-plot');
        const i = gd.data[0].customdata.indexOf('BR');
        gd.emit('plotly_click', {points: [{curveNumber: 0, pointNumber: i, location: 'BRA',
                                           customdata: 'BR'}], event: {}});
    }""")
    panel = page.locator("#country-panel-card")
    expect(panel).to_contain_text("Brazil")
    expect(panel).to_contain_text("KSBSI visits UGT in São Paulo")
    link = page.locator("#country-outcomes-link")
    expect(link).to_have_attribute("href", "/outcomes?programme=2012-2016&country=BR")


def test_presentation_arrow_keys_step_through_views(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map?present=1")
    page.wait_for_selector("#present-sequence", state="attached")
    drawn_geometry(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/map?programme=2012-2016&present=1")
    drawn_geometry(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/map?programme=2017-2021&present=1")
    drawn_geometry(page)
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/map?programme=2012-2016&present=1")
    drawn_geometry(page)
    page.keyboard.press("Escape")
    page.wait_for_url("**/map?programme=2012-2016")
    expect(page.locator("#map-programme")).to_be_visible()


def test_play_steps_through_the_years(page: Page, app_url: str) -> None:
    page.goto(app_url + "/map")
    drawn_geometry(page)
    page.locator("#map-play").click()
    page.wait_for_url("**/map?year_to=2012")
    page.wait_for_url("**/map?year_to=2013", timeout=10_000)
    page.locator("#map-play").click()
    drawn_geometry(page)


def test_standalone_html_draws_offline(
    page: Page, app_url: str, browser: Browser, tmp_path: Path
) -> None:
    page.goto(app_url + "/map?programme=2012-2016")
    drawn_geometry(page)
    with page.expect_download() as download:
        page.locator("#export-html").click()
    path = tmp_path / "map.html"
    download.value.save_as(path)
    context = browser.new_context()
    offline = context.new_page()
    fetched: list[str] = []

    def local_only(route: Route) -> None:
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            fetched.append(route.request.url)
            route.abort()

    offline.route("**/*", local_only)
    offline.goto(path.as_uri())
    assert drawn_geometry(offline, ".plotly-graph-div") > 2000
    assert fetched == []
    context.close()
