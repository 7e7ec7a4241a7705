"""Headless Chromium (Debian's) driven by Playwright, against the app served by gunicorn.

Every request that does not go to the loopback address is aborted and recorded, and every
console error is recorded; each test fails if either list is not empty at its end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    Route,
    sync_playwright,
)

from tests.serving import (
    add_test_user,
    free_port,
    gunicorn_command,
    serve,
    signed_in,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}


@dataclass
class BrowserLog:
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)


BROWSER_USER = "browser-admin"  # the browser tests sign in as an admin: every page, every button


@pytest.fixture(scope="session")
def app_state(tmp_path_factory: pytest.TempPathFactory) -> Path:
    state = tmp_path_factory.mktemp("state") / "state.sqlite"
    add_test_user(state, BROWSER_USER, "admin")
    return state


@pytest.fixture(scope="session")
def app_url(sample_warehouse: Path, app_state: Path) -> Iterator[str]:
    port = free_port()
    env = {"ATLAS_DB": str(sample_warehouse), "ATLAS_STATE": str(app_state)}
    with serve(gunicorn_command(port), env, port, ready_path="/login") as url:
        yield url


@pytest.fixture(scope="session")
def session_cookies() -> dict[str, dict[str, str]]:
    """One sign-in per user for the whole run (scrypt is slow on purpose)."""
    return {}


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


PageFactory = Callable[..., Page]


@pytest.fixture
def open_page(
    browser: Browser,
    browser_log: BrowserLog,
    app_url: str,
    app_state: Path,
    session_cookies: dict[str, dict[str, str]],
) -> Iterator[PageFactory]:
    """Pages signed in as a given user (the shared browser user by default), each in its own
    context with its own browser locale; every page checks it made no request off the machine
    and logged no console error."""
    contexts: list[BrowserContext] = []

    def make(user: str = BROWSER_USER, locale: str = "en-US") -> Page:
        if user not in session_cookies:
            add_test_user(app_state, user, "admin")
            session_cookies[user] = signed_in(app_url, user).session_cookie()
        cookie = session_cookies[user]
        context = browser.new_context(viewport={"width": 1400, "height": 900}, locale=locale)
        contexts.append(context)
        context.add_cookies([{"name": cookie["name"], "value": cookie["value"], "url": app_url}])
        page = context.new_page()
        page.set_default_timeout(15_000)

        def guard(route: Route) -> None:
            host = urlparse(route.request.url).hostname or ""
            if route.request.url.startswith(("data:", "blob:")) or host in LOOPBACK:
                route.continue_()
            else:
                browser_log.external_requests.append(route.request.url)
                route.abort()

        page.route("**/*", guard)

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                browser_log.console_errors.append(message.text)

        def on_page_error(error: Error) -> None:
            browser_log.console_errors.append(str(error))

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        return page

    yield make
    for context in contexts:
        context.close()
    assert browser_log.external_requests == [], "requests left 127.0.0.1"
    assert browser_log.console_errors == [], "the browser console logged errors"


@pytest.fixture
def page(open_page: PageFactory) -> Page:
    return open_page()
