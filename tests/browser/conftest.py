"""
Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium). They are
skipped, saying why, where Chromium is not installed; .ci/run installs it.
"""

import os
import time
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
# Every Playwright action and navigation gives up after this long instead of waiting on.
TIMEOUT_MS = 20_000

# Playwright's sync API runs an event loop in this thread; the test database is
# still only used from here and from the live server's own threads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS,
                                             timeout=TIMEOUT_MS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a browser context of its own (a separate person: own cookies); all closed after the test."""
    contexts = []

    def open_page(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def wait_until(page, expression, timeout=TIMEOUT_MS / 1000):
    """
    Poll a JavaScript expression until it is true. Playwright's own wait_for_function
    evaluates a string with eval() in the page, which the site's CSP rightly refuses.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:.0f} s: {expression}")
        time.sleep(0.1)
