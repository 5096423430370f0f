"""The worker's lapse and reminders: on the right day, exactly once, even with two workers."""

import datetime as dt
import threading

import pytest
from django.db import connection

from fees import sweeps
from fees.models import FeeNotice
from organisation.models import Notification
from requests_app.models import Case, Correspondence, Event, Outcome, Status
from tests.fees.helpers import notice_of, on, with_notice


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_lapse_on_the_day_after_the_last_day_to_pay(cast, org):
    # Notice Mon 9 Feb 2026: three months beginning with that day end Fri 8 May 2026.
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    assert notice_of(case).pay_by == dt.date(2026, 5, 8)
    with on(dt.date(2026, 5, 8), hour=23):
        assert sweeps.lapse_due() == 0
        # The service itself refuses too, whoever calls it: the last day is still a day to pay.
        assert sweeps.fee_notice_lapse(notice_id=notice_of(case).pk) is False
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_FEE
    with on(dt.date(2026, 5, 9), hour=6):
        assert sweeps.lapse_due() == 1
        assert sweeps.lapse_due() == 0  # a second run finds nothing
    case.refresh_from_db()
    assert (case.status, case.outcome) == (Status.LAPSED, Outcome.LAPSED)
    assert notice_of(case).status == FeeNotice.Status.LAPSED
    assert Event.objects.filter(case=case, kind="fee_lapsed").count() == 1
    letter = Correspondence.objects.get(case=case, kind=Correspondence.Kind.FEE_LAPSED)
    assert "Friday 8 May 2026" in letter.body and letter.to == "jo@example.org"


@pytest.mark.django_db(transaction=True)
def test_two_workers_lapse_a_request_once(cast, org):
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    results = []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(sweeps.lapse_due(today=dt.date(2026, 5, 9)))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert Event.objects.filter(case=case, kind="fee_lapsed").count() == 1
    assert Correspondence.objects.filter(case=case, kind="fee_lapsed").count() == 1


def test_reminders_at_the_settings_points_once_each(cast, org, settings):
    settings.FEES_REMINDER_DAYS_BEFORE_LAPSE = [28, 7]
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))  # pay by Fri 8 May
    counts = []
    for day in (
        dt.date(2026, 4, 9),
        dt.date(2026, 4, 10),
        dt.date(2026, 4, 10),
        dt.date(2026, 4, 20),
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 2),
    ):
        with on(day):
            counts.append(sweeps.remind_due())
    # 28 days before 8 May is Fri 10 Apr; 7 days before is Fri 1 May.
    assert counts == [0, 1, 0, 0, 1, 0]
    letters = Correspondence.objects.filter(case=case, kind=Correspondence.Kind.FEE_REMINDER)
    assert letters.count() == 2
    assert Notification.objects.filter(kind="fee_reminder", recipient=cast.ig_officer).count() == 2
    assert notice_of(case).reminders_sent == [28, 7]


def test_a_paid_notice_is_neither_reminded_nor_lapsed(cast, org):
    from fees import services as fees

    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    with on(dt.date(2026, 2, 10)):
        fees.fee_payment_record(
            case_id=case.pk, user=cast.ig_officer, method="card", received_on=dt.date(2026, 2, 10)
        )
    with on(dt.date(2026, 5, 1)):
        assert sweeps.remind_due() == 0
    with on(dt.date(2026, 5, 9)):
        assert sweeps.lapse_due() == 0
