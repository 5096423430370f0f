"""Keep stored due dates right when the bank-holiday list changes.

Open cases are recomputed in batches: only those whose clock runs over a changed day are read
(a holiday added in August cannot move a date due in June, nor one of a case received in
September), a thousand at a time under one lock, with one bulk update (and its history rows),
one insert of the "deadline moved" events and one update of the areas' internal dates per batch.
A finished case keeps the due date it was answered against unless the change flips whether it
was answered in time: then its statutory date is corrected, so the
statistics (which compare the stored date with the answer's) count it right, and its history and
timeline say why.
"""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from deadlines.explain import day_label
from deadlines.services import current_calendar
from deadlines.signals import calendar_changed, describe_move
from requests_app import changes as case_changes
from requests_app import clock, complaints
from requests_app.models import Assignment, Case, Event, Status

logger = logging.getLogger(__name__)

BATCH = 1000
DATE_FIELDS = ("statutory_due", "internal_due", "acknowledge_by", "due_provisional")
LONDON = ZoneInfo("Europe/London")


# What the statutory rules read from a case (requests_app.clock). Cases with the same values
# get the same dates from the same calendar, so a batch works each combination out once:
# thousands of open cases share a handful of received days and regimes.
CLOCK_INPUTS = (
    "received_at",
    "regime",
    "status",
    "review_of_id",
    "extended",
    "clarification_asked_on",
    "clarified_on",
    "id_received_on",
    "fee_notice_on",
    "fee_paid_on",
)
DEFAULT_REASON = "Bank-holiday list changed"


class _Dates:
    """The recomputed dates of one run, worked out once per combination of clock inputs (and
    the sentence explaining each move once per old date, new date and start)."""

    def __init__(self, changes, calendar):
        self.changes, self.calendar = changes, calendar
        self.zone = timezone.get_current_timezone()
        self.dates, self.moves = {}, {}

    def received(self, received_at) -> dt.date:
        # timezone.localdate without its checks: called once per case read.
        return received_at.astimezone(self.zone).date()

    def of(self, inputs: tuple) -> tuple:
        """The dates for a case whose CLOCK_INPUTS have these values."""
        # The received day, not the instant: cases received the same day share their dates.
        key = (self.received(inputs[0]), *inputs[1:3], inputs[3] is not None, *inputs[4:])
        if key not in self.dates:
            # One unsaved case carrying the inputs: the rules read nothing else.
            case = Case(**dict(zip(CLOCK_INPUTS, inputs, strict=True)))
            clock.refresh_dates(case, self.calendar)  # may raise DeadlineError: not cached
            self.dates[key] = tuple(getattr(case, name) for name in DATE_FIELDS)
        return self.dates[key]

    def move(self, old, new, start) -> str:
        key = (old, new, start)
        if key not in self.moves:
            self.moves[key] = describe_move(old, new, self.changes, start=start)
        return self.moves[key]


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
    dates, moved = _Dates(changes, calendar), 0
    for start in range(0, len(ids), BATCH):
        moved += _recompute_batch(ids[start : start + BATCH], dates)
    return moved


def _recompute_batch(ids: list[int], dates: _Dates) -> int:
    with transaction.atomic():
        # Plain rows, not model instances: building a thousand cases cost more than dating them.
        rows = (
            Case.objects.select_for_update()
            .filter(pk__in=ids)
            .order_by("pk")
            .values_list("pk", *CLOCK_INPUTS, *DATE_FIELDS)
        )
        updated, events, reasons = [], [], {}
        width = len(CLOCK_INPUTS)
        for pk, *values in rows:
            inputs, before = tuple(values[:width]), tuple(values[width:])
            try:
                after = dates.of(inputs)
            except ValueError:  # DeadlineError: one bad case must not stop the others
                logger.exception("could not recompute the deadline of case %s", pk)
                continue
            if after == before:
                continue
            updated.append((pk, *after))
            if after[0] != before[0]:
                reasons[pk] = _history_reason(before[0], after[0])
                start = dates.received(inputs[0])
                events.append((pk, dates.move(before[0], after[0], start)))
        if not updated:
            return 0
        moved_ids = [row[0] for row in updated]
        _save_dates(updated)
        _history_write(moved_ids, reasons)
        Assignment.objects.filter(case_id__in=moved_ids, state=Assignment.State.OPEN).update(
            internal_due=Subquery(
                Case.objects.filter(pk=OuterRef("case_id")).values("internal_due")[:1]
            )
        )
        _events_write(events)
        case_changes.cases_changed(moved_ids)
        return len(events)


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
        case_changes.cases_changed([case.pk])  # in time or late: the report summaries follow
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


