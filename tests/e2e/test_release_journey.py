"""Release in the browser: a spreadsheet with a hidden sheet blocks the response with the finding
shown; a clean version replaces it; the response goes with the spreadsheet attached (read from
the email the outbox really sent); the answer is published with a public summary that names
nobody."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from requests_app.models import Case, Status
from tests.requests_app import hidden_files as make
from tests.requests_app.builders import case_in
from workflow import outbox

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FINDING = "Sheet 'Staff' is hidden and holds 212 filled cells."


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def do(page, action, fields=None, button=None):
    """Open an action from the case page, fill its form and submit it."""
    page.get_by_role("button", name=action, exact=True).click()
    fill(page, fields)
    page.get_by_role("button", name=button or action, exact=True).click()


def fill(page, fields):
    for label, value in (fields or {}).items():
        control = page.get_by_label(label, exact=True)
        if isinstance(value, dict):
            control.set_input_files(value)
        elif control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(label=value)
        else:
            control.fill(value)


def succeeded(page):
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def spreadsheet(name, content):
    return {"name": name, "mimeType": XLSX, "buffer": content}


def test_hidden_sheet_blocks_then_clean_version_is_sent_attached_and_published(
    page, sign_in, cast, org
):
    case = case_in(Status.AUTHORISED, cast, org)  # FOI from Jo Bloggs, approved by the director
    Case.objects.filter(pk=case.pk).update(
        response_text="The number of claims each month is in the attached spreadsheet."
    )
    clean = make.xlsx()
    # Sending renders the letter's PDF after the commit, inside the request here (no worker).
    page.set_default_timeout(60_000)
    sign_in("ig_officer")
    page.goto(f"/requests/{case.pk}/")
    do(
        page,
        "Upload a document",
        {
            "What kind of document it is": "Released information",
            "File": spreadsheet("claims.xlsx", make.xlsx(hidden=True)),
        },
    )
    succeeded(page)
    expect(page.locator("main")).to_contain_text(FINDING)
    expect(page.get_by_role("button", name="Send the response", exact=True)).to_have_count(0)
    page.goto(f"/requests/{case.pk}/actions/send_response/")
    expect(page.locator("main")).to_contain_text("Hidden data was found in claims.xlsx")

    page.goto(f"/requests/{case.pk}/")
    do(
        page,
        "Upload a document",
        {
            "What kind of document it is": "Released information",
            "File": spreadsheet("claims-clean.xlsx", clean),
            "Replaces (a new version of a document already on the case)": "claims.xlsx",
        },
    )
    succeeded(page)
    expect(page.locator("main")).not_to_contain_text(FINDING)
    do(page, "Send the response")
    succeeded(page)
    expect(page.locator("main")).to_contain_text("claims-clean.xlsx: attached to the email")

    outbox.outbox_sweep()  # what the worker does; the letter's PDF was made after the commit
    (email,) = [m for m in mail.outbox if "response" in m.subject.lower()]
    assert email.to == ["jo@example.org"]
    names = [name for name, _, _ in email.attachments]
    assert names == [f"{case.reference}.pdf", "claims-clean.xlsx"]
    assert email.attachments[1][1:] == (clean, XLSX)
    assert "Attached to this email:\n- claims-clean.xlsx" in email.body

    do(
        page,
        "Publish on the disclosure log",
        {
            "Public title": "Pothole compensation claims in 2025",
            "What was asked (for the public)": "Claims from Jo Bloggs for 2025.",
        },
    )
    expect(page.locator(".govuk-error-summary")).to_contain_text("requester's name")
    fill(
        page,
        {
            "What was asked (for the public)": "The number of pothole compensation claims "
            "made in 2025, by month."
        },
    )
    page.get_by_role("button", name="Publish on the disclosure log", exact=True).click()
    succeeded(page)

    page.context.clear_cookies()  # the public, signed out
    page.goto(f"/disclosure-log/{case.reference}/")
    main = page.locator("main")
    expect(main).to_contain_text("Pothole compensation claims in 2025")
    expect(main).to_contain_text("The number of pothole compensation claims made in 2025")
    html = page.content()
    for private in ("Jo Bloggs", "Bloggs", "jo@example.org"):
        assert private not in html
