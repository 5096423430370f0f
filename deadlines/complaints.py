"""Data-protection complaints (DPA 2018 s164A): when the acknowledgement is due.

SPEC-statutory.md decision 10: acknowledge within 30 days. The period begins on the day after
receipt, so day 30 is the date of receipt plus 30 calendar days; a day 30 that is not a working
day in the council's own nation moves to the next one that is (ICO guidance "How to deal with
data protection complaints", 2026). The duty applies to complaints received from 19 June 2026;
an earlier complaint has no statutory acknowledgement date, and none is invented for it.
"""

from datetime import date, datetime, timedelta

from deadlines.calendar import NATION_NAMES, NATIONS, WorkingDayCalendar
from deadlines.errors import DeadlineError
from deadlines.explain import DUE, EVENT, NOTE, ROLLED, Step, day_label, rolling_steps
from deadlines.rules import (
    Deadline,
    _calendar,
    _council_nation,
    _provisional,
    receipt_date,
)

REGIME = "dp-complaint"
ACKNOWLEDGEMENT_DAYS = 30
# Data (Use and Access) Act 2025 s103 inserted s164A into the DPA 2018 from this day.
COMPLAINTS_FROM = date(2026, 6, 19)

_RULE = (
    "Data-protection complaint: acknowledge within 30 days (DPA 2018 s164A). The period begins "
    "on the day after receipt; if its last day is not a working day in the council's nation, "
    "the acknowledgement is due on the next working day (ICO guidance, 2026). No separate "
    "acknowledgement is needed if the outcome is sent within the 30 days."
)


def dp_complaint_due(
    received: date | datetime,
    *,
    nation: str | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Deadline:
    """The acknowledgement date of a data-protection complaint, with its working.

    `nation` is the council's (default settings.COUNCIL_NATION). For a complaint received before
    19 June 2026 `due` is None and `stopped` says that there is no statutory date.
    """
    received = receipt_date(received)
    nation = nation or _council_nation()
    if nation not in NATIONS:
        raise DeadlineError(f"Unknown nation {nation!r}: choose from {', '.join(NATIONS)}.")
    if received < COMPLAINTS_FROM:
        reason = (
            f"complaints received before {day_label(COMPLAINTS_FROM)} have no statutory "
            "acknowledgement date (DPA 2018 s164A applies from that day)"
        )
        steps = (
            Step(NOTE, _RULE),
            Step(EVENT, "complaint received", received),
            Step(NOTE, f"No due date: {reason}."),
        )
        return Deadline(REGIME, received, None, False, steps, reason)
    calendar = _calendar(calendar)
    calendar.check_in_range(received)
    first = received + timedelta(days=1)
    last = received + timedelta(days=ACKNOWLEDGEMENT_DAYS)
    calendar.check_in_range(last)
    due = calendar.next_working_day(last, nation)
    steps = [
        Step(NOTE, _RULE),
        Step(EVENT, "complaint received — not counted", received),
        Step(EVENT, "day 1 of the 30 days", first),
        Step(EVENT, "day 30: the last day of the period", last),
    ]
    if due != last:
        steps += rolling_steps(calendar, last, nation)
        steps.append(Step(ROLLED, f"moved to the next working day in {NATION_NAMES[nation]}", due))
    steps += _provisional(calendar, due, nation)
    steps.append(Step(DUE, "acknowledgement due", due))
    return Deadline(REGIME, received, due, calendar.is_provisional(due, nation), tuple(steps))


def dp_complaint_outcome_target(
    received: date | datetime,
    *,
    days: int,
    nation: str | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Deadline:
    """The council's own target for telling the complainant the outcome: `days` calendar days
    after receipt (counted like the acknowledgement), moved to the next working day of the
    council's nation. s164A sets no period ("without undue delay"), so this is a council
    setting (COMPLAINT_OUTCOME_TARGET_DAYS), used for reminders, never shown as statutory."""
    received = receipt_date(received)
    nation = nation or _council_nation()
    if nation not in NATIONS:
        raise DeadlineError(f"Unknown nation {nation!r}: choose from {', '.join(NATIONS)}.")
    calendar = _calendar(calendar)
    last = received + timedelta(days=days)
    calendar.check_in_range(last)
    due = calendar.next_working_day(last, nation)
    steps = [
        Step(NOTE, f"Council target: the outcome within {days} days of receipt (not statutory)."),
        Step(EVENT, "complaint received — not counted", received),
        Step(EVENT, f"day {days}", last),
    ]
    if due != last:
        steps += rolling_steps(calendar, last, nation)
        steps.append(Step(ROLLED, f"moved to the next working day in {NATION_NAMES[nation]}", due))
    steps.append(Step(DUE, "outcome target", due))
    return Deadline(REGIME, received, due, calendar.is_provisional(due, nation), tuple(steps))
