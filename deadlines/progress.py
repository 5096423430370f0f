"""How far through its period a case is today: "Day 7 of 20", "Day 12 of the month".

A pure function of a Deadline (deadlines/rules.py, deadlines/complaints.py) and today's date,
with the working laid out like every other date's (deadlines/explain.py). The date of receipt
(or, for a data-subject request, the relevant time) is day 0: the first day that counts is day 1,
as in the rules. Days the clock was stopped are not counted; a stopped clock shows the day it
stopped at.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from deadlines import complaints
from deadlines.calendar import WorkingDayCalendar
from deadlines.explain import DUE, EVENT, NOTE, PAUSED, Step, counting_steps
from deadlines.rules import MONTH, WORKING_DAY, Deadline, _calendar

DAY = "day"  # calendar days counted one by one (the 30 days of a data-protection complaint)
# Regimes whose Deadline does not carry its period: the period is fixed by the rule.
FIXED_PERIODS = {complaints.REGIME: (complaints.ACKNOWLEDGEMENT_DAYS, DAY)}


@dataclass(frozen=True)
class Progress:
    day: int  # the day of the period today is (0 on the date of receipt)
    of: str  # "20", "40", "the month", "3 months", "30 days"
    over: int  # days past the due date (working days for a working-day period), else 0
    stopped: bool
    # The working, laid out when first read: a list shows only the label, and walking every
    # day of a case open for years cost more than the rest of its row.
    working: Callable[[], tuple[Step, ...]] = field(repr=False, compare=False)

    @cached_property
    def steps(self) -> tuple[Step, ...]:
        return self.working()

    @property
    def label(self) -> str:
        if self.stopped:
            return f"Clock stopped at day {self.day} of {self.of}"
        return f"Day {self.day} of {self.of}"

    @property
    def explanation(self) -> list[str]:
        return [step.line() for step in self.steps]


def _of(length: int, unit: str) -> str:
    if unit == WORKING_DAY:
        return str(length)
    if unit == MONTH:
        return "the month" if length == 1 else f"{length} months"
    return f"{length} days"


def _plural(n: int, unit: str) -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def progress(
    deadline: Deadline, today: date, *, calendar: WorkingDayCalendar | None = None
) -> Progress | None:
    """Today's day of the deadline's period, with the working; None for a deadline that has no
    period to count (aggregation window, fee lapse, a complaint with no statutory date)."""
    length, unit = deadline.length, deadline.unit
    if not unit and deadline.regime in FIXED_PERIODS:
        length, unit = FIXED_PERIODS[deadline.regime]
    if not unit or (deadline.due is None and deadline.stopped_on is None):
        return None
    if unit == WORKING_DAY:
        return _working_days(deadline, today, length, _calendar(calendar))
    return _calendar_days(deadline, today, length, unit)


def _end(deadline: Deadline, today: date) -> date:
    """The last day counted: yesterday's date of the stop for a stopped clock, else today."""
    if deadline.stopped_on is not None:
        return max(deadline.stopped_on - timedelta(days=1), deadline.start)
    return max(today, deadline.start)


def _working_days(
    deadline: Deadline, today: date, length: int, calendar: WorkingDayCalendar
) -> Progress:
    start, end, paused = deadline.start, _end(deadline, today), deadline.paused
    day = calendar.working_days_between(start, end)
    if paused and paused[0] <= end:
        # Working days of the pause that fall after the date of receipt and up to `end`.
        day -= max(
            calendar.working_days_between(
                max(paused[0] - timedelta(1), start), min(paused[1], end)
            ),
            0,
        )
    over, stop_text = 0, ""
    if deadline.stopped_on is not None:
        stop_text = f"clock stopped: {deadline.stopped}" if deadline.stopped else "clock stopped"
        summary = f"day {day} of {length} when the clock stopped; {length - day} remain"
    elif today > deadline.due:
        over = calendar.working_days_between(deadline.due, today)
        summary = f"today: day {day} of {length}, {_plural(over, 'working day')} past the due date"
    else:
        left = calendar.working_days_between(today, deadline.due)
        summary = f"today: day {day} of {length}, {_plural(left, 'working day')} to the due date"
    last = [Step(PAUSED, stop_text, deadline.stopped_on)] if stop_text else []
    last.append(Step(DUE, summary, None if deadline.stopped_on else today))

    def working() -> tuple[Step, ...]:
        return (
            Step(
                NOTE,
                "Day count: working days after the date of receipt (day 0); weekends, bank "
                "holidays and days the clock was stopped are not counted.",
            ),
            Step(EVENT, "date of receipt — day 0", start),
            *counting_steps(
                calendar, start, end, disregard=paused, disregard_reason="clock stopped"
            ),
            *last,
        )

    return Progress(day, _of(length, WORKING_DAY), over, deadline.stopped_on is not None, working)


def _calendar_days(deadline: Deadline, today: date, length: int, unit: str) -> Progress:
    start, end, paused = deadline.start, _end(deadline, today), deadline.paused
    day = (end - start).days
    steps = [
        Step(
            NOTE,
            "Day count: calendar days after the "
            + ("relevant time" if unit == MONTH else "date of receipt")
            + " (day 0); weekends and bank holidays count, days the clock was stopped do not.",
        ),
        Step(EVENT, "day 0", start),
    ]
    if paused and paused[0] <= end:
        not_counted = (min(paused[1], end) - max(paused[0], start + timedelta(1))).days + 1
        if not_counted > 0:
            day -= not_counted
            text = f"clock stopped: {_plural(not_counted, 'day')} not counted"
            steps.append(Step(PAUSED, text, paused[0], min(paused[1], end)))
    of = _of(length, unit)
    over = 0
    if deadline.stopped_on is not None:
        text = f"clock stopped: {deadline.stopped}" if deadline.stopped else "clock stopped"
        steps.append(Step(PAUSED, text, deadline.stopped_on))
        summary = f"day {day} of {of} when the clock stopped"
    elif today > deadline.due:
        over = (today - deadline.due).days
        summary = f"today: day {day} of {of}, {_plural(over, 'day')} past the due date"
    else:
        left = (deadline.due - today).days
        summary = f"today: day {day} of {of}, {_plural(left, 'day')} to the due date"
    steps.append(Step(DUE, summary, None if deadline.stopped_on else today))
    done = tuple(steps)
    return Progress(day, of, over, deadline.stopped_on is not None, lambda: done)
