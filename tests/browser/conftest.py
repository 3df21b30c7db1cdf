"""Browser checks: Playwright drives Debian's Chromium against the site served by the test run.

The pages come from pytest-django's ``live_server`` (a session-wide server thread that also serves
static and media files). pytest-django gives every test that uses ``live_server`` the
``transactional_db`` fixture, which empties every table after the test: that would wipe the seed
content that tests/conftest.py loads and commits once per session, for these tests and for every
test after them. The browser tests only read, so ``transactional_db`` is overridden below for this
folder: it opens the database to the server thread and flushes nothing. On SQLite the test
database lives in memory and the server thread shares the main thread's connection; on PostgreSQL
the server thread has connections of its own and sees the committed seed.

What the requests write (a search without hits is counted in ``UnansweredQuery``) stays in the
test database: pytest-django runs tests that use ``live_server`` after all tests with the ``db``
fixture, and the tests after them use no database.

Playwright's synchronous API registers an asyncio loop as running in the main thread while the
browser is open, and Django's ORM refuses to run there ("You cannot call this from an async
context"); so nothing here touches the ORM in the main thread, and the browser fixture depends on
``django_db_setup``: the test database is created before Chromium starts and dropped after it stops.
"""

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .pages import NOT_FOUND_URL

CHROMIUM = "/usr/bin/chromium"
# Playwright cannot download a browser here; these flags keep Debian's Chromium off the network
# (which this machine closes) and away from a GPU and /dev/shm it may not have.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"


# Package scope: Chromium, and with it Playwright's loop in the main thread, stops once the browser
# tests are done, so that the tests after them (tests/serving/ publishes pages) may use the ORM again.
@pytest.fixture(scope="package")
def browser(django_db_setup):
    if not os.path.exists(CHROMIUM):
        reason = f"no Chromium at {CHROMIUM}: `apt-get install chromium` to run the browser tests"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker):
    """Database access for the live server thread that keeps the session's seed (see above)."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def site(live_server):
    """The base URL of the site, e.g. http://localhost:41234."""
    return live_server.url


REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.reportCspViolation(`${event.effectiveDirective} blockiert ${event.blockedURI || "inline"}`
        + ` in ${event.documentURI} (${event.sourceFile || ""}:${event.lineNumber}) ${event.sample || ""}`);
});
"""


class Problems:
    """What went wrong in a browser context: CSP violations, console errors, uncaught exceptions.

    Every ``securitypolicyviolation`` event of any frame reaches the test through a Playwright binding
    (init scripts and bindings run outside the page's policy).
    """

    def __init__(self, context):
        self.violations, self.console_errors = [], []
        context.expose_binding("reportCspViolation", lambda source, text: self.violations.append(text))
        context.add_init_script(REPORT_VIOLATIONS)

    def watch(self, page):
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        return page

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def assert_none(self, where):
        assert not self.violations, f"{where}: CSP-Verstöße:\n" + "\n".join(self.violations)
        assert not self.console_errors, f"{where}: Konsolenfehler:\n" + "\n".join(self.console_errors)


@pytest.fixture
def watched_pages(browser, site):
    """Opens pages whose CSP violations and console errors are collected: ``page, problems = watched_pages()``.

    Every call opens a context of its own (its own cookies), so that each signed-in user gets one.
    """
    contexts = []

    def open_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=site, locale="de-DE")
        contexts.append(context)
        problems = Problems(context)
        return problems.watch(context.new_page()), problems

    yield open_page
    for context in contexts:
        context.close()


def in_thread(function):
    """Runs ORM work in a thread of its own: Playwright's loop makes the main thread refuse the ORM."""

    def run():
        from django.db import connections

        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@pytest.fixture
def new_page(browser, site):
    """Opens a page in a fresh browser context: ``new_page(width=1280, javascript=True)``."""
    contexts = []

    def open_page(width=1280, height=800, javascript=True):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
            base_url=site,
            locale="de-DE",
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def expected_status(path):
    return 404 if path == NOT_FOUND_URL else 200


def visit(page, path):
    """Loads ``path`` and checks the status the page type should answer with."""
    response = page.goto(path, wait_until="load")
    assert response is not None, path
    assert response.status == expected_status(path), f"{path}: HTTP {response.status}"
    return response


def screenshot_name(path, width):
    """`/themen/integration/` → `themen_integration-1280.png`; the home page is `startseite-1280.png`."""
    name = "_".join(part for part in re.split(r"[^a-z0-9-]+", path.lower()) if part) or "startseite"
    return f"{name[-150:]}-{width}.png"
