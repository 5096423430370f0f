"""Keep stored due dates right when the bank-holiday list changes."""

from django.db import transaction

from deadlines.signals import calendar_changed, describe_move
from requests_app import clock
from requests_app.models import Assignment, Case, Event, Status


def open_cases_recompute(changes=()) -> int:
    """Recompute every open case; record on each case whose statutory date moved, and why.
    Returns how many moved. Safe to run twice: a second run finds nothing to move."""
    moved = 0
    open_ids = Case.objects.exclude(status__in=Status.finished()).values_list("pk", flat=True)
    for case_id in open_ids.iterator():
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case_id)
            before = (case.statutory_due, case.internal_due, case.acknowledge_by)
            clock.refresh_dates(case)
            if (case.statutory_due, case.internal_due, case.acknowledge_by) == before:
                continue
            case.save()
            case.assignments.filter(state=Assignment.State.OPEN).update(
                internal_due=case.internal_due
            )
            if case.statutory_due != before[0]:
                moved += 1
                Event.objects.create(
                    case=case,
                    kind="deadline_moved",
                    message=describe_move(
                        before[0],
                        case.statutory_due,
                        list(changes),
                        start=clock.received_date(case),
                    ),
                )
    return moved


def on_calendar_changed(sender, changes=(), **kwargs):
    open_cases_recompute(changes)


def connect() -> None:
    calendar_changed.connect(on_calendar_changed, dispatch_uid="requests_app.recompute")
