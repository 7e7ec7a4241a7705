"""First render and bytes transferred per page, in headless Chromium (Debian's, via Playwright).

    python -m bench.render --url http://127.0.0.1:8050 --user bench [--runs 5]

`measure_pages` opens each page signed in (the session cookies given), as a first visit (a fresh
browser context: empty HTTP cache, no connections) `runs` times and then `runs` times more with
the cache warm (new tabs of the last cold visit's context). The user of `--user` must sign in with
BENCH_PASSWORD (default: the tests' password, as `add_test_user` sets it).

First render: milliseconds from navigation start (`performance.timeOrigin`: the browser starting
the navigation, before the request for the HTML) to the first frame painted after all of these
hold together in the document:

- the pages router has filled `#_pages_content` (it has at least one child element);
- dash-renderer has no callback pending (no `._dash-loading-callback`, which it shows while any
  non-persistent callback is requested or running) and no element carries
  `data-dash-is-loading`;
- every `dcc.Graph` (`.dash-graph`) has drawn: it holds `.js-plotly-plot .main-svg` and no
  longer carries `dash-graph--pending`, which dcc sets on the Suspense placeholder while the
  graph's code loads and on the graph from the start of `Plotly.react` until its promise
  resolves (traces drawn; `.main-svg` alone appears 150-250 ms earlier, before the traces).

How: a MutationObserver, installed with `add_init_script` before any of the page's scripts runs,
tests the condition after every batch of DOM changes (the condition is about the DOM only, so it
can only become true on a change) and stamps `performance.now()` on the first that satisfies it;
then the next animation frame posts a message, whose handler runs once that frame has been
painted, and stamps the render time. This is more accurate than `page.wait_for_function` read
from Python: that polls (every animation frame at best, ~16 ms apart, or on a timer) and is only
installed after the navigation commits, and reading `performance.now()` afterwards adds a
round trip to the browser; the observer runs in the page, in the microtask right after the
change.

Bytes: the encoded length (compressed body as sent, with the response headers) of every
http(s) response of the visit, from the Chrome DevTools Protocol (`Network.loadingFinished`
`encodedDataLength`, plus the responses of redirects), from navigation until the network has
been quiet for QUIET_S after the first render; request bodies sent are not counted. The
decompressed body bytes (`Network.dataReceived` `dataLength`) are given beside them, which shows
the compression (flask-compress) is counted.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast
from urllib.parse import urlparse

from playwright.sync_api import (
    Browser,
    BrowserContext,
    CDPSession,
    Page,
    ViewportSize,
    sync_playwright,
)

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.serving import TEST_PASSWORD, signed_in

# /programmes draws one section at a time (`?section=`): each is a first render of its own
PAGES = [
    "/",
    "/map",
    "/outcomes",
    "/programmes",
    "/programmes?section=plans",
    "/programmes?section=compare",
    "/network",
    "/practices",
    "/data",
]
TARGET_MS = 1500.0  # the target for the first render of each page
QUIET_S = 0.5  # a visit's transfers are over once the network has been idle this long
TIMEOUT_MS = 30_000
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}  # as the browser tests

# Stamps window.__atlasFirstRender = {dom, painted, graphs} (times in ms since navigation start);
# see the module docstring for the condition. The top document only: frames have their own clocks.
FIRST_RENDER_SCRIPT = """
(() => {
  if (window.top !== window) return;
  const drawn = () => {
    const content = document.getElementById('_pages_content');
    if (!content || content.childElementCount === 0) return false;
    if (document.querySelector(
      '._dash-loading-callback, [data-dash-is-loading], .dash-graph--pending')) return false;
    for (const graph of document.querySelectorAll('.dash-graph')) {
      if (!graph.querySelector('.js-plotly-plot .main-svg')) return false;
    }
    return true;
  };
  const observer = new MutationObserver(() => {
    if (!drawn()) return;
    observer.disconnect();
    const dom = performance.now();
    const graphs = document.querySelectorAll('.dash-graph').length;  // what was waited for
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        window.__atlasFirstRender = {dom: dom, painted: performance.now(), graphs: graphs};
      };
      channel.port2.postMessage(null);
    });
  });
  observer.observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def session_cookies(url: str, user: str, password: str = TEST_PASSWORD) -> list[dict[str, object]]:
    """The session cookie of `user`, signed in through the real form, for `measure_pages`."""
    cookie = signed_in(url, user, password).session_cookie()
    return [{"name": cookie["name"], "value": cookie["value"], "url": url}]


