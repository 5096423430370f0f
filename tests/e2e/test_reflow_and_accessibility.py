"""WCAG 2.2 reflow (1.4.10) and an automated accessibility check on the public journeys and the
landing pages of IG, service areas and directors: at 320 CSS pixels wide no page scrolls
sideways (wide tables scroll inside their own container), and axe-core (from npm, see
package.json) finds no WCAG 2.2 A or AA violation, including on forms showing errors."""

import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from requests_app.models import Status
from tests.e2e.a11y import check, narrow_context, sign_in
from tests.requests_app.builders import case_in


@pytest.fixture(autouse=True)
def public_form_settings(settings):
    cache.clear()
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    yield
    cache.clear()


@pytest.fixture
def narrow(browser, live_server, settings):
    """A 320 CSS-pixel-wide page (see tests/e2e/a11y.py)."""
    context = narrow_context(browser, live_server, settings)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


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


@pytest.mark.parametrize("width", [320, 1280])
def test_filter_panel_beside_the_list_when_wide_and_above_it_when_narrow(narrow, cast, org, width):
    """The MOJ filter pattern with JavaScript running (the panel must not become a fixed
    overlay on narrow screens, as MOJ Frontend's own CSS makes it without its toggle button)."""
    case_in(Status.RECEIVED, cast, org)
    narrow.set_viewport_size({"width": width, "height": 900})
    sign_in(narrow, cast.ig_officer.username)
    narrow.goto("/requests/queue/?tab=open&regime=foi")
    assert narrow.evaluate("document.body.classList.contains('js-enabled')")
    panel = narrow.locator(".moj-filter-layout__filter").bounding_box()
    content = narrow.locator(".moj-filter-layout__content").bounding_box()
    if width >= 1280:
        assert panel["x"] + panel["width"] <= content["x"], (panel, content)
        assert abs(panel["y"] - content["y"]) < 5
    else:
        assert panel["y"] + panel["height"] <= content["y"], (panel, content)
    # The chosen filter is a tag; following it removes that filter and keeps the tab.
    narrow.get_by_role("link", name="Remove this filter Freedom of Information").click()
    expect(narrow).to_have_url(re.compile(r"/requests/queue/\?tab=open$"))
    expect(narrow.locator(".moj-filter__selected")).to_have_count(0)
