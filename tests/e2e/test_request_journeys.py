"""The main request journeys, driven through the browser as each person would."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from organisation.models import Role
from requests_app import sar
from requests_app.management.commands._demo_files import pdf_bytes
from requests_app.models import Case, Status
from tests.e2e.conftest import fill_date
from tests.factories import UserFactory

RECORDS = pdf_bytes([["Council tax account 1234: bills and payments, 2024 to 2026."]])


@pytest.fixture
def officer_c(org):
    return UserFactory(username="officer_c", role=Role.SERVICE_OFFICER, areas=[org.area_c])


def do(page, action, fields=None, button=None):
    """Open an action from the case page, fill its form and submit it."""
    page.get_by_role("button", name=action, exact=True).click()
    for label, value in (fields or {}).items():
        if isinstance(value, dt.date):
            fill_date(page, label, value)
            continue
        control = page.get_by_label(label, exact=True)
        if isinstance(value, bool):
            control.check()
        elif control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)
    page.get_by_role("button", name=button or action, exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def open_case(page, reference):
    page.goto("/requests/queue/?tab=open&q=" + reference)
    page.get_by_role("link", name=reference, exact=True).click()


def log_request(page, title, regime="Freedom of Information", email="sam@example.org"):
    page.goto("/requests/new/")
    page.get_by_label("Requester's name").fill("Sam Taylor")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("How it arrived").select_option(label="Email")
    # A minute ago: never in the future, whatever the time of day the suite runs.
    received = timezone.localtime() - dt.timedelta(minutes=1)
    fill_date(page, "Date received", received.date())
    page.get_by_label("Time received").fill(received.strftime("%H:%M"))
    page.get_by_label("Regime (if already clear)").select_option(label=regime)
    page.get_by_label("Short title").fill(title)
    page.get_by_label("The request, as received").fill(f"Please send me {title.lower()}.")
    page.get_by_role("button", name="Log the request").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("logged as")
    return Case.objects.get(title=title)


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


def test_foi_through_two_areas_director_and_release(page, sign_in, cast, org, officer_c):
    sign_in("ig_officer")
    case = log_request(page, "Grass cutting contract costs")
    expect(page.locator("#statutory-due")).to_contain_text(case.statutory_due.strftime("%-d %B %Y"))
    page.get_by_text("How this date was worked out").click()
    expect(page.locator("#deadlines")).to_contain_text("working day")
    do(page, "Acknowledge")
    do(page, "Assign to service areas", {"Planning": True, "Environmental Health": True})
    sign_out(page)

    for officer, area in (("officer_a", "Planning"), ("officer_c", "Environmental Health")):
        sign_in(officer)
        page.get_by_role("link", name=case.reference).click()
        do(page, "Record searches and time", {"Time spent (minutes)": "45"})
        do(page, "Submit draft to IG", {"Draft answer": f"{area}: we spent £12,000."})
        sign_out(page)

    sign_in("ig_officer")
    open_case(page, case.reference)
    expect(page.get_by_text("Draft ready").first).to_be_visible()
    do(page, "Record the decision", {"Granted in full": True})
    do(page, "Send to director for authorisation")
    sign_out(page)

    sign_in("director")
    page.get_by_role("link", name=case.reference).click()
    do(page, "Approve release")
    sign_out(page)

    sign_in("ig_officer")
    open_case(page, case.reference)
    do(page, "Send the response")
    do(page, "Close the case")
    expect(page.locator("main")).to_contain_text("Closed")
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.responded_at.date() <= case.statutory_due
    assert case.authorised_by == cast.director
    assert case.correspondence.filter(kind="response").exclude(pdf="").exists()


def test_sar_waits_for_id_then_is_answered(page, sign_in, cast, org):
    sign_in("ig_officer")
    case = log_request(page, "My council tax records", regime="Subject access")
    do(page, "Ask for proof of identity")
    expect(page.locator("#statutory-due")).to_contain_text("Clock stopped")
    do(page, "Record ID received")
    case.refresh_from_db()
    expect(page.locator("#statutory-due")).to_contain_text(case.statutory_due.strftime("%-d %B %Y"))
    do(page, "Assign to service areas", {"Planning": True})
    sign_out(page)
    sign_in("officer_a")
    page.get_by_role("link", name=case.reference).click()
    # "Records attached." goes only with a document marked released (the letter must not say
    # attached with nothing attached).
    page.get_by_role("button", name="Upload a document", exact=True).click()
    page.get_by_label("What kind of document it is", exact=True).select_option(
        label="Released information"
    )
    page.get_by_label("File", exact=True).set_input_files(
        {"name": "council-tax-records.pdf", "mimeType": "application/pdf", "buffer": RECORDS}
    )
    page.get_by_role("button", name="Upload a document", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    do(page, "Submit draft to IG", {"Draft answer": "Records attached."})
    # The search record (the DUAA's reasonable search) is the area's, made on its own page
    # (tests/requests_app/test_sar_duaa.py drives that page); here it is recorded directly.
    sar.case_search_record(
        case_id=case.pk,
        user=cast.officer_a,
        rows=[{"searched": True, "place": "Council tax system", "reason": "Holds the account."}],
    )
    sign_out(page)
    sign_in("ig_officer")
    open_case(page, case.reference)
    do(page, "Record the decision", {"Granted in full": True})
    do(page, "Send to director for authorisation")
    sign_out(page)
    sign_in("director")
    page.get_by_role("link", name=case.reference).click()
    do(page, "Approve release")
    sign_out(page)
    sign_in("ig_officer")
    open_case(page, case.reference)
    do(page, "Send the response")
    case.refresh_from_db()
    assert case.status == Status.RESPONDED
    letter = case.correspondence.get(kind="response")
    assert "Attached to this email:\n- council-tax-records.pdf" in letter.body


def test_refusal_with_a_qualified_exemption_and_its_public_interest_test(page, sign_in, cast, org):
    sign_in("ig_manager")
    case = log_request(page, "Legal advice on the depot sale")
    do(page, "Assign to service areas", {"Planning": True})
    do(
        page,
        "Propose an exemption",
        {"Exemption or exception": "FOIA s42 Legal professional privilege"},
    )
    expect(page.locator("main")).to_contain_text("Public-interest test not yet recorded")
    # A refusal without the public-interest test is refused, with the reason, and changes nothing.
    page.get_by_role("button", name="Record the decision", exact=True).click()
    page.get_by_label("Refused", exact=True).check()
    page.get_by_label("Reasons (needed to withhold anything)").fill("Privilege.")
    page.get_by_label("Response to the requester").fill("We are withholding the advice.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("public-interest test")
    case.refresh_from_db()
    assert case.outcome == ""
    page.get_by_label(re.compile("Public-interest test for")).fill(
        "Strong public interest in the council obtaining frank legal advice outweighs "
        "transparency about the sale."
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    case.refresh_from_db()
    assert case.outcome == "refused"
    assert case.exemptions.get().public_interest_test.startswith("Strong public interest")
    # The IG manager sends it to the director of the assigned area's directorate.
    do(page, "Send to director for authorisation")
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_AUTHORISATION


def test_not_held_released_by_ig_manager_without_a_director(page, sign_in, cast, org):
    sign_in("ig_manager")
    case = log_request(page, "Minutes of the 1974 parks committee")
    do(
        page,
        "Record the decision",
        {
            "Information not held": True,
            "Response to the requester": "The council does not hold these minutes.",
        },
    )
    expect(page.get_by_role("button", name="Send to director for authorisation")).to_have_count(0)
    do(page, "Send the response (no director needed)")
    case.refresh_from_db()
    assert case.status == Status.RESPONDED
    assert case.authorised_by is None


def test_internal_review_by_a_different_person(page, sign_in, cast, org):
    second_manager = UserFactory(username="ig_manager_2", role=Role.IG_MANAGER)
    sign_in("ig_manager")
    case = log_request(page, "Tree preservation orders on Elm Road")
    do(
        page,
        "Record the decision",
        {
            "Information not held": True,
            "Response to the requester": "We hold no TPOs for Elm Road.",
        },
    )
    do(page, "Send the response (no director needed)")
    do(
        page,
        "Open an internal review",
        {
            "What the requester is unhappy with": "I know a TPO was made in 2019.",
        },
    )
    review = Case.objects.get(review_of=case)
    page.goto(f"/requests/{review.pk}/")
    # The person who took the original decision is not offered the review, and the page
    # itself says why.
    expect(page.get_by_role("button", name="Record the review outcome", exact=True)).to_have_count(
        0
    )
    page.goto(f"/requests/{review.pk}/actions/record_review_outcome/")
    expect(page.locator("main")).to_contain_text("did not take the original")
    sign_out(page)

    sign_in(second_manager.username)
    page.goto(f"/requests/{review.pk}/")
    # The letter is written from the outcome: the first press shows it, the second sends it.
    page.get_by_role("button", name="Record the review outcome", exact=True).click()
    page.get_by_label("Overturned", exact=True).check()
    page.get_by_label("Review response", exact=True).fill(
        "We found the 2019 order; it is now published on our website."
    )
    page.get_by_role("button", name="Record the review outcome", exact=True).click()
    expect(page.locator("main")).to_contain_text("We found the 2019 order")
    page.get_by_role("button", name="Record the review outcome", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    review.refresh_from_db()
    assert review.review_outcome == "overturned"
    assert review.decided_by == second_manager
    assert review.status == Status.RESPONDED
