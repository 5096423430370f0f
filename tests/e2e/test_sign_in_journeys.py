"""One journey per role through sign-in: each lands on its own page and sees its own menu."""

import pytest
from playwright.sync_api import expect

JOURNEYS = [
    ("ig_officer", "/requests/queue/", "Request queue"),
    ("ig_manager", "/requests/queue/", "Request queue"),
    ("officer_a", "/requests/inbox/", "My service areas' cases"),
    ("director", "/requests/authorisations/", "Authorisations"),
    ("manager", "/reports/dashboard/", "Compliance dashboard"),
    ("siro", "/reports/dashboard/", "Compliance dashboard"),
    ("outsider", "/breaches/report/", "Report a suspected personal-data breach"),
]


@pytest.mark.parametrize(("who", "path", "heading"), JOURNEYS)
def test_role_signs_in_and_lands_on_its_page(page, sign_in, cast, live_server, who, path, heading):
    sign_in(who)
    expect(page).to_have_url(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    # The council's own header, and a way out.
    expect(page.locator("header")).to_contain_text("Information governance")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_service_officer_is_refused_the_ig_queue(page, sign_in, cast):
    sign_in("officer_a")
    response = page.goto("/requests/queue/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("permission")


def test_wrong_password_shows_the_error_summary(page, cast):
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill("manager")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()


def test_sign_out_returns_to_sign_in(page, sign_in, cast, live_server):
    sign_in("manager")
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(live_server.url + "/accounts/login/")
