"""Internal reviews (FOI), reconsideration (EIR) and the aggregation window: working-day rules
built on deadlines.rules, kept apart so that module stays a readable size."""

from datetime import date, datetime, timedelta

from deadlines.calendar import WorkingDayCalendar
from deadlines.explain import DUE, EVENT, NOTE, Step, counting_steps
from deadlines.rules import (
    AGGREGATION_WORKING_DAYS,
    EIR_RECONSIDERATION_WORKING_DAYS,
    EXTENDED_WORKING_DAYS,
    FOI_WORKING_DAYS,
    Deadline,
    _calendar,
    _in_range,
    _provisional,
    _working_days,
    receipt_date,
)


def foi_review_due(
    received: date | datetime,
    *,
    extended: bool = False,
    calendar: WorkingDayCalendar | None = None,
) -> Deadline:
    """FOI internal review: 20 working days from receipt of the review request, 40 in
    exceptional cases (ICO guide; s45 Code)."""
    calendar = _calendar(calendar)
    received = receipt_date(received)
    _in_range(calendar, received)
    n = EXTENDED_WORKING_DAYS if extended else FOI_WORKING_DAYS
    rule = (
        f"FOI internal review: {n} working days after the review request was received "
        f"({'exceptional cases' if extended else 'most cases'}, ICO guide)."
    )
    return _working_days("foi-review", calendar, received, n, [Step(NOTE, rule)])


def eir_review_due(
    received: date | datetime, *, calendar: WorkingDayCalendar | None = None
) -> Deadline:
    """EIR reconsideration: 40 working days after the representations were received (reg 11)."""
    calendar = _calendar(calendar)
    received = receipt_date(received)
    _in_range(calendar, received)
    rule = "EIR reconsideration: 40 working days after the representations were received (reg 11)."
    return _working_days(
        "eir-review", calendar, received, EIR_RECONSIDERATION_WORKING_DAYS, [Step(NOTE, rule)]
    )


def aggregation_window(
    first_request: date | datetime, *, calendar: WorkingDayCalendar | None = None
) -> Deadline:
    """The last day of the period of 60 consecutive working days that begins with the day the
    first request arrived (that day is day 1 if it is a working day). Fees Regs reg 5(2)."""
    calendar = _calendar(calendar)
    start = receipt_date(first_request)
    _in_range(calendar, start)
    first = calendar.next_working_day(start)
    last = calendar.add_working_days(first, AGGREGATION_WORKING_DAYS - 1)
    steps = [
        Step(
            NOTE,
            "Aggregation: requests received within any period of 60 consecutive working days "
            "may be aggregated (FOIA s12(4), Fees Regulations reg 5(2)).",
        ),
        Step(EVENT, "first request received: the period begins with this day", start),
        *counting_steps(calendar, first - timedelta(days=1), last),
        *_provisional(calendar, last),
        Step(DUE, "last day of the 60 working days", last),
    ]
    return Deadline("aggregation", start, last, calendar.is_provisional(last), tuple(steps))
