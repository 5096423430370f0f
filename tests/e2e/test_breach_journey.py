"""The breach journey through the browser: a member of staff reports, the DPO triages,
assesses high risk, records the ICO report, tells the people affected, adds an action that its
owner completes, and the SIRO signs off."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from breaches.models import Breach, Status
from tests.e2e.conftest import fill_date


def do(page, action, fields=None, button=None):
    """Open an action from the breach page, fill its form and submit it."""
    page.get_by_role("button", name=action, exact=True).click()
    fill(page, fields)
    page.get_by_role("button", name=button or action, exact=True).click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()


def fill(page, fields):
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


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()


@pytest.mark.django_db(transaction=True)
def test_report_triage_decide_tell_act_and_sign_off(page, sign_in, cast, org):
    now = timezone.localtime()
    earlier = (now - timezone.timedelta(hours=3)).replace(second=0, microsecond=0)
    day, time = earlier.date(), earlier.strftime("%H:%M")

    # A member of staff lands on the report form.
    sign_in("outsider")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Report a suspected personal-data breach"
    )
    fill(
        page,
        {
            "Short title": "Safeguarding report emailed to the wrong school",
            "What happened": "The report about a pupil went to a school with a similar name.",
            "Date it was discovered": day,
            "Time it was discovered": time,
            "Service area": "Housing",
            "What has been done already to contain it": "Asked the school to delete it.",
        },
    )
    page.get_by_role("button", name="Send the report").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The Data Protection Officer and the SIRO have been told"
    )
    breach = Breach.objects.get()
    expect(page.locator("#report")).to_contain_text("similar name")
    expect(page.locator("main")).not_to_contain_text("Risk assessment")
    sign_out(page)

    # The DPO triages from the notification's register entry.
    sign_in("ig_manager")
    page.get_by_role("link", name="Breaches", exact=True).click()
    page.get_by_role("link", name=breach.reference).click()
    expect(page.locator("#ico-clock")).to_contain_text("The clock starts when")
    do(
        page,
        "Triage",
        {
            "Date the council became aware": day,
            "Time the council became aware": time,
            "How it was found": "Told by a third party or recipient",
            "About children": True,
            "Special category (health, ethnicity, religion, sexuality…)": True,
            "Approximate number of people affected": "1",
            "Approximate number of records": "1",
            "Cause": "Email sent to the wrong recipient",
            "Likely consequences for the people affected": "Distress to the family.",
        },
    )
    expect(page.locator("#ico-clock")).to_contain_text("2 days 20 hours left")
    do(
        page,
        "Assess the risk",
        {
            "4 – Highly likely: it is probably being misused": True,
            "4 – Serious: lasting effect, financial loss, discrimination": True,
            "Reasoning": "Safeguarding details about a child outside the council.",
        },
    )
    expect(page.locator("#status")).to_contain_text("High risk")
    do(
        page,
        "Decide on reporting to the ICO",
        {"Report to the ICO": True, "Reason for the decision": "High risk to a child."},
    )
    do(
        page,
        "Record the report to the ICO",
        {"ICO reference": "IC-424242-X9Y8"},
    )
    expect(page.locator("#hours-taken")).to_contain_text("Within 72 hours")
    do(
        page,
        "Decide on telling the people affected",
        {
            "Tell the people affected": True,
            "Reason for the decision": "High risk: the parents must know.",
            "Date they were told": now.date(),
            "How they were told": "Letter by post",
        },
    )
    do(
        page,
        "Add an action",
        {
            "What needs doing": "Turn off email address autocomplete for the team.",
            "Owner": str(cast.officer_b),
            "Due date": now.date() + timezone.timedelta(days=7),
        },
    )
    do(page, "Record lessons learned", {"Lessons learned": "Check recipients before sending."})
    # An open action holds up sign-off: the button is not offered.
    expect(page.get_by_role("button", name="Send for SIRO sign-off")).to_have_count(0)
    sign_out(page)

    # The action's owner sees the action, not the breach.
    sign_in("officer_b")
    page.goto("/breaches/my-actions/")
    page.get_by_role("link", name="Turn off email address autocomplete").click()
    page.get_by_label("What was done (optional)").fill("Done for all 14 mailboxes.")
    page.get_by_role("button", name="Record it done").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.goto(f"/breaches/{breach.pk}/")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("Safeguarding")
    sign_out(page)

    sign_in("ig_manager")
    page.goto(f"/breaches/{breach.pk}/")
    do(page, "Send for SIRO sign-off")
    sign_out(page)

    sign_in("siro")
    page.get_by_role("link", name="Breaches", exact=True).click()
    page.get_by_role("link", name="Awaiting sign-off").click()
    page.get_by_role("link", name=breach.reference).click()
    do(page, "Sign off and close", {"Comments (optional)": "Good handling."})
    expect(page.locator("#status")).to_contain_text("Closed")
    breach.refresh_from_db()
    assert breach.status == Status.CLOSED
    assert breach.signed_off_by == cast.siro
    assert breach.ico_reference == "IC-424242-X9Y8"
    assert breach.individuals_decision == "tell"


@pytest.mark.django_db(transaction=True)
def test_the_countdown_keeps_moving_while_the_page_is_open(page, sign_in, cast):
    from tests.breaches.builders import breach_in

    breach = breach_in(Status.ASSESSING, cast)  # aware an hour ago: 71 hours left
    page.clock.install(time=timezone.now())
    sign_in("siro")
    page.goto(f"/breaches/{breach.pk}/")
    countdown = page.locator("#countdown time")
    expect(countdown).to_have_text("2 days 22 hours left")
    page.clock.fast_forward("25:00:00")
    expect(countdown).to_have_text("1 day 21 hours left")
    page.clock.fast_forward("46:00:00")
    expect(countdown).to_contain_text("overdue by")
    page.goto("/breaches/")
    expect(page.get_by_role("row", name=breach.reference)).to_contain_text("left")
