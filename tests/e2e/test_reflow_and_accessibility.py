"""WCAG 2.2 reflow (1.4.10) and an automated accessibility check on the public journeys and the
landing pages of IG, service areas and directors: at 320 CSS pixels wide no page scrolls
sideways (wide tables scroll inside their own container), and axe-core (from npm, see
package.json) finds no WCAG 2.2 A or AA violation, including on forms showing errors."""

from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from requests_app.models import Status
from tests.factories import PASSWORD
from tests.requests_app.builders import case_in

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture(autouse=True)
def public_form_settings(settings):
    cache.clear()
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    yield
    cache.clear()


@pytest.fixture
def narrow(browser, live_server, settings):
    """A 320 CSS-pixel-wide page. The Content-Security-Policy is bypassed only so that the test
    can add axe-core's script to the page; the application's own scripts are unchanged."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm ci` (make test does).")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        viewport={"width": 320, "height": 900},
        device_scale_factor=1,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def check(page, what):
    """No horizontal scrolling at 320 px, and no WCAG 2.2 A/AA violation found by axe-core."""
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 321
                         && !e.closest('.app-table-container'))
            .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' +
                             Math.round(e.getBoundingClientRect().right))"""
    )
    assert width <= 320, f"{what}: {width} px wide at 320 px; too wide: {wide}"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_A_AA
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if n["target"] else "?" for n in v["nodes"][:3])
        for v in result["violations"]
    ]
    assert problems == [], f"{what}: {problems}"


def test_public_journey_at_320_px(narrow, db):
    page = narrow
    page.goto("/make-a-request/")
    check(page, "request form")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check(page, "request form with errors")
    page.get_by_label("Information held by the council (Freedom of Information)").check()
    page.get_by_label("Full name").fill("Sam Public")
    page.get_by_label("Email address").fill("sam.public@example.org")
    page.get_by_label("Your request", exact=True).fill("How many streetlights are there?")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request received")
    check(page, "confirmation")
    page.goto("/disclosure-log/")
    check(page, "disclosure log")


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("ig_officer", "/requests/queue/?tab=open"),
        ("officer_a", "/requests/inbox/"),
        ("director", "/requests/authorisations/"),
    ],
)
def test_staff_landing_pages_at_320_px(narrow, cast, org, who, url):
    case_in(Status.IN_PROGRESS, cast, org)
    case_in(Status.AWAITING_AUTHORISATION, cast, org)
    sign_in(narrow, getattr(cast, who).username)
    narrow.goto(url)
    expect(narrow.locator("main table")).to_be_visible()
    check(narrow, url)


def test_staff_form_with_errors_at_320_px(narrow, cast, org):
    case = case_in(Status.RECEIVED, cast, org)
    sign_in(narrow, cast.ig_officer.username)
    narrow.goto(f"/requests/{case.pk}/actions/ask_clarification/")
    narrow.get_by_label("Day").first.fill("31")
    narrow.get_by_label("Month").first.fill("2")
    narrow.get_by_role("button", name="Ask for clarification").click()
    expect(narrow.locator(".govuk-error-summary")).to_be_visible()
    check(narrow, "ask for clarification with errors")
