"""Keep stored due dates right when the bank-holiday list changes."""

import logging

from django.db import transaction

from deadlines.signals import calendar_changed, describe_move
from requests_app import clock
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


def on_calendar_changed(sender, changes=(), **kwargs):
    open_cases_recompute(changes)


def connect() -> None:
    calendar_changed.connect(on_calendar_changed, dispatch_uid="requests_app.recompute")
