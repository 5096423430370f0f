"""Review reminders and overdue escalations, each exactly once per review date.

An agreement signed on Thursday 15 January 2026 with a 12-month review is due for review on
Friday 15 January 2027. With SHARING_REVIEW_REMINDER_DAYS = 30 the owner and IG are reminded
from Wednesday 16 December 2026 (30 days before); from Saturday 16 January 2027 the review is
overdue and the owner, the IG managers and the SIRO are told."""

import datetime as dt

import pytest
import time_machine

from organisation.models import Escalation, Notification
from sharing import services, sweeps, tasks
from sharing.models import Agreement, Status
from tests.sharing.builders import agreement_in
from workflow import escalations

pytestmark = pytest.mark.django_db
SIGNED = dt.date(2026, 1, 15)
REVIEW = dt.date(2027, 1, 15)


@pytest.fixture(autouse=True)
def thresholds(settings):
    settings.SHARING_REVIEW_REMINDER_DAYS = 30
    settings.SITE_URL = "https://ig.council.example"


@pytest.fixture
def agreement(cast, org):
    with time_machine.travel(dt.datetime(2026, 1, 15, 10, tzinfo=dt.UTC), tick=False):
        made = agreement_in(Status.ACTIVE, cast, [org.area_a], signed_on=SIGNED)
    Agreement.objects.filter(pk=made.pk).update(owner=cast.officer_a)
    return Agreement.objects.get(pk=made.pk)


def told(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_the_review_date_comes_from_deadlines(agreement):
    assert agreement.review_due == REVIEW


def test_no_reminder_before_the_window(agreement):
    result = escalations.run(sweeps.REVIEW_REMINDERS, today=dt.date(2026, 12, 15))
    assert result.created == 0
    assert not Notification.objects.exists()


def test_reminder_fires_once(agreement):
    first = escalations.run(sweeps.REVIEW_REMINDERS, today=dt.date(2026, 12, 16))
    assert first.created == 1
    # The owner and IG; not the SIRO, not the director, not the other area's officer.
    assert told("agreement_review_reminder") == {"officer_a", "ig_officer", "ig_manager"}
    again = escalations.run(sweeps.REVIEW_REMINDERS, today=dt.date(2026, 12, 16))
    later = escalations.run(sweeps.REVIEW_REMINDERS, today=dt.date(2027, 1, 10))
    assert (again.created, later.created) == (0, 0)
    assert Notification.objects.filter(kind="agreement_review_reminder").count() == 3
    notification = Notification.objects.filter(recipient__username="officer_a").get()
    assert "Friday 15 January 2027" in notification.body_text
    assert notification.link_url == f"/sharing/{agreement.pk}/"


def test_overdue_escalation_fires_once_after_the_review_date(agreement):
    assert escalations.run(sweeps.REVIEW_OVERDUE, today=REVIEW).created == 0
    assert escalations.run(sweeps.REVIEW_OVERDUE, today=dt.date(2027, 1, 16)).created == 1
    assert told("agreement_review_overdue") == {"officer_a", "ig_manager", "siro"}
    assert escalations.run(sweeps.REVIEW_OVERDUE, today=dt.date(2027, 1, 20)).created == 0
    assert Escalation.objects.filter(kind="agreement_review_overdue").count() == 1


def test_a_renewal_starts_a_new_window(agreement, cast):
    escalations.run(sweeps.REVIEW_REMINDERS, today=dt.date(2026, 12, 16))
    with time_machine.travel(dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC), tick=False):
        services.agreement_renew(
            agreement_id=agreement.pk,
            user=cast.ig_manager,
            reviewed_on=dt.date(2027, 1, 5),
            review_months=12,
            notes="Still needed.",
        )
    assert escalations.run(sweeps.REVIEW_OVERDUE, today=dt.date(2027, 1, 16)).created == 0
    assert escalations.run(sweeps.REVIEW_REMINDERS, today=dt.date(2027, 12, 6)).created == 1
    assert Escalation.objects.filter(kind="agreement_review_reminder").count() == 2


def test_ended_agreements_are_not_reminded(agreement, cast):
    services.agreement_terminate(agreement_id=agreement.pk, user=cast.ig_manager, reason="Ended")
    assert escalations.run(sweeps.REVIEW_REMINDERS, today=dt.date(2026, 12, 16)).created == 0
    assert escalations.run(sweeps.REVIEW_OVERDUE, today=dt.date(2027, 2, 1)).created == 0


def test_the_worker_tasks_run_the_same_sweeps(agreement):
    """The beat tasks: the calendar's move, then the two sweeps, each safe to run twice."""
    with time_machine.travel(dt.datetime(2027, 1, 16, 7, tzinfo=dt.UTC), tick=False):
        assert tasks.advance_agreements() == {"expired": 0, "review_due": 1}
        assert tasks.sweep_review_reminders()["created"] == 1
        assert tasks.sweep_review_overdue()["created"] == 1
        assert tasks.advance_agreements() == {"expired": 0, "review_due": 0}
        assert tasks.sweep_review_overdue()["already"] == 1
    assert Agreement.objects.get(pk=agreement.pk).status == Status.REVIEW_DUE
