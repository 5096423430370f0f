"""The sweep mechanism: an escalation is stored once per (object, kind, level, window), with
its notifications in the same transaction, whoever runs the sweep and however often.

These sweeps are about directorates, so the mechanism is tested without any case logic."""

import datetime as dt
import threading
import time

import pytest
from django.db import IntegrityError, connection, transaction

from organisation.models import Directorate, Escalation, Notification, Role
from requests_app.models import Status
from requests_app.sweeps import IG_ALERTS
from tests.factories import UserFactory
from tests.requests_app.builders import case_in
from workflow import escalations, notifications
from workflow.escalations import Due, Sweep

TODAY = dt.date(2026, 3, 4)  # Wednesday


def due_for(directorate, users, *, window="2026-03-04", level=1, link_object=None):
    return Due(
        target=directorate,
        kind="test_review",
        level=level,
        window_key=window,
        reason=f"{directorate.name} needs a review.",
        subject=f"Review {directorate.name}",
        template="case",
        context={"headline": "Review it.", "action": "Do it.", "facts": [], "case_url": ""},
        recipients=lambda: [(user, "You are on the list.") for user in users],
        link_object=link_object,
    )


def sweep_over(users, **kwargs):
    return Sweep(
        "test.directorate_reviews",
        query=lambda today: Directorate.objects.order_by("pk"),
        rule=lambda directorate, today: due_for(directorate, users, **kwargs),
    )


def test_a_sweep_stores_one_escalation_per_object_and_window(org, cast):
    sweep = sweep_over([cast.ig_manager])
    first = escalations.run(sweep, today=TODAY)
    second = escalations.run(sweep, today=TODAY)
    assert (first.created, first.already) == (2, 0)  # Place and People
    assert (second.created, second.already) == (0, 2)
    assert Escalation.objects.count() == 2
    assert Notification.objects.count() == 2
    assert {n.escalation.target for n in Notification.objects.all()} == {org.place, org.people}


def test_a_new_window_or_level_is_a_new_escalation(org, cast):
    escalations.run(sweep_over([cast.ig_manager]), today=TODAY)
    escalations.run(sweep_over([cast.ig_manager], window="2026-03-05"), today=TODAY)
    escalations.run(sweep_over([cast.ig_manager], level=2), today=TODAY)
    assert Escalation.objects.count() == 6


def test_the_database_refuses_a_second_escalation_for_the_same_window(org):
    escalations.escalate(due_for(org.place, []))  # no one to tell: nothing stored
    assert not Escalation.objects.exists()
    first = escalations.escalate(due_for(org.place, [UserFactory(role=Role.IG_MANAGER)]))
    assert first.pk
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(
            content_type=first.content_type,
            object_id=first.object_id,
            kind=first.kind,
            level=first.level,
            window_key=first.window_key,
            reason="again",
        )


def test_with_no_one_to_tell_nothing_is_stored_and_the_next_run_tries_again(org, caplog):
    sweep = sweep_over([])
    result = escalations.run(sweep, today=TODAY)
    assert (result.created, result.nobody) == (0, 2)
    assert not Escalation.objects.exists()
    assert f"for organisation.Directorate {org.place.pk} (window 2026-03-04)" in caplog.text
    manager = UserFactory(role=Role.IG_MANAGER)
    assert escalations.run(sweep_over([manager]), today=TODAY).created == 2


def test_inactive_users_are_not_told_and_each_user_is_told_once(org):
    active = UserFactory(role=Role.IG_MANAGER)
    gone = UserFactory(role=Role.IG_MANAGER, is_active=False)
    escalations.run(sweep_over([active, gone, active]), today=TODAY)
    assert set(Notification.objects.values_list("recipient", flat=True)) == {active.pk}
    assert Notification.objects.count() == 2


def test_no_one_is_told_about_a_record_they_may_not_see(cast, org):
    case = case_in(Status.ASSIGNED, cast, org)  # area A
    due = due_for(org.place, [cast.officer_a, cast.officer_b, cast.siro], link_object=case)
    escalations.escalate(due)
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "officer_a",
        "siro",  # read-only, council-wide, an FOI case: may see it
    ]


def test_if_writing_the_notifications_fails_the_escalation_is_not_stored(
    org, cast, monkeypatch, caplog
):
    def broken(**kwargs):
        raise RuntimeError("template missing")

    monkeypatch.setattr(notifications, "notify", broken)
    result = escalations.run(sweep_over([cast.ig_manager]), today=TODAY)
    assert (result.created, result.failed) == (0, 2)
    assert not Escalation.objects.exists()
    assert f"could not escalate organisation.Directorate {org.place.pk}" in caplog.text
    monkeypatch.undo()
    assert escalations.run(sweep_over([cast.ig_manager]), today=TODAY).created == 2


def test_sweep_names_are_unique():
    assert escalations.SWEEPS[IG_ALERTS.name] is IG_ALERTS
    with pytest.raises(ValueError, match="Two sweeps"):
        escalations.register(
            Sweep(IG_ALERTS.name, query=lambda today: [], rule=lambda obj, today: None)
        )


def test_window_keys():
    assert escalations.day_key(TODAY) == "2026-03-04"
    assert escalations.week_key(TODAY) == "2026-W10"
    assert escalations.week_key(dt.date(2026, 3, 8)) == "2026-W10"  # Sunday, same week
    assert escalations.week_key(dt.date(2027, 1, 1)) == "2026-W53"
    assert escalations.week_start(TODAY) == dt.date(2026, 3, 2)


@pytest.mark.django_db(transaction=True)
def test_two_workers_escalating_at_the_same_moment_store_it_once(monkeypatch):
    """Two threads, two database connections, the same escalation at the same moment: the
    second insert waits for the first transaction and then finds the row."""
    directorate = Directorate.objects.create(name="Resources")
    manager = UserFactory(role=Role.IG_MANAGER)
    inside = threading.Barrier(2, timeout=10)
    original = escalations.allowed_recipients

    def slow_recipients(due):
        # The thread that inserted holds its transaction open, so the other one's insert has
        # to wait for it.
        time.sleep(0.3)
        return original(due)

    def racing_get_or_create(manager_get_or_create):
        def get_or_create(**kwargs):
            # Both threads start get_or_create together, so both miss the row at first.
            inside.wait()
            return manager_get_or_create(**kwargs)

        return get_or_create

    monkeypatch.setattr(
        Escalation.objects, "get_or_create", racing_get_or_create(Escalation.objects.get_or_create)
    )
    monkeypatch.setattr(escalations, "allowed_recipients", slow_recipients)
    results, errors = [], []

    def worker():
        try:
            results.append(escalations.escalate(due_for(directorate, [manager])))
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    assert sorted(r is None for r in results) == [False, True]  # one stored, one found it
    assert Escalation.objects.count() == 1
    assert Notification.objects.count() == 1
