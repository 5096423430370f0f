"""Journeys of the public (no sign-in): making a request, and reading the disclosure log."""

import datetime as dt

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from requests_app.models import Case, Channel, Outcome, Regime, Requester, Status


@pytest.fixture(autouse=True)
def public_form_settings(settings):
    # The live server shares this process's cache (rate limit, used tokens) and settings.
    cache.clear()
    # Playwright fills the form faster than the spam timer allows a person to; the timer has
    # its own tests in tests/requests_app/test_public.py.
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    yield
    cache.clear()


def test_public_request_reaches_the_ig_queue(page, sign_in, cast, live_server):
    page.goto("/make-a-request/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Make a request for information")

    # A first attempt with nothing filled in: the error summary says what is missing.
    page.get_by_role("button", name="Send request").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Select what kind of information you want")
    expect(summary).to_contain_text("Enter your email address")
    assert Case.objects.count() == 0

    page.get_by_label("Information held by the council (Freedom of Information)").check()
    page.get_by_label("Full name").fill("Sam Public")
    page.get_by_label("Email address").fill("sam.public@example.org")
    page.get_by_label("Your request", exact=True).fill(
        "How many streetlights did the council replace with LED lamps in 2024?"
    )
    page.get_by_role("button", name="Send request").click()

    expect(page).to_have_url(live_server.url + "/make-a-request/confirmation/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Request received")
    reference = page.get_by_test_id("reference").inner_text().strip()
    case = Case.objects.get()
    assert reference == case.reference
    assert case.channel == Channel.WEB
    assert case.regime == Regime.FOI
    expect(page.locator("main")).to_contain_text("sam.public@example.org")

    sign_in(cast.ig_officer.username)
    page.goto("/requests/queue/")
    expect(page.locator("main")).to_contain_text(reference)


def test_public_searches_the_disclosure_log(page, db):
    responded = dt.datetime(2024, 6, 3, 10, 0, tzinfo=dt.UTC)
    requester = Requester.objects.create(name="Hidden Name", email="hidden@example.net")
    for number, title in enumerate(["Streetlight replacement programme", "Parking fines"], 1):
        Case.objects.create(
            reference=f"IG-2024-{number:05d}",
            regime=Regime.FOI,
            status=Status.RESPONDED,
            requester=requester,
            channel=Channel.EMAIL,
            received_at=responded - dt.timedelta(days=10),
            title=title,
            request_text="Private request text",
            responded_at=responded,
            outcome=Outcome.GRANTED,
            response_text=f"Dear Hidden Name, our answer about {title.lower()}.",
            # Published by IG: the public version, not the letter.
            public_title=title,
            public_answer=f"Our answer about {title.lower()}.",
            published_at=responded,
            publish_from=responded.date(),
        )

    page.goto("/disclosure-log/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure log")
    page.get_by_label("Search", exact=True).fill("streetlight")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("heading", name="1 matching response")).to_be_visible()
    page.get_by_role("link", name="IG-2024-00001").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Streetlight replacement programme")
    expect(page.locator("main")).to_contain_text("Our answer about streetlight")
    expect(page.locator("main")).not_to_contain_text("Hidden Name")
