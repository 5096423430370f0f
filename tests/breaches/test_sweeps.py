"""Breach alerts: the DPO and the SIRO as the 72 hours run down, action owners when overdue;
each alert exactly once, whatever the number of runs. Times are written out."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from breaches import services, sweeps
from breaches.models import BreachAction, Status
from organisation.models import Escalation, Notification
from tests.breaches.builders import breach_in
from workflow.escalations import run

pytestmark = pytest.mark.django_db

T = datetime.fromisoformat
# Became aware Friday 1 May 2026 16:30 BST: due Monday 4 May 16:30 (a bank holiday counts).
REPORTED = T("2026-05-01T17:30:00+01:00")


def alerts():
    return sorted(
        (n.escalation.level, n.recipient.username)
        for n in Notification.objects.filter(kind=sweeps.ICO_CLOCK).select_related(
            "escalation", "recipient"
        )
    )


def sweep_at(moment):
    with time_machine.travel(T(moment), tick=False):
        return run(sweeps.ICO_CLOCK_ALERTS)


@pytest.fixture
def breach(cast):
    with time_machine.travel(REPORTED, tick=False):
        return breach_in(Status.ASSESSING, cast)  # aware an hour before: 16:30


def test_the_dpo_and_siro_are_alerted_once_at_each_threshold(cast, breach):
    assert breach.ico_due == T("2026-05-04T16:30:00+01:00")
    sweep_at("2026-05-02T16:00:00+01:00")  # 48.5 hours left
    assert alerts() == []
    for _ in range(2):
        sweep_at("2026-05-02T16:45:00+01:00")  # 47.75 left: level 1, once
    assert alerts() == [(1, "ig_manager"), (1, "siro")]
    result = sweep_at("2026-05-03T16:30:00+01:00")  # Sunday, 24 left
    assert result.created == 1
    sweep_at("2026-05-04T11:00:00+01:00")  # bank holiday Monday, 5.5 left
    sweep_at("2026-05-04T16:30:00+01:00")  # run out
    sweep_at("2026-05-04T20:00:00+01:00")
    assert alerts() == [(level, who) for level in (1, 2, 3, 4) for who in ("ig_manager", "siro")]
    last = Notification.objects.filter(escalation__level=4).first()
    assert "have run out" in last.subject


def test_a_missed_day_sends_only_the_most_urgent_alert(cast, breach):
    sweep_at("2026-05-04T12:00:00+01:00")  # first run with 4.5 hours left
    assert alerts() == [(3, "ig_manager"), (3, "siro")]


def test_no_alert_once_reported_and_a_new_set_when_awareness_changes(cast, breach):
    sweep_at("2026-05-02T17:00:00+01:00")
    assert len(alerts()) == 2
    with time_machine.travel(T("2026-05-02T17:05:00+01:00"), tick=False):
        services.breach_change_awareness(
            breach_id=breach.pk,
            user=cast.ig_manager,
            aware_at=T("2026-05-01T09:00:00+01:00"),
            reason="The contractor told the service that morning.",
        )
    sweep_at("2026-05-02T17:10:00+01:00")  # due 4 May 09:00 now: 39.8 hours left
    assert len(alerts()) == 4  # the new window's level 1
    with time_machine.travel(T("2026-05-02T18:00:00+01:00"), tick=False):
        services.breach_assess_risk(
            breach_id=breach.pk, user=cast.ig_manager, likelihood=3, severity=3, reasoning="r"
        )
        services.breach_decide_ico(
            breach_id=breach.pk, user=cast.ig_manager, decision="report", reason="Risk."
        )
    sweep_at("2026-05-03T10:00:00+01:00")  # decided to report, not yet reported: still alerted
    assert len(alerts()) == 6
    with time_machine.travel(T("2026-05-03T11:00:00+01:00"), tick=False):
        services.breach_record_ico_report(
            breach_id=breach.pk,
            user=cast.ig_manager,
            ico_reference="IC-2",
            reported_at=T("2026-05-03T10:30:00+01:00"),
        )
    sweep_at("2026-05-04T12:00:00+01:00")
    sweep_at("2026-05-05T12:00:00+01:00")
    assert len(alerts()) == 6


def test_other_staff_are_never_told(cast, breach):
    sweep_at("2026-05-04T20:00:00+01:00")
    told = {n.recipient.username for n in Notification.objects.all()}
    assert told == {"ig_manager", "siro"}


def test_an_overdue_action_is_told_to_its_owner_once(cast):
    with time_machine.travel(T("2026-05-01T10:00:00+01:00"), tick=False):
        breach = breach_in(Status.DECIDED, cast)
        services.breach_add_action(
            breach_id=breach.pk,
            user=cast.ig_manager,
            description="Fix the mail merge.",
            owner=cast.officer_a,
            due_on=date(2026, 5, 5),
        )
    run(sweeps.ACTIONS_OVERDUE, today=date(2026, 5, 5))
    assert not Escalation.objects.filter(kind=sweeps.ACTION_OVERDUE).exists()
    for _ in range(2):
        run(sweeps.ACTIONS_OVERDUE, today=date(2026, 5, 6))
    run(sweeps.ACTIONS_OVERDUE, today=date(2026, 5, 7))
    told = Notification.objects.filter(kind=sweeps.ACTION_OVERDUE)
    assert [n.recipient for n in told] == [cast.officer_a]
    action = BreachAction.objects.get()
    services.breach_action_complete(action_id=action.pk, user=cast.officer_a)
    assert list(sweeps.action_overdue_query(date(2026, 5, 8))) == []


def test_the_alerts_run_around_the_clock():
    from config.celery import app

    schedule = app.conf.beat_schedule
    clock = schedule["breach-ico-clock-alerts"]["schedule"]
    assert schedule["breach-ico-clock-alerts"]["task"] == "breaches.tasks.sweep_ico_clock_alerts"
    # Every 15 minutes, every hour, every day of the week.
    assert clock.minute == {0, 15, 30, 45}
    assert clock.hour == set(range(24))
    assert clock.day_of_week == set(range(7))
    assert schedule["breach-overdue-actions"]["task"] == "breaches.tasks.sweep_overdue_actions"


def test_the_tasks_run_the_sweeps(cast, breach):
    from breaches import tasks

    with time_machine.travel(T("2026-05-04T20:00:00+01:00"), tick=False):
        assert tasks.sweep_ico_clock_alerts()["created"] == 1
        assert tasks.sweep_ico_clock_alerts() == {
            "sweep": "breaches.ico_clock_alerts",
            "created": 0,
            "already": 1,
            "nobody": 0,
            "failed": 0,
        }
    assert timezone.now() > breach.ico_due
