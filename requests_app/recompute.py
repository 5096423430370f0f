"""Keep stored due dates right when the bank-holiday list changes.

Open cases are all recomputed. A finished case keeps the due date it was answered against unless
the change flips whether it was answered in time: then its statutory date is corrected, so the
statistics (which compare the stored date with the answer's) count it right, and its history and
timeline say why.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone

from deadlines.explain import day_label
from deadlines.signals import calendar_changed, describe_move
from requests_app import clock, complaints
from requests_app.models import Assignment, Case, Event, Status

logger = logging.getLogger(__name__)


def open_cases_recompute(changes=()) -> int:
    """Recompute every open case; record on each case whose statutory date moved, and why.
    Returns how many moved. Safe to run twice: a second run finds nothing to move."""
    moved = 0
    open_ids = Case.objects.exclude(status__in=Status.finished()).values_list("pk", flat=True)
    for case_id in open_ids.iterator():
        try:
            moved += _recompute_one(case_id, changes)
        except ValueError:  # DeadlineError: one bad case must not stop the others
            logger.exception("could not recompute the deadline of case %s", case_id)
    return moved


def _recompute_one(case_id: int, changes) -> int:
    """1 if the case's statutory date moved, else 0."""
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        before = (case.statutory_due, case.internal_due, case.acknowledge_by)
        clock.refresh_dates(case)
        if (case.statutory_due, case.internal_due, case.acknowledge_by) == before:
            return 0
        if case.statutory_due != before[0]:
            case._change_reason = _history_reason(before[0], case.statutory_due)
        case.save()
        case.assignments.filter(state=Assignment.State.OPEN).update(internal_due=case.internal_due)
        if case.statutory_due == before[0]:
            return 0
        Event.objects.create(
            case=case,
            kind="deadline_moved",
            message=describe_move(
                before[0], case.statutory_due, list(changes), start=clock.received_date(case)
            ),
        )
        return 1


def closed_cases_reassess(changes) -> int:
    """Correct the statutory date of every answered, finished case whose answer moves from in
    time to late or back because of `changes`. Returns how many. Safe to run twice."""
    days = [change.holiday.date for change in changes]
    if not days:
        return 0
    # A changed day can only move a due date that falls on or after it, for a case received
    # before it: that bounds the cases read to those around the changed days.
    received_before = timezone.make_aware(
        dt.datetime.combine(max(days) + dt.timedelta(days=1), dt.time())
    )
    candidates = Case.objects.filter(
        status__in=Status.finished(),
        responded_at__isnull=False,
        statutory_due__gte=min(days),
        received_at__lt=received_before,
    ).values_list("pk", flat=True)
    reassessed = 0
    for case_id in candidates.iterator():
        try:
            reassessed += _reassess_one(case_id, changes)
        except ValueError:  # DeadlineError: one bad case must not stop the others
            logger.exception("could not reassess the deadline of closed case %s", case_id)
    return reassessed


def _reassess_one(case_id: int, changes) -> int:
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case_id)
        deadline = clock.statutory_deadline(case)
        old, new = case.statutory_due, deadline.due if deadline else None
        if new is None or old is None or new == old:
            return 0
        answered = timezone.localdate(case.responded_at)
        was_in_time, in_time = answered <= old, answered <= new
        if was_in_time == in_time:
            return 0  # the statistics do not change: keep the date it was answered against
        case.statutory_due, case.due_provisional = new, deadline.provisional
        case._change_reason = _history_reason(old, new, in_time=in_time)
        case.save(update_fields=["statutory_due", "due_provisional"])
        moved = describe_move(old, new, list(changes), start=clock.received_date(case))
        status = "in time" if in_time else "late"
        Event.objects.create(
            case=case,
            kind="deadline_reassessed",
            message=(
                f"{moved} The case was answered on {day_label(answered)}, so it now counts as "
                f"answered {status} in the statistics (it counted as "
                f"{'in time' if was_in_time else 'late'})."
            ),
        )
        return 1


def _history_reason(old, new, *, in_time: bool | None = None) -> str:
    """The reason stored with the history record (the full sentence is on the timeline)."""
    reason = f"Bank holidays changed: statutory due {_iso(old)} -> {_iso(new)}"
    if in_time is not None:
        reason += f"; answered {'in time' if in_time else 'late'}"
    return reason[:100]  # simple_history's reason column


def _iso(day) -> str:
    return day.isoformat() if day else "none"


def on_calendar_changed(sender, changes=(), **kwargs):
    open_cases_recompute(changes)
    closed_cases_reassess(changes)
    complaints.open_complaints_recompute()


def connect() -> None:
    calendar_changed.connect(on_calendar_changed, dispatch_uid="requests_app.recompute")
