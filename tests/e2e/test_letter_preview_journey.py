"""An acknowledgement seen, edited, previewed and sent from the browser: nothing goes before the
officer has seen the letter, and what goes is what they edited."""

from playwright.sync_api import expect

from requests_app.models import Correspondence
from tests.e2e.test_request_journeys import log_request, open_case
from workflow import outbox


def test_an_acknowledgement_is_previewed_edited_and_sent(page, sign_in, cast):
    sign_in("ig_officer")
    case = log_request(page, "Street lighting repairs")
    open_case(page, case.reference)
    page.get_by_role("button", name="Acknowledge", exact=True).click()

    preview = page.locator("#letter-preview")
    expect(preview).to_contain_text("Dear Sam Taylor,")
    expect(preview).to_contain_text("Yours sincerely,")
    expect(preview).to_contain_text("Market Street")
    assert not Correspondence.objects.filter(case=case).exists()  # seen, not sent

    page.get_by_label("The letter").fill("Thank you: we will reply about street lighting soon.")
    page.get_by_role("button", name="Preview the letter").click()
    expect(preview).to_contain_text("Thank you: we will reply about street lighting soon.")
    assert not Correspondence.objects.filter(case=case).exists()

    page.get_by_role("button", name="Acknowledge", exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    letter = Correspondence.objects.get(case=case, kind="acknowledgement")
    email = outbox.delivery_of(letter)
    assert "Thank you: we will reply about street lighting soon." in email.body_text
    assert email.body_text.count("Dear Sam Taylor,") == 1