def _save_dates(rows: list[tuple]) -> None:
    """The new dates of a batch, (id, *DATE_FIELDS) per case, in one statement. Django's
    bulk_update builds a CASE per row and field, which costs more to compile than the whole
    recompute; on PostgreSQL the rows go in as a VALUES list joined on the id."""
    if connection.vendor != "postgresql":
        cases = [Case(pk=pk, **dict(zip(DATE_FIELDS, after, strict=True))) for pk, *after in rows]
        Case.objects.bulk_update(cases, list(DATE_FIELDS), batch_size=500)
        return
    values = ", ".join(["(%s::bigint, %s::date, %s::date, %s::date, %s::boolean)"] * len(rows))
    table = Case._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS c SET statutory_due = v.due, internal_due = v.internal, "  # noqa: S608 (our own names)
            "acknowledge_by = v.ack, due_provisional = v.provisional "
            f"FROM (VALUES {values}) AS v(id, due, internal, ack, provisional) WHERE c.id = v.id",
            [value for row in rows for value in row],
        )


def _history_write(ids: list[int], reasons: dict[int, str]) -> None:
    """One history row per changed case, as saved. On PostgreSQL the rows are copied from the
    case table in one INSERT ... SELECT (building 1,000 wide history objects in Python cost more
    than the whole recompute); elsewhere through django-simple-history's own bulk writer."""
    if connection.vendor != "postgresql":
        full = list(Case.objects.filter(pk__in=ids).order_by("pk"))
        for case in full:
            case._change_reason = reasons.get(case.pk, DEFAULT_REASON)
        Case.history.bulk_history_create(full, batch_size=500, update=True)
        return
    history = Case.history.model
    copied = [field.column for field in Case._meta.concrete_fields]
    values = ", ".join(["(%s::bigint, %s)"] * len(ids))
    columns = ", ".join(connection.ops.quote_name(name) for name in copied)
    source = ", ".join(f"c.{connection.ops.quote_name(name)}" for name in copied)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {history._meta.db_table} ({columns}, history_date, "  # noqa: S608 (our own names)
            "history_change_reason, history_type, history_user_id) "
            f"SELECT {source}, %s, v.reason, '~', NULL FROM {Case._meta.db_table} AS c "
            f"JOIN (VALUES {values}) AS v(id, reason) ON c.id = v.id ORDER BY c.id",
            [
                timezone.now(),
                *(value for pk in ids for value in (pk, reasons.get(pk, DEFAULT_REASON))),
            ],
        )


def _events_write(events: list[tuple[int, str]]) -> None:
    """One "deadline moved" timeline event per (case id, sentence)."""
    if connection.vendor != "postgresql":
        Event.objects.bulk_create(
            [Event(case_id=pk, kind="deadline_moved", message=text) for pk, text in events],
            batch_size=500,
        )
        return
    # Raw rows: thousands of Event objects cost more than the rest of the batch. The few
    # distinct sentences go in once and the rows refer to them by number.
    sentences = list(dict.fromkeys(text for _, text in events))
    number = {text: n for n, text in enumerate(sentences)}
    table = Event._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (case_id, kind, actor_id, at, message) "  # noqa: S608 (our own names)
            "SELECT e.case_id, 'deadline_moved', NULL, %s, s.message "
            f"FROM (VALUES {', '.join(['(%s::bigint, %s::int)'] * len(events))}) "
            "AS e(case_id, n) "
            f"JOIN (VALUES {', '.join(['(%s::int, %s::text)'] * len(sentences))}) "
            "AS s(n, message) ON s.n = e.n ORDER BY e.case_id",
            [
                timezone.now(),
                *(value for pk, text in events for value in (pk, number[text])),
                *(value for text in sentences for value in (number[text], text)),
            ],
        )


def on_calendar_changed(sender, changes=(), **kwargs):
    open_cases_recompute(changes)
    closed_cases_reassess(changes)
    complaints.open_complaints_recompute()


def connect() -> None:
    calendar_changed.connect(on_calendar_changed, dispatch_uid="requests_app.recompute")
