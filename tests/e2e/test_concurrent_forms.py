"""Two people open the same action on one case at the same time, in two browsers. The first to
submit wins; the second is told who changed the case and when, and nothing they sent is saved."""

from playwright.sync_api import expect

from requests_app.models import Case, Event, Outcome, Status
from tests.factories import PASSWORD
from tests.requests_app.builders import case_in


def signed_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    return page


def test_the_second_of_two_forms_opened_together_is_refused(page, browser, live_server, cast, org):
    case = case_in(Status.DRAFT_READY, cast, org)
    decisions_before = Event.objects.filter(case=case, kind="decide").count()
    other_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    other = other_context.new_page()
    try:
        signed_in(page, "ig_officer")
        signed_in(other, "ig_manager")
        url = f"/requests/{case.pk}/actions/decide/"
        page.goto(url)
        other.goto(url)
        # Both forms are open. The IG officer records "granted in full" first.
        page.get_by_label("Granted in full", exact=True).check()
        page.get_by_role("button", name="Record the decision", exact=True).click()
        expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
        # The IG manager, from the form opened before that change, records "not held".
        other.get_by_label("Information not held", exact=True).check()
        other.get_by_label("Response to the requester", exact=True).fill("Not held.")
        other.get_by_role("button", name="Record the decision", exact=True).click()
        summary = other.locator(".govuk-error-summary")
        expect(summary).to_contain_text(f"changed by {cast.ig_officer.get_full_name()}")
        expect(summary).to_contain_text("Nothing you submitted was saved")
    finally:
        other_context.close()
    case = Case.objects.get(pk=case.pk)
    assert case.outcome == Outcome.GRANTED
    assert case.response_text != "Not held."
    assert Event.objects.filter(case=case, kind="decide").count() == decisions_before + 1
