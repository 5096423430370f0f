"""The data-protection complaint journey (DPA 2018 s164A) through the browser: someone complains
on the public form; IG sees it with its acknowledgement date, acknowledges it, sends a progress
update and the outcome with the route to the ICO. A second complaint is answered within the 30
days and needs no separate acknowledgement."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from requests_app import complaints
from requests_app.complaint_models import Complaint, ComplaintStatus
from workflow.models import OutgoingEmail


@pytest.fixture(autouse=True)
def fresh_cache():
    # The live server shares this process's cache (the public form's rate limit).
    cache.clear()
    yield
    cache.clear()


def act(page, action, fields=None, button=None):
    """Open an action from the complaint page, fill its form and submit it."""
    page.get_by_role("button", name=action, exact=True).click()
    for label, value in (fields or {}).items():
        control = page.get_by_label(label, exact=True)
        if isinstance(value, bool):
            control.check()
        else:
            control.fill(value)
    page.get_by_role("button", name=button or action, exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


@pytest.mark.django_db(transaction=True)
def test_complain_acknowledge_update_outcome_with_the_ico_route(page, sign_in, cast):
    page.goto("/complain/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Complain about how we handled your personal data"
    )
    # Nothing filled in: the error summary says what is missing, and nothing is recorded.
    page.get_by_role("button", name="Send your complaint").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert not Complaint.objects.exists()
    page.get_by_label("Your name").fill("Robin Member")
    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_label("What happened to your personal data, and what would put it right").fill(
        "My subject access bundle included another tenant's repair history."
    )
    page.get_by_role("button", name="Send your complaint").click()
    expect(page).to_have_url(page.url.split("/complain/")[0] + "/complain/received/")
    complaint = Complaint.objects.get()
    due = complaints.acknowledgement_due(complaint.received_at).due
    assert complaint.acknowledge_by == due

    # IG sees it in its list with the acknowledgement date, then on its page.
    sign_in(cast.ig_officer.username)
    page.goto("/requests/complaints/")
    row = page.locator("tr", has_text=complaint.reference)
    expect(row).to_contain_text(f"{due.day} {due:%b %Y}")
    row.get_by_role("link", name=complaint.reference).click()
    expect(page.locator("#acknowledge-by")).to_contain_text(f"{due:%A} {due.day} {due:%B %Y}")

    act(page, "Acknowledge")
    expect(page.locator("#acknowledge-by")).to_contain_text("done")
    act(
        page,
        "Send a progress update",
        {"Update for the complainant": "We are checking how the bundle was put together."},
    )
    page.get_by_role("button", name="Send the outcome", exact=True).click()
    page.get_by_label("Upheld", exact=True).check()
    page.get_by_label("What we found and what we will do").fill(
        "A page was not redacted. We have apologised and retrained the team."
    )
    page.get_by_role("button", name="Send the outcome", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main")).to_contain_text("with the right to complain to the ICO")

    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OUTCOME_SENT
    letters = OutgoingEmail.objects.filter(about_id=complaint.pk).order_by("id")
    assert [e.subject for e in letters] == [
        f"Your complaint {complaint.reference}",
        f"Your complaint {complaint.reference}: progress",
        f"Your complaint {complaint.reference}: our findings",
    ]
    assert "Information Commissioner" in letters[2].body_text
    assert "https://ico.org.uk/make-a-complaint/" in letters[2].body_text


@pytest.mark.django_db(transaction=True)
def test_an_outcome_within_30_days_needs_no_separate_acknowledgement(page, sign_in, cast):
    complaint = complaints.complaint_log(
        user=cast.ig_officer,
        name="Robin Member",
        email="robin@example.org",
        address="",
        channel="email",
        received_at=timezone.now(),
        what_happened="You emailed my details to the wrong person.",
    )
    sign_in(cast.ig_officer.username)
    page.goto(f"/requests/complaints/{complaint.pk}/")
    page.get_by_role("button", name="Send the outcome", exact=True).click()
    page.get_by_label("Not upheld", exact=True).check()
    page.get_by_label("What we found and what we will do").fill("The email went to you only.")
    page.get_by_role("button", name="Send the outcome", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    # Answered within the 30 days: the acknowledgement is done, and no longer offered.
    expect(page.locator("#acknowledge-by")).to_contain_text("done")
    expect(page.get_by_role("button", name="Acknowledge", exact=True)).to_have_count(0)
    complaint.refresh_from_db()
    assert complaint.acknowledged_at is None and complaint.outcome_sent_at is not None