@dataclass
class Transfer:
    """What one tab received over the network, from its own DevTools session."""

    encoded_bytes: int = 0
    decoded_bytes: int = 0
    requests: int = 0
    in_flight: set[str] = field(default_factory=set)
    last_event: float = field(default_factory=time.monotonic)

    def watch(self, cdp: CDPSession) -> None:
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.dataReceived", self._data)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.send("Network.enable")

    def _sent(self, event: dict[str, Any]) -> None:
        self.last_event = time.monotonic()
        # data: and blob: URLs never reach the network.
        if not event["request"]["url"].startswith(("http:", "https:")):
            return
        redirect = event.get("redirectResponse")
        if redirect:  # the same requestId continues; its redirect hop gets no loadingFinished
            self.encoded_bytes += int(redirect.get("encodedDataLength", 0))
        self.requests += 1
        self.in_flight.add(event["requestId"])

    def _data(self, event: dict[str, Any]) -> None:
        if event["requestId"] in self.in_flight:
            self.decoded_bytes += int(event["dataLength"])

    def _finished(self, event: dict[str, Any]) -> None:
        self.last_event = time.monotonic()
        if event["requestId"] in self.in_flight:
            self.in_flight.discard(event["requestId"])
            self.encoded_bytes += int(event["encodedDataLength"])

    def _failed(self, event: dict[str, Any]) -> None:
        self.last_event = time.monotonic()
        self.in_flight.discard(event["requestId"])

    def wait_quiet(self, page: Page) -> None:
        """Until nothing is in flight and nothing started or ended for QUIET_S."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while self.in_flight or time.monotonic() - self.last_event < QUIET_S:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{page.url}: requests still in flight: {len(self.in_flight)}")
            page.wait_for_timeout(50)  # also lets Playwright deliver the DevTools events


def new_context(browser: Browser, cookies: list[dict[str, object]]) -> BrowserContext:
    # No page.route() here: intercepting requests turns Chromium's HTTP cache off.
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    # Playwright's own cookie type is a TypedDict; the API takes plain dicts, as asked.
    context.add_cookies(cast(Any, cookies))
    context.add_init_script(FIRST_RENDER_SCRIPT)
    return context


def visit(context: BrowserContext, url: str, transfer: Transfer | None = None) -> float:
    """Open `url` in a new tab of `context`; its first render in ms (the tab is closed after)."""
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        if transfer is not None:
            transfer.watch(context.new_cdp_session(page))
        response = page.goto(url)
        if response is None or not response.ok or urlparse(page.url).path != urlparse(url).path:
            status = response.status if response else None
            raise RuntimeError(f"{url} answered {status} at {page.url} (signed out?)")
        stamp = page.wait_for_function("() => window.__atlasFirstRender").json_value()
        if transfer is not None:
            transfer.wait_quiet(page)
        return float(stamp["painted"])
    finally:
        page.close()


def measure_page(
    browser: Browser, base: str, path: str, cookies: list[dict[str, object]], runs: int
) -> dict[str, object]:
    # Imported here: bench.harness is where these figures are reported, and importing it at the
    # top would make the two modules import each other.
    from bench.harness import summary

    # One unmeasured visit first, as bench.harness warms each action: the server's workers open
    # the warehouse lazily and Chromium starts its helper processes.
    url = base + path
    warmup = new_context(browser, cookies)
    try:
        visit(warmup, url)
    finally:
        warmup.close()
    cold: list[float] = []
    transfers: list[Transfer] = []
    warm: list[float] = []
    for run in range(runs):
        context = new_context(browser, cookies)  # a new context: empty HTTP cache
        try:
            transfers.append(Transfer())
            cold.append(visit(context, url, transfers[-1]))
            if run == runs - 1:
                # This cold visit filled the context's cache: the warm visits are new tabs in it.
                warm = [visit(context, url) for _ in range(runs)]
        finally:
            context.close()
    median = sorted(transfers, key=lambda t: t.encoded_bytes)[(runs - 1) // 2]
    return {
        "page": path,
        "first_render_ms": summary(cold),
        "first_visit_bytes": median.encoded_bytes,
        "first_visit_decoded_bytes": median.decoded_bytes,
        "first_visit_requests": median.requests,
        "warm_render_ms": summary(warm),
    }


def measure_pages(
    url: str,
    cookies: list[dict[str, object]],
    paths: list[str],
    runs: int,
    *,
    browser: Browser | None = None,
) -> list[dict[str, object]]:
    """First render (cold and warm HTTP cache) and first-visit transfer of each page at `url`.

    `cookies` are Playwright cookies (name, value, url), usually `session_cookies(url, user)`.
    Per path: `first_render_ms` and `warm_render_ms` as {"median", "p95"} (bench.harness's
    `summary`) over `runs` visits each, and of the cold visits the one with the median
    `first_visit_bytes`: its bytes received (compressed, headers included), its decompressed
    body bytes and its number of http(s) requests. Definitions in the module docstring.

    Chromium is launched here unless `browser` is given: Playwright's sync API cannot start
    while another instance runs in the same thread, as the browser tests' one does.
    """
    if runs < 1:
        raise ValueError("runs must be at least 1")
    base = url.rstrip("/")
    if browser is not None:
        return [measure_page(browser, base, path, cookies, runs) for path in paths]
    with sync_playwright() as playwright:
        own = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            return [measure_page(own, base, path, cookies, runs) for path in paths]
        finally:
            own.close()


def table(results: Sequence[dict[str, Any]]) -> str:
    lines = [
        f"{'page':28} {'render med':>10} {'p95':>8} {'warm med':>9} {'p95':>8} "
        f"{'KB':>8} {'KB raw':>8} {'requests':>8}"
    ]
    for r in results:
        cold, warm = r["first_render_ms"], r["warm_render_ms"]
        over = "  over target" if cold["median"] > TARGET_MS else ""
        lines.append(
            f"{r['page']:28} {cold['median']:10.0f} {cold['p95']:8.0f} {warm['median']:9.0f} "
            f"{warm['p95']:8.0f} {r['first_visit_bytes'] / 1024:8.1f} "
            f"{r['first_visit_decoded_bytes'] / 1024:8.1f} {r['first_visit_requests']:8d}{over}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> list[dict[str, object]]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--url", required=True, help="the served app, e.g. http://127.0.0.1:8050")
    parser.add_argument("--user", required=True, help="a user allowed to see every page")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated paths")
    args = parser.parse_args(argv)
    password = os.environ.get("BENCH_PASSWORD") or TEST_PASSWORD
    paths = [p.strip() for p in args.pages.split(",") if p.strip()]
    results = measure_pages(
        args.url, session_cookies(args.url, args.user, password), paths, args.runs
    )
    print(f"runs: {args.runs}  first render in ms (target {TARGET_MS:.0f}), first visit in KB")
    print(table(results))
    return results


if __name__ == "__main__":
    main()
