"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium, installed by .ci/run
with apt; never a downloaded browser) against pytest-django's live server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the tests still set up and check
# data with the ORM between page actions, one thing at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium")


@pytest.fixture
def chromium(transactional_db):
    # Per test, started after the test database is set up and closed before it is flushed.
    # Kept open across tests (session scope), the transactional tests after the first one
    # started without the data the migrations made (the roles' groups): Playwright's event
    # loop in this thread seems to leave Django's serialized rollback without its contents.
    if CHROMIUM is None:
        pytest.skip("Debian's Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def browser_for(chromium, live_server, client):
    """A browser page signed in as `user` (or anonymous), on the live server."""
    contexts = []

    def open_as(user=None):
        context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        if user is not None:
            client.force_login(user)
            context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                  "url": live_server.url}])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_as
    for context in contexts:
        context.close()
