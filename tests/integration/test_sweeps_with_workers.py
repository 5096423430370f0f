"""The sweeps in real Celery workers, against the real Redis and the test database.

Emails are counted from the workers' file-based mailbox, by Message-ID (one per outgoing email)
and by recipient and subject, so a duplicate shows whichever way it happened. Dates are worked
out from the real today, as the workers use the real clock.
"""

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines import rules
from organisation.models import Escalation, Notification, Role
from requests_app import services, tasks
from requests_app.models import Case, Channel, Regime
from tests.factories import UserFactory
from tests.integration.conftest import read_mailbox, wait_until
from workflow.models import OutgoingEmail
from workflow.tasks import sweep_outbox

pytestmark = pytest.mark.integration

LONDON = ZoneInfo("Europe/London")


def received_for(statutory_due: dt.date) -> dt.datetime:
    """When an FOI request must have arrived to be due on `statutory_due`."""
    day = rules.working_days_before(statutory_due, 20)
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=LONDON)


def log(cast, received_at: dt.datetime, title: str, *, acknowledged=True, areas=()) -> Case:
    case = services.case_log(
        user=cast.ig_officer,
        requester={"name": "Jo Bloggs", "email": "jo@example.org"},
        channel=Channel.EMAIL,
        received_at=received_at,
        title=title,
        request_text="Please send the figures.",
        regime=Regime.FOI,
    )
    if areas:
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[a.pk for a in areas]
        )
    if acknowledged:
        # Set directly: acknowledging through the service would also send a letter, which is
        # not what these tests count.
        Case.objects.filter(pk=case.pk).update(acknowledged_at=received_at)
    return Case.objects.get(pk=case.pk)


def header(message, name: str) -> str:
    return " ".join(str(message[name]).split())  # unfolded


def staff_messages(mailbox):
    return [
        m for m in read_mailbox(mailbox) if header(m, "Message-ID") in notification_message_ids()
    ]


def assert_each_sent_once(mailbox, expected: set[tuple]):
    """Every notification in the database was emailed exactly once, nothing else was, and the
    notifications are exactly the expected (username, kind, level, target) ones."""
    messages = staff_messages(mailbox)
    by_id = Counter(header(m, "Message-ID") for m in messages)
    by_person = Counter((header(m, "To"), header(m, "Subject")) for m in messages)
    assert [key for key, n in by_id.items() if n > 1] == []
    assert [key for key, n in by_person.items() if n > 1] == []
    rows = Notification.objects.select_related("recipient", "escalation")
    assert notification_message_ids() == set(by_id)
    told = Counter(
        (row.recipient.username, row.kind, row.escalation.level, row.escalation.object_id)
        for row in rows
    )
    assert [key for key, n in told.items() if n > 1] == []
    assert set(told) == expected
    assert len(messages) == len(expected)


def notification_emails():
    return OutgoingEmail.objects.filter(about_type__model="notification")


def notification_message_ids() -> set[str]:
    return {email.message_id for email in notification_emails()}


def unsent_notifications() -> int:
    return Notification.objects.count() - notification_emails().filter(state="sent").count()


def outbox_state(mailbox) -> str:
    return "\n".join(
        [f"{len(staff_messages(mailbox))} emails in the mailbox; notification emails:"]
        + [
            f"  {email.to} {email.subject} {email.state} attempts={email.attempts} "
            f"{email.last_error}"
            for email in notification_emails()
        ]
    )


def sweep_runs(progress_file) -> dict[str, list[tuple]]:
    """sweep name -> [(worker pid, start, end, created)] from the workers' progress lines."""
    starts, runs = {}, {}
    for line in progress_file.read_text().splitlines():
        kind, *rest = line.split()
        if kind == "sweep-start":
            name, pid, at = rest
            starts[(name, pid)] = float(at)
        elif kind == "sweep-end":
            name, pid, at, created = rest
            runs.setdefault(name, []).append(
                (pid, starts.pop((name, pid)), float(at), int(created))
            )
    return runs


PER_CASE_SWEEPS = [
    tasks.sweep_statutory_due_ig_alerts,
    tasks.sweep_internal_due_reminders,
    tasks.sweep_statutory_due_director_escalations,
    tasks.sweep_overdue_escalations,
    tasks.sweep_acknowledgement_alerts,
    tasks.sweep_authorisation_alerts,
    tasks.sweep_siro_overdue_summaries,
    tasks.sweep_director_sensitive_digests,
]


