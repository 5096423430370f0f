"""The demo data: `seed_demo` loads about 200 cases in every state, through the services, once.

The demo is seeded once for the module (it takes seconds) inside a transaction that is rolled
back at the end, so the other tests never see it. Each test runs in its own savepoint inside it.
"""

import datetime as dt
import re
from base64 import b32decode
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import TOTP

from deadlines import rules
from organisation.models import User
from requests_app import clock
from requests_app.management.commands._demo_cases import DEMO_EMAILS, seed_cases
from requests_app.models import (
    Activity,
    AppliedExemption,
    Case,
    Correspondence,
    Document,
    Event,
    IcoComplaint,
    Outcome,
    Regime,
    ReviewOutcome,
    SarVariant,
    Status,
    TimeEntry,
)
from workflow.models import OutgoingEmail

# No service issues a fees notice yet, so no demo case can be waiting for a fee.
NOT_SEEDED = {Status.AWAITING_FEE}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Run seed_demo once; yield its output; roll everything back afterwards."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            output = StringIO()
            call_command("seed_demo", stdout=output)
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


def test_about_two_hundred_cases_in_every_state(seeded):
    assert "new cases" in seeded
    assert Case.objects.count() >= 190
    statuses = set(Case.objects.values_list("status", flat=True))
    assert statuses == set(Status.values) - NOT_SEEDED
    counts = dict(Case.objects.values_list("status").annotate(n=Count("id")))
    assert counts[Status.CLOSED] > counts[Status.RESPONDED] > counts[Status.AUTHORISED]


def test_every_regime_variant_outcome_and_flag(seeded):
    regimes = dict(Case.objects.values_list("regime").annotate(n=Count("id")))
    assert max(regimes, key=regimes.get) == Regime.FOI
    assert {Regime.FOI, Regime.EIR, Regime.SAR, Regime.ERASURE, Regime.RECTIFICATION} <= set(
        regimes
    )
    variants = set(Case.objects.values_list("sar_variant", flat=True))
    assert {SarVariant.CCTV, SarVariant.CHILD, SarVariant.THIRD_PARTY} <= variants
    outcomes = set(Case.objects.values_list("outcome", flat=True))
    assert set(Outcome.values) - {""} <= outcomes
    for flag in ("sensitive", "about_councillor", "media", "dataset"):
        assert Case.objects.filter(**{flag: True}).exists(), flag
    assert Case.objects.filter(extended=True).exists()
    # Qualified exemptions applied to decided cases all carry their public-interest test.
    qualified = AppliedExemption.objects.filter(exemption__qualified=True).exclude(case__outcome="")
    assert qualified.exists()
    assert not qualified.filter(public_interest_test="").exists()


def test_reviews_ico_complaints_assignments_time_and_documents(seeded):
    reviews = Case.objects.filter(review_of__isnull=False)
    assert reviews.count() >= 4
    assert set(reviews.values_list("review_outcome", flat=True)) >= {
        ReviewOutcome.UPHELD,
        ReviewOutcome.PARTLY,
        ReviewOutcome.OVERTURNED,
    }
    assert reviews.exclude(status__in=Status.finished()).exists()  # one still open
    assert IcoComplaint.objects.exists()
    assert Case.objects.annotate(n=Count("assignments")).filter(n__gte=2).exists()
    assert set(TimeEntry.objects.values_list("activity", flat=True)) == set(Activity.values)
    # Service-area steps were done by an officer of that area.
    for entry in TimeEntry.objects.select_related("recorded_by"):
        assert entry.recorded_by.service_areas.filter(pk=entry.service_area_id).exists()
    assert Document.objects.filter(kind=Document.Kind.RELEASED, publish=True).exists()


def test_open_cases_carry_the_dates_the_clock_computes_now(seeded):
    today = timezone.localdate()
    open_cases = Case.objects.exclude(status__in=Status.finished())
    assert open_cases.count() >= 40
    for case in open_cases:
        stored = (case.statutory_due, case.internal_due, case.acknowledge_by)
        clock.refresh_dates(case)
        assert stored == (case.statutory_due, case.internal_due, case.acknowledge_by), (
            case.reference
        )
        deadline = clock.statutory_deadline(case)  # None until the case is classified
        if case.status in clock.CLOCK_STOPPED or deadline is None:
            assert case.statutory_due is None
        else:
            assert case.statutory_due == deadline.due
    # Some overdue, some due in the next five working days.
    assert open_cases.filter(statutory_due__lt=today).exists()
    soon = rules.add_working_days(today, 5)
    assert open_cases.filter(statutory_due__gte=today, statutory_due__lte=soon).count() >= 3


def test_answers_mostly_on_time_some_late(seeded):
    answered = Case.objects.filter(responded_at__isnull=False, statutory_due__isnull=False)
    late = [c for c in answered if timezone.localdate(c.responded_at) > c.statutory_due]
    assert answered.count() >= 100
    assert 5 <= len(late) < answered.count() / 3


