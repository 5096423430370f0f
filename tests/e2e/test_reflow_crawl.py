"""Every page the main journeys visit, checked at 320 CSS pixels for sideways scrolling and with
axe-core for WCAG 2.2 A/AA violations (tests/e2e/a11y.py), each as the person who uses it: the
public pages, IG's queue, case pages and every action form the case offers (also sent empty, so
the form shows its errors), bulk actions, search and saved filters, the service area's inbox and
answer form, the director's approvals, the dashboard, and the fees, breach, sharing, complaint
and retention pages. Each test lists every problem it found, not only the first."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from requests_app import complaints
from requests_app.models import Case, Channel, Outcome, Regime, Requester, Status
from sharing.models import Status as AgreementStatus
from tests.breaches.builders import breach_in
from tests.e2e.a11y import Crawl, narrow_context, sign_in
from tests.requests_app.builders import case_in
from tests.sharing.builders import agreement_in


@pytest.fixture(autouse=True)
def public_form_settings(settings):
    cache.clear()
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    yield
    cache.clear()


@pytest.fixture
def crawl(browser, live_server, settings):
    context = narrow_context(browser, live_server, settings)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield Crawl(page)
    context.close()


def action_links(page) -> list[tuple[str, str]]:
    return page.locator("#actions a[href]").evaluate_all(
        "links => links.map(a => [a.getAttribute('href'), a.textContent.trim()])"
    )


def each_action(crawl, make, what, detail_url):
    """The record's page, then every action form it offers, each on a fresh record in the same
    state (so sending one form does not change what the next one offers): the form, then the
    form sent empty (its errors, or where the action leads)."""
    first = make()
    crawl.visit(detail_url(first.pk), f"{what}: page")
    for href, label in action_links(crawl.page):
        fresh = make()
        url = href.replace(f"/{first.pk}/", f"/{fresh.pk}/", 1)
        crawl.visit(url, f"{what}: {label}")
        if crawl.page.locator("main form[method=post]").count():
            crawl.submit_empty(f"{what}: {label}, sent empty")


def published_case():
    responded = timezone.now() - dt.timedelta(days=30)
    requester = Requester.objects.create(name="Hidden Name", email="hidden@example.net")
    return Case.objects.create(
        reference="IG-2024-00001",
        regime=Regime.FOI,
        status=Status.RESPONDED,
        requester=requester,
        channel=Channel.EMAIL,
        received_at=responded - dt.timedelta(days=10),
        title="Streetlight replacement programme with a long title about highways maintenance",
        request_text="Private request text",
        responded_at=responded,
        outcome=Outcome.GRANTED,
        response_text="Dear Hidden Name, our answer.",
        public_title="Streetlight replacement programme",
        public_answer="Our answer about streetlights: https://www.example.org/a/very/long/address/"
        "that-has-no-spaces-in-it-at-all-and-must-wrap-rather-than-push-the-page-sideways",
        published_at=responded,
        publish_from=responded.date(),
    )


def a_complaint(cast):
    return complaints.complaint_log(
        user=cast.ig_officer,
        name="Robin Member",
        email="robin.member.with.a.long.address@example.org",
        address="",
        channel="email",
        received_at=timezone.now(),
        what_happened="You emailed my details to the wrong person.",
    )


def test_public_pages(crawl, db):
    case = published_case()
    page = crawl.page
    crawl.visit("/make-a-request/", "request form")
    crawl.submit_empty("request form with errors", "Send request")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Information held by the council (Freedom of Information)").check()
    page.get_by_label("Full name").fill("Sam Public")
    page.get_by_label("Email address").fill("sam.public@example.org")
    page.get_by_label("Your request", exact=True).fill("How many streetlights are there?")
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request received")
    crawl.check("request confirmation")
    crawl.visit("/complain/", "complaint form")
    crawl.submit_empty("complaint form with errors", "Send your complaint")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    page.get_by_label("Your name").fill("Robin Member")
    page.get_by_label("Email address").fill("robin@example.org")
    page.get_by_label("What happened to your personal data, and what would put it right").fill(
        "My bundle included another tenant's repair history."
    )
    page.get_by_role("button", name="Send your complaint").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    crawl.check("complaint received")
    crawl.visit("/disclosure-log/", "disclosure log")
    crawl.visit("/disclosure-log/?q=streetlight", "disclosure log search")
    crawl.visit(f"/disclosure-log/{case.reference}/", "disclosure log entry")
    crawl.visit("/sharing-agreements/", "sharing register")
    crawl.visit("/privacy/", "privacy notice")
    crawl.visit("/accessibility/", "accessibility statement")
    crawl.assert_clean()


def test_ig_officer_pages(crawl, cast, org):
    page = crawl.page
    sign_in(page, cast.ig_officer.username)
    for status in (Status.IN_PROGRESS, Status.AWAITING_AUTHORISATION, Status.RESPONDED):
        case_in(status, cast, org)
    crawl.visit("/requests/queue/", "IG landing (My cases)")
    tabs = page.locator(".moj-sub-navigation__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    for tab in tabs:
        crawl.visit(f"/requests/queue/{tab}", f"queue {tab}")
    crawl.visit("/requests/queue/?tab=open&q=pothole&regime=foi", "queue filtered")
    # Saved filters: save the filtered view, then see it listed.
    page.get_by_label("Save these filters as").fill("Potholes under FOI")
    page.get_by_role("button", name="Save filter").click()
    expect(page.locator("#saved-filters")).to_contain_text("Potholes under FOI")
    crawl.check("queue with a saved filter")

    crawl.visit("/requests/new/", "log a request")
    crawl.submit_empty("log a request with errors", "Log the request")

    for status in (
        Status.RECEIVED,
        Status.AWAITING_CLARIFICATION,
        Status.ASSIGNED,
        Status.AUTHORISED,
        Status.RESPONDED,
    ):
        each_action(crawl, lambda s=status: case_in(s, cast, org), f"case {status}", case_url)
    sar = case_in(Status.AWAITING_ID, cast, org)
    crawl.visit(case_url(sar.pk), "SAR awaiting ID")
    crawl.visit(f"/requests/{sar.pk}/history/", "case history")

    # Bulk: tick two cases, lapse them with no reason given (errors), then with one.
    bulk = [case_in(Status.AWAITING_CLARIFICATION, cast, org) for _ in range(2)]
    received = case_in(Status.RECEIVED, cast, org)
    query = "&".join(f"case={c.pk}" for c in [*bulk, received])
    crawl.visit(f"/requests/bulk/?action=lapse&{query}", "bulk lapse form")
    crawl.submit_empty("bulk lapse form with errors")
    page.get_by_label("Reason", exact=False).first.fill("No reply in three months.")
    page.locator("main form[method=post] button").last.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    crawl.check("bulk lapse result")
    crawl.visit(f"/requests/bulk/?action=reallocate&{query}", "bulk reallocate form")
    crawl.visit(f"/requests/bulk/?action=extend&{query}", "bulk extend form")

    crawl.visit("/search/?q=pothole", "search results")
    crawl.visit("/search/?q=zzzznothing", "search with no results")

    each_action(crawl, lambda: a_complaint(cast), "complaint", complaint_url)
    crawl.visit("/requests/complaints/", "complaints list")
    crawl.visit("/requests/complaints/new/", "complaint logged by IG")
    crawl.submit_empty("complaint logged by IG with errors")

    crawl.visit("/fees/register/", "fees register")
    crawl.assert_clean()


def test_ig_manager_pages(crawl, cast, org):
    page = crawl.page
    for status in (Status.IN_PROGRESS, Status.AWAITING_AUTHORISATION, Status.AUTHORISED):
        case_in(status, cast, org)
    case_in(Status.AWAITING_FEE, cast, org)
    sign_in(page, cast.ig_manager.username)
    crawl.visit("/requests/queue/", "IG manager landing")
    # The decision (answer approved by IG) on a case the service area has answered.
    each_action(crawl, lambda: case_in(Status.IN_PROGRESS, cast, org), "case in progress", case_url)

    # The extension letter (FOI offers it only with a qualified exemption; EIR at any time).
    eir = case_in(Status.ASSIGNED, cast, org, regime=Regime.EIR)
    crawl.visit(f"/requests/{eir.pk}/actions/extend/", "extend the deadline (EIR)")
    crawl.submit_empty("extend the deadline, sent empty")

    crawl.visit("/reports/dashboard/", "dashboard")
    drill = page.locator("#tile-overdue_now a, .app-count[href]").first
    crawl.visit("/reports/cases/overdue_now/", "dashboard drill-down")
    assert drill is not None
    crawl.visit("/reports/quarterly/", "quarterly statistics")
    crawl.visit("/reports/annual/", "annual statistics")
    crawl.visit("/fees/register/", "fees register")

    for status in ("reported", "assessing", "decided"):
        each_action(crawl, lambda s=status: breach_in(s, cast), f"breach {status}", breach_url)
    crawl.visit("/breaches/", "breach register")
    crawl.visit("/breaches/report/", "report a breach")
    crawl.submit_empty("report a breach with errors")

    areas = [org.area_a]
    for status in (AgreementStatus.DRAFT, AgreementStatus.DPO_REVIEW, AgreementStatus.ACTIVE):
        each_action(
            crawl,
            lambda s=status: agreement_in(s, cast, areas),
            f"agreement {status}",
            agreement_url,
        )
    crawl.visit("/sharing/", "sharing agreements")
    crawl.visit("/sharing/new/", "new sharing agreement")
    crawl.submit_empty("new sharing agreement with errors")
    crawl.visit("/sharing/dpias/", "DPIAs")

    crawl.visit("/retention/", "retention runs")
    crawl.visit("/retention/schedule/", "retention schedule")
    crawl.visit("/retention/holds/", "legal holds")
    crawl.visit("/retention/log/", "disposal log")
    crawl.assert_clean()


def test_service_area_and_director_pages(crawl, cast, org):
    page = crawl.page
    case_in(Status.ASSIGNED, cast, org)
    sign_in(page, cast.officer_a.username)
    crawl.visit("/requests/inbox/", "service-area inbox")
    crawl.visit("/requests/inbox/?tab=all", "service-area inbox, all")
    each_action(crawl, lambda: case_in(Status.IN_PROGRESS, cast, org), "area case", case_url)
    page.get_by_role("button", name="Sign out").click()

    case_in(Status.AWAITING_AUTHORISATION, cast, org)
    sign_in(page, cast.director.username)
    crawl.visit("/requests/authorisations/", "director's approvals")
    each_action(
        crawl,
        lambda: case_in(Status.AWAITING_AUTHORISATION, cast, org),
        "case awaiting approval",
        case_url,
    )
    crawl.assert_clean()


def case_url(pk):
    return f"/requests/{pk}/"


def complaint_url(pk):
    return f"/requests/complaints/{pk}/"


def breach_url(pk):
    return f"/breaches/{pk}/"


def agreement_url(pk):
    return f"/sharing/{pk}/"
