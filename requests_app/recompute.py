"""Keep stored due dates right when the bank-holiday list changes.

Done in batches: only the open cases whose clock runs over a changed day are read (a holiday
added in August cannot move a date due in June, nor one of a case received in September),
a thousand at a time under one lock, with one bulk update (and its history rows), one insert
of the "deadline moved" events and one update of the areas' internal dates per batch."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from simple_history.utils import bulk_update_with_history

from deadlines.services import current_calendar
from deadlines.signals import calendar_changed, describe_move
from requests_app import changes as case_changes
from requests_app import clock
from requests_app.models import Assignment, Case, Event, Status

logger = logging.getLogger(__name__)

BATCH = 1000
DATE_FIELDS = ("statutory_due", "internal_due", "acknowledge_by", "due_provisional")
LONDON = ZoneInfo("Europe/London")


def affected(changes=()) -> Q:
    """Open cases whose dates a change to these days can move: received by the last changed
    day, and due (or to be acknowledged) on or after the first, or with the clock stopped.
    With no changes named (the nightly pass, for provisional years), every open case."""
    open_cases = ~Q(status__in=Status.finished())
    days = [change.holiday.date for change in changes]
    if not days:
        return open_cases
    received_by = dt.datetime.combine(max(days) + dt.timedelta(days=1), dt.time.min, LONDON)
    first = min(days)
    return (
        open_cases
        & Q(received_at__lt=received_by)
        & (
            Q(statutory_due__isnull=True)
            | Q(statutory_due__gte=first)
            | Q(acknowledge_by__gte=first)
        )
    )


def open_cases_recompute(changes=()) -> int:
    """Recompute the open cases a calendar change can affect; record on each case whose
    statutory date moved, and why. Returns how many moved. Safe to run twice: a second run
    finds nothing to move."""
    changes = list(changes)
    calendar = current_calendar()  # built once for every case
    ids = list(Case.objects.filter(affected(changes)).order_by("pk").values_list("pk", flat=True))
    moved = 0
    for start in range(0, len(ids), BATCH):
        moved += _recompute_batch(ids[start : start + BATCH], changes, calendar)
    return moved


def _recompute_batch(ids: list[int], changes, calendar) -> int:
    with transaction.atomic():
        cases = list(Case.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        updated, events = [], []
        for case in cases:
            before = tuple(getattr(case, name) for name in DATE_FIELDS)
            try:
                clock.refresh_dates(case, calendar)
            except ValueError:  # DeadlineError: one bad case must not stop the others
                logger.exception("could not recompute the deadline of case %s", case.pk)
                for name, value in zip(DATE_FIELDS, before, strict=True):
                    setattr(case, name, value)
                continue
            if tuple(getattr(case, name) for name in DATE_FIELDS) == before:
                continue
            updated.append(case)
            if case.statutory_due != before[0]:
                events.append(
                    Event(
                        case=case,
                        kind="deadline_moved",
                        message=describe_move(
                            before[0],
                            case.statutory_due,
                            changes,
                            start=clock.received_date(case),
                        ),
                    )
                )
        if not updated:
            return 0
        bulk_update_with_history(
            updated,
            Case,
            list(DATE_FIELDS),
            batch_size=500,
            default_change_reason="Bank-holiday list changed",
        )
        Assignment.objects.filter(
            case_id__in=[case.pk for case in updated], state=Assignment.State.OPEN
        ).update(
            internal_due=Subquery(
                Case.objects.filter(pk=OuterRef("case_id")).values("internal_due")[:1]
            )
        )
        Event.objects.bulk_create(events, batch_size=500)
        case_changes.cases_changed(case.pk for case in updated)
        return len(events)


def on_calendar_changed(sender, changes=(), **kwargs):
    open_cases_recompute(changes)


def connect() -> None:
    calendar_changed.connect(on_calendar_changed, dispatch_uid="requests_app.recompute")
