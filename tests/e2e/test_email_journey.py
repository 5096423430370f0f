"""An Outlook email dropped on "Log a request" becomes a case with its attachment."""

import pytest
from playwright.sync_api import expect

from requests_app.models import Case
from tests.mail.messages import PDF
from tests.mail.msg_file import build_msg


@pytest.mark.django_db(transaction=True)
def test_an_msg_file_on_log_a_request_becomes_a_case_with_its_attachment(page, sign_in, cast):
    message = build_msg(
        sender_name="Sam Outlook",
        sender_email="sam@example.net",
        subject="Planning enforcement notices",
        body="Please send me the enforcement notices served in 2026.",
        message_id="<journey-1@example.net>",
        date="Mon, 30 Nov 2026 10:05:00 +0000",
        attachments=[("site-plan.pdf", PDF)],
    )
    sign_in("ig_officer")
    page.goto("/requests/new/")
    page.get_by_role("link", name="Upload the email file (.msg or .eml)").click()
    page.get_by_label("The email, saved as a file").set_input_files(
        files=[{"name": "request.msg", "mimeType": "application/vnd.ms-outlook", "buffer": message}]
    )
    page.get_by_role("button", name="Upload the email").click()

    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("logged as")
    case = Case.objects.get()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Planning enforcement notices")
    expect(page.get_by_role("link", name="site-plan.pdf")).to_be_visible()
    assert case.requester.email == "sam@example.net"
    with page.expect_download() as download:
        page.get_by_role("link", name="site-plan.pdf").click()
    assert download.value.path().read_bytes() == PDF
