"""The volume seeder (reports.volume, reports.volume_write): rows written by COPY read back as
the ORM would have written them, every date is the one deadlines/ gives, the summaries of
seeded (and removed) cases agree with a fresh count, and the spread grows with the count."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from deadlines.services import current_calendar
from reports import summaries, volume, volume_write
from reports.models import KEY_FIELDS, CaseFacts, ReportCount
from requests_app import clock
from requests_app.models import Assignment, Case, Regime, Requester, Status

TRICKY = "tab\there, a new line\nand a back\\slash \\N, quotes ' \" and é"


def test_copy_reads_back_as_the_orm_would_write(org):
    now = timezone.now()
    requester = Requester.objects.create(name="Copy test", email="copy@example.org")
    Row = volume_write.row_class(Case, now=now)
    row = Row(
        reference="VOL-TEST-1",
        regime=Regime.FOI,
        requester_id=requester.pk,
        channel="email",
        received_at=now - dt.timedelta(days=3),
        title="Copy\ttest",
        request_text=TRICKY,
        statutory_due=dt.date(2026, 3, 2),
        sensitive=True,
    )
    volume_write.write_objects(Case, [row])
    assert row.pk
    case = Case.objects.get(pk=row.pk)
    assert (case.reference, case.title, case.request_text) == ("VOL-TEST-1", "Copy\ttest", TRICKY)
    assert case.received_at == now - dt.timedelta(days=3)
    assert case.created_at == now  # auto_now_add, written by hand
    assert case.statutory_due == dt.date(2026, 3, 2)
    assert (case.sensitive, case.media, case.extended) == (True, False, False)
    assert case.approvals == []  # a JSON default
    assert case.status == Case._meta.get_field("status").default
    assert case.outcome == "" and case.closed_at is None
    # The sequence moved on: the ORM's next case does not collide with the copied one.
    other = Case.objects.create(
        reference="VOL-TEST-2",
        requester=requester,
        channel="email",
        received_at=now,
        title="After",
        request_text="After.",
    )
    assert other.pk > row.pk


DATES = ("statutory_due", "internal_due", "acknowledge_by", "due_provisional")


def test_every_seeded_date_is_the_one_deadlines_gives(org):
    volume.seed(1200, seed=11)
    calendar = current_calendar()
    cases = list(Case.objects.filter(reference__startswith=volume.PREFIX))
    checked = 0
    for case in cases:
        if case.statutory_due is None:
            continue  # clock stopped (a fee unpaid, clarification or identity awaited)
        # The dates the product itself gives a case with these facts (requests_app.clock, which
        # the services use), worked out here case by case: no remembered answers.
        seeded = tuple(getattr(case, name) for name in DATES)
        clock.refresh_dates(case, calendar)
        assert seeded == tuple(getattr(case, name) for name in DATES), case.reference
        checked += 1
    # Each kind of date was met: extended, clarified, fee-paid, identity, reviews, every regime.
    answered = [c for c in cases if c.statutory_due]
    assert checked > 900
    assert any(c.extended for c in answered)
    assert any(c.clarified_on for c in answered)
    assert any(c.fee_paid_on for c in answered)
    assert any(c.id_received_on for c in answered)
    assert any(c.review_of_id for c in answered)
    assert {c.regime for c in answered} >= {Regime.FOI, Regime.EIR, Regime.SAR}
    # Assignments carry their case's internal date.
    for case_id, internal_due in Assignment.objects.filter(
        case__reference__startswith=volume.PREFIX, case__internal_due__isnull=False
    ).values_list("case_id", "case__internal_due")[:200]:
        assert (
            Assignment.objects.filter(case_id=case_id).values_list("internal_due", flat=True)[0]
            == internal_due
        )


def test_the_same_seed_gives_the_same_cases(org):
    fields = ("reference", "regime", "status", "outcome", "received_at", "statutory_due")
    volume.seed(150, seed=4)
    first = list(Case.objects.order_by("reference").values_list(*fields))
    volume.clear()
    volume.seed(150, seed=4)
    second = list(Case.objects.order_by("reference").values_list(*fields))
    assert second == first


def test_summaries_agree_after_seeding_twice_and_clearing(cast, org):
    from tests.requests_app.builders import logged

    mine = logged(cast)
    summaries.refresh([mine.pk])
    volume.seed(300, seed=8)
    assert summaries.differences() == []
    volume.seed(200, seed=9)  # onto rows that already exist: counts are added, not replaced
    assert summaries.differences() == []
    assert CaseFacts.objects.count() == Case.objects.count() == 501
    volume.clear()
    assert summaries.differences() == []
    assert not ReportCount.objects.filter(n=0).exists()
    assert list(CaseFacts.objects.values_list("case_id", flat=True)) == [mine.pk]
    assert Case.objects.get() == mine


def test_the_spread_grows_with_the_count():
    assert volume.default_days(1_000) == 730
    assert volume.default_days(200_000) == 730
    assert volume.default_days(300_000) == 1095
    assert volume.default_days(1_000_000) == 3650
    # Never before the working-day calendar begins (1 January 2012).
    assert volume.default_days(10_000_000) == volume.max_days()
    assert (
        volume.max_days(dt.date(2026, 12, 1)) == (dt.date(2026, 12, 1) - dt.date(2012, 1, 1)).days
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"cases": 10, "days": 10}, "--days must be between 30 and"),
        ({"cases": 10, "days": 9000}, "the working-day calendar begins on 1 January 2012"),
        ({"cases": 0}, "--cases and --batch must be positive"),
    ],
)
def test_seed_volume_refuses_bad_options_and_makes_nothing(org, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed_volume", stdout=StringIO(), **options)
    assert not Case.objects.exists()


def test_seed_volume_says_the_spread_and_keeps_the_statuses_consistent(org):
    out = StringIO()
    call_command("seed_volume", cases=120, days=90, stdout=out)
    assert "Creating 120 cases over 90 days." in out.getvalue()
    cases = Case.objects.filter(reference__startswith=volume.PREFIX)
    earliest = timezone.localdate() - dt.timedelta(days=90)
    assert not cases.filter(received_at__date__lt=earliest - dt.timedelta(days=1)).exists()
    assert not cases.filter(status=Status.CLOSED, closed_at__isnull=True).exists()


def test_the_rebuild_command_writes_what_summaries_rebuild_writes(cast, org):
    from tests.requests_app.builders import logged

    logged(cast)  # a case made by the services, counted by the listener
    volume.seed(250, seed=12)
    summaries.rebuild()
    fields = (*KEY_FIELDS, "n")
    expected = sorted(ReportCount.objects.values_list(*fields))
    facts = dict(CaseFacts.objects.values_list("case_id", "facts"))
    ReportCount.objects.filter(kind="received").update(n=99)  # out of step
    CaseFacts.objects.filter(case_id__in=list(facts)[:10]).delete()
    out = StringIO()
    call_command("rebuild_report_summaries", stdout=out)
    assert "Counted 251 cases into the summaries" in out.getvalue()
    assert sorted(ReportCount.objects.values_list(*fields)) == expected
    assert dict(CaseFacts.objects.values_list("case_id", "facts")) == facts
    assert summaries.differences() == []