def test_spread_over_the_last_twelve_months_and_nothing_in_the_future(seeded):
    now = timezone.now()
    received = Case.objects.values_list("received_at", flat=True)
    assert min(received) >= now - dt.timedelta(days=366)
    assert max(received) <= now
    months = {timezone.localtime(moment).strftime("%Y-%m") for moment in received}
    assert len(months) >= 12
    assert not Event.objects.filter(at__gt=now).exists()
    assert not Case.history.filter(history_date__gt=now).exists()


def test_requesters_are_fictional_and_letters_are_marked_sent(seeded):
    emails = set(Case.objects.values_list("requester__email", flat=True)) - {""}
    assert emails <= DEMO_EMAILS
    assert all(e.endswith(("@example.org", "@example.com")) for e in emails)
    # Letters to requesters went out long ago (staff notifications from the breach and sharing
    # demo data are left to the worker).
    letters = OutgoingEmail.objects.filter(
        about_type=ContentType.objects.get_for_model(Correspondence)
    )
    assert letters.count() == Correspondence.objects.exclude(to="").count() > 0
    assert set(letters.values_list("state", flat=True)) == {"sent"}
    responses = Correspondence.objects.filter(kind=Correspondence.Kind.RESPONSE)
    assert responses.exists()
    assert not responses.filter(pdf="").exists()


def test_a_case_has_its_timeline_history_and_letters(seeded):
    case = (
        Case.objects.filter(status=Status.CLOSED, authorised_by__isnull=False, review_of=None)
        .filter(reviews=None, ico_complaints=None)
        .order_by("reference")
        .first()
    )
    events = list(case.events.order_by("at", "id"))
    kinds = [e.kind for e in events]
    for kind in (
        "logged",
        "classify",
        "acknowledge",
        "assign",
        "submit_draft",
        "decide",
        "send_for_authorisation",
        "authorise",
        "send_response",
        "close",
    ):
        assert kind in kinds, kind
    assert kinds.index("authorise") < kinds.index("send_response") < kinds.index("close")
    assert events[0].at >= case.received_at
    assert all(case.received_at <= e.at <= case.closed_at for e in events)
    history = list(case.history.order_by("history_date"))
    assert len(history) >= len(events)  # every step saved the case
    assert {h.status for h in history} >= {Status.RECEIVED, Status.AUTHORISED, Status.CLOSED}
    assert history[-1].history_user.username == "ig.officer"
    assert case.correspondence.filter(kind=Correspondence.Kind.ACKNOWLEDGEMENT).exists()
    assert case.correspondence.filter(kind=Correspondence.Kind.RESPONSE).exists()


def test_running_it_again_creates_nothing(seeded):
    before = Case.objects.count()
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert "(0 new cases)" in output.getvalue()
    assert seed_cases() == 0
    assert Case.objects.count() == before


def test_each_demo_user_gets_a_printed_totp_secret_that_signs_them_in(seeded, client, settings):
    """With two-factor sign-in on, the demo still works: the secret printed by seed_demo makes
    the codes its authenticator device accepts."""
    settings.STAFF_2FA_REQUIRED = True
    secret = re.search(r"^\s+ig\.manager\s.*TOTP secret ([A-Z2-7]+)$", seeded, re.M)[1]
    user = User.objects.get(username="ig.manager")
    client.force_login(user)
    assert client.get("/requests/queue/").status_code == 302
    code = f"{TOTP(b32decode(secret)).token():06d}"
    assert client.post("/accounts/two-factor/", {"token": code}).status_code == 302
    assert client.get("/requests/queue/").status_code == 200


def test_released_documents_with_and_without_hidden_data_and_sent_with_the_answers(seeded):
    from requests_app.delivery import mentions_enclosures
    from requests_app.delivery_models import Enclosure

    released = Document.objects.filter(kind=Document.Kind.RELEASED).select_related("case")
    current = [d for d in released if d.replaced_by_id is None]
    names = {d.original_name.rpartition(".")[2] for d in current}
    assert {"xlsx", "docx", "pdf", "csv"} <= names
    clean_spreadsheets = [
        d for d in current if d.original_name.endswith(".xlsx") and not d.findings
    ]
    assert clean_spreadsheets
    # Hidden data the demo shows: blocking an answer not yet sent, replaced by a clean version
    # on one that was, and accepted with a reason by the IG manager on another.
    blocked = [d for d in current if d.blocks_release]
    assert blocked and all(d.case.responded_at is None for d in blocked)
    assert any("is hidden and holds" in f["message"] for d in blocked for f in d.findings)
    assert released.filter(replaced_by__isnull=False).exclude(findings=[]).exists()
    assert released.exclude(findings=[]).filter(findings_accepted_by__isnull=False).exists()
    # Every answer that says documents are attached went with them.
    for letter in Correspondence.objects.filter(kind__in=["response", "review_response"]):
        if mentions_enclosures(letter.case.response_text):
            assert letter.enclosures.exists(), letter.case.reference
    assert Enclosure.objects.filter(method=Enclosure.Method.ATTACHED).exists()