def test_two_workers_running_every_sweep_twice_at_once_send_each_email_once(
    start_worker, mailbox, cast, org, tmp_path, client, settings
):
    today = timezone.localdate()
    near = log(cast, received_for(rules.add_working_days(today, 1)), "Near", areas=[org.area_a])
    overdue = log(
        cast, received_for(rules.working_days_before(today, 2)), "Late", areas=[org.area_b]
    )
    log(cast, timezone.now() - dt.timedelta(hours=1), "Fresh", areas=[org.area_a])
    unacknowledged = log(
        cast, received_for(rules.add_working_days(today, 12)), "Unacked", acknowledged=False
    )
    expected = {
        # near: due tomorrow (a working day away), with Planning (Place)
        ("officer_a", "internal_due_reminder", 1, near.assignments.get().pk),
        ("ig_officer", "statutory_due", 1, near.pk),
        ("director", "statutory_due", 2, near.pk),
        # overdue by two working days, with Housing (People)
        ("officer_b", "internal_due_reminder", 1, overdue.assignments.get().pk),
        ("ig_officer", "statutory_due", 1, overdue.pk),
        ("director_other", "statutory_due", 2, overdue.pk),
        ("ig_manager", "statutory_due", 3, overdue.pk),
        # not acknowledged within two working days
        ("ig_officer", "acknowledgement_overdue", 1, unacknowledged.pk),
        # weekly, one each
        ("siro", "overdue_summary", 1, cast.siro.pk),
        ("director", "sensitive_digest", 1, cast.director.pk),
        ("director_other", "sensitive_digest", 1, cast.director_other.pk),
    }
    progress = tmp_path / "progress.txt"
    hooks = {"IG_TEST_PROGRESS_FILE": str(progress), "IG_TEST_ESCALATION_DELAY": "0.3"}
    start_worker("one", **hooks)
    start_worker("two", **hooks)

    for task in PER_CASE_SWEEPS:
        task.delay()
        task.delay()

    wait_until(
        lambda: sum(len(r) for r in sweep_runs(progress).values()) == 2 * len(PER_CASE_SWEEPS),
        message="every sweep to run twice",
    )
    wait_until(
        lambda: len(staff_messages(mailbox)) >= len(expected) and unsent_notifications() == 0,
        message="the emails to be sent",
        state=lambda: outbox_state(mailbox),
    )
    assert_each_sent_once(mailbox, expected)

    runs = sweep_runs(progress)
    # Each sweep ran twice and stored its escalations once between the two runs.
    assert {name: sum(r[3] for r in pairs) for name, pairs in runs.items()} == {
        "requests.statutory_due_ig_alerts": 2,
        "requests.internal_due_reminders": 2,
        "requests.statutory_due_director_escalations": 2,
        "requests.overdue_escalations": 1,
        "requests.acknowledgement_alerts": 1,
        "requests.authorisation_alerts": 0,
        "requests.siro_overdue_summaries": 1,
        "requests.director_sensitive_digests": 2,
    }
    # The two runs of the first sweep were in different workers, at the same time.
    (first_pid, first_start, first_end, _), (second_pid, second_start, second_end, _) = runs[
        "requests.statutory_due_ig_alerts"
    ]
    assert first_pid != second_pid
    assert first_start < second_end and second_start < first_end

    # Beat runs them all again later, and the outbox sweep: nothing new is sent.
    for task in [*PER_CASE_SWEEPS, sweep_outbox]:
        task.delay()
    wait_until(
        lambda: sum(len(r) for r in sweep_runs(progress).values()) == 3 * len(PER_CASE_SWEEPS),
        message="the sweeps to run a third time",
    )
    assert_each_sent_once(mailbox, expected)
    assert Escalation.objects.count() == len(expected)
    # /healthz shows the monitoring token's holder when each sweep last ran.
    settings.HEALTHZ_TOKEN = "monitoring-token-for-this-test"
    detail = client.get(reverse("healthz"), HTTP_AUTHORIZATION=f"Bearer {settings.HEALTHZ_TOKEN}")
    periodic = detail.json()["periodic_tasks"]
    assert {task.name for task in PER_CASE_SWEEPS} <= set(periodic)


def test_a_worker_killed_mid_sweep_loses_and_repeats_nothing(start_worker, mailbox, cast, tmp_path):
    second_manager = UserFactory(username="ig_manager_2", role=Role.IG_MANAGER)
    today = timezone.localdate()
    cases = [
        log(cast, received_for(rules.working_days_before(today, 1 + n)), f"Late {n}")
        for n in range(6)
    ]
    expected = {
        (manager.username, "statutory_due", 3, case.pk)
        for case in cases
        for manager in (cast.ig_manager, second_manager)
    }
    progress = tmp_path / "progress.txt"
    doomed = start_worker("doomed", IG_TEST_PROGRESS_FILE=str(progress), IG_TEST_FREEZE_AFTER="3")
    tasks.sweep_overdue_escalations.delay()
    wait_until(lambda: progress.exists() and "frozen" in progress.read_text(), message="freeze")

    # Three escalations committed (their emails queued behind the sweep, in Redis); the fourth
    # is written but not committed when the worker dies.
    assert progress.read_text().count("written") == 4
    assert Escalation.objects.count() == 3
    assert Notification.objects.count() == 6
    doomed.kill()
    assert staff_messages(mailbox) == []

    start_worker("replacement", IG_TEST_PROGRESS_FILE=str(progress))
    # The queued emails go out; beat's next run of the sweep (here, at once) does the rest.
    tasks.sweep_overdue_escalations.delay()
    wait_until(
        lambda: (
            len(staff_messages(mailbox)) >= len(expected)
            and unsent_notifications() == 0
            and Notification.objects.count() == len(expected)
        ),
        message="every email of the sweep",
        state=lambda: outbox_state(mailbox),
    )
    # And the outbox sweep finds nothing left to send.
    sweep_outbox.delay()
    tasks.sweep_overdue_escalations.delay()
    wait_until(lambda: progress.read_text().count("sweep-end") == 2, message="second run")
    assert_each_sent_once(mailbox, expected)
    assert Escalation.objects.count() == len(cases)
