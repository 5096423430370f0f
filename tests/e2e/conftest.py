"""Browser journeys: Playwright drives Debian's Chromium, headless, against a live server."""

import os

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without these Chromium tries to reach Google's services, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the test
# itself (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    # The live server serves static files from the source folders, which hold no hashed copies,
    # so pages link the plain names: the browser then gets the real CSS and JavaScript.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    failed = []
    page.on(
        "response",
        lambda r: failed.append(r.url) if "/static/" in r.url and r.status >= 400 else None,
    )
    page.on("pageerror", lambda error: failed.append(f"script error: {error}"))
    # Anything the Content-Security-Policy blocked (an inline script or style without the nonce).
    page.on(
        "console",
        lambda m: (
            failed.append(f"blocked: {m.text}") if "Content Security Policy" in m.text else None
        ),
    )
    yield page
    assert failed == [], f"static files or scripts failed: {failed}"
    context.close()


@pytest.fixture
def sign_in(page):
    from tests.factories import PASSWORD

    def sign_in_as(username: str):
        page.goto("/accounts/login/")
        page.get_by_label("Username", exact=True).fill(username)
        page.get_by_label("Password", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        return page

    return sign_in_as


def fill_date(page, legend: str, day) -> None:
    """Fill a GOV.UK date input (day, month and year boxes) found by its legend."""
    group = page.get_by_role("group", name=legend, exact=True)
    group.get_by_label("Day", exact=True).fill(str(day.day))
    group.get_by_label("Month", exact=True).fill(str(day.month))
    group.get_by_label("Year", exact=True).fill(str(day.year))
