"""The fees journey in the browser: estimate -> notice previewed and sent -> awaiting fee with
the clock stopped -> payment recorded -> the due date moves by the disregarded days."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from deadlines import rules
from fees.models import FeeNotice
from requests_app.models import Case, Status
from tests.e2e.conftest import fill_date
from tests.e2e.test_request_journeys import do, log_request


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_fees_notice_stops_the_clock_and_payment_moves_the_due_date(page, sign_in, cast, org):
    sign_in("ig_officer")
    # Received three working days ago, so the notice day is a counted day (the date of
    # receipt itself never counts, so there would be nothing to disregard on it).
    received = rules.working_days_before(timezone.localdate(), 3)
    page.goto("/requests/new/")
    page.get_by_label("Requester's name").fill("Sam Taylor")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("How it arrived").select_option(label="Email")
    fill_date(page, "Date received", received)
    page.get_by_label("Time received").fill("09:00")
    page.get_by_label("Regime (if already clear)").select_option(label="Freedom of Information")
    page.get_by_label("Short title").fill("Every parking fine since 2019")
    page.get_by_label("The request, as received").fill("Please send every parking fine.")
    page.get_by_role("button", name="Log the request").click()
    case = Case.objects.get(title="Every parking fine since 2019")
    original_due = case.statutory_due
    assert original_due == rules.add_working_days(received, 20)
    do(page, "Estimate the cost", {"Sheets to photocopy or print": "100"})
    expect(page.locator("#fees-charge")).to_contain_text("£10.00")

    page.get_by_role("button", name="Issue a fees notice", exact=True).click()
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview the fees notice (opens in a new tab)").click()
    preview = popup.value
    expect(preview.locator("body")).to_contain_text("Total to pay")
    expect(preview.locator("body")).to_contain_text("£10.00")
    expect(preview.locator("body")).to_contain_text(case.reference)
    preview.close()
    page.get_by_label("I have checked the fees notice").check()
    page.set_default_timeout(60_000)  # the PDF is made after the commit, in this request
    page.get_by_role("button", name="Issue a fees notice", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    page.set_default_timeout(10_000)
    expect(page.locator("#statutory-due")).to_contain_text("Clock stopped")
    expect(page.locator("#fee-notice-status")).to_contain_text("Awaiting payment")
    notice = FeeNotice.objects.get(case=case)
    assert notice.letter.pdf  # made after the commit, before the page came back
    expect(page.locator("#fees").get_by_role("link", name="PDF")).to_be_visible()

    today = timezone.localdate()
    do(
        page,
        "Record the fee received",
        {"Card": True, "Date the payment arrived": today},
    )
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.RECEIVED
    # The notice day to the fee's day, both inclusive, are disregarded (FOIA s10(2)).
    disregarded = 1 if rules.is_working_day(today) else 0
    expected = rules.add_working_days(original_due, disregarded) if disregarded else original_due
    assert case.statutory_due == expected
    expect(page.locator("#statutory-due")).to_contain_text(expected.strftime("%-d %B %Y"))
    page.get_by_text("How this date was worked out").click()
    expect(page.locator("#deadlines")).to_contain_text("disregarded")
    expect(page.locator("#fee-notice-status")).to_contain_text("Paid")


def test_a_service_officer_is_not_offered_fees_actions(page, sign_in, cast, org):
    sign_in("ig_officer")
    case = log_request(page, "Tree preservation orders")
    do(page, "Assign to service areas", {"Planning": True})
    page.get_by_role("button", name="Sign out").click()
    sign_in("officer_a")
    page.get_by_role("link", name=case.reference).click()
    expect(page.get_by_role("button", name="Estimate the cost")).to_have_count(0)
    response = page.goto(f"/requests/{case.pk}/actions/estimate_fees/")
    assert response.status == 403
