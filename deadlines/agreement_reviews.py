"""The dates of an information-sharing agreement: when it falls due for review, when its owner
is reminded, and whether its review is due or overdue on a given day.

Agreement reviews are policy dates, not statutory ones: they count calendar months and days,
never working days (no seed policy or statute counts them in working days). A review date that
falls on a day the month does not have (31 January + 1 month) is the month's last day, the
usual reading of "one month after" (the same rule as a fees notice's three months).

Pure functions: every date and its working come from here, so `sharing/` does no arithmetic.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from deadlines.errors import DeadlineError
from deadlines.explain import DUE, EVENT, NOTE, Step

MAX_REVIEW_MONTHS = 60  # five years: longer than any seed policy contemplates


@dataclass(frozen=True)
class ReviewDate:
    start: date
    due: date
    steps: tuple[Step, ...]

    @property
    def explanation(self) -> list[str]:
        return [step.line() for step in self.steps]


def add_months(day: date, months: int) -> tuple[date, bool]:
    """`day` plus whole calendar months; True when the day was moved to the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = monthrange(year, month)[1]
    return date(year, month, min(day.day, last)), day.day > last


def review_due(start: date, months: int, *, reason: str = "Agreement in force") -> ReviewDate:
    """The review date: `months` calendar months after `start` (the day the agreement was
    signed, or the day it was last renewed)."""
    if not 1 <= months <= MAX_REVIEW_MONTHS:
        raise DeadlineError(
            f"A review period must be between 1 and {MAX_REVIEW_MONTHS} months, not {months}."
        )
    due, clamped = add_months(start, months)
    steps = [
        Step(NOTE, "Agreements are reviewed a set number of calendar months after they start."),
        Step(EVENT, reason, start),
    ]
    if clamped:
        steps.append(
            Step(
                NOTE,
                f"{due:%B %Y} has no day {start.day}: the review falls on the month's last day.",
            )
        )
    plural = "" if months == 1 else "s"
    steps.append(Step(DUE, f"Review due ({months} month{plural} later)", due))
    return ReviewDate(start=start, due=due, steps=tuple(steps))


def reminder_from(due: date, days_before: int) -> date:
    """The first day on which the owner is reminded of a review falling due on `due`."""
    if days_before < 0:
        raise DeadlineError("The reminder cannot come after the review date.")
    return due - timedelta(days=days_before)


def reminder_horizon(today: date, days_before: int) -> date:
    """The latest review date that is reminded of on `today`: a review falling due on or before
    this day is within the reminder window (the sweep's query uses it)."""
    if days_before < 0:
        raise DeadlineError("The reminder cannot come after the review date.")
    return today + timedelta(days=days_before)


NOT_DUE, DUE_SOON, DUE_TODAY, OVERDUE = "not_due", "due_soon", "due_today", "overdue"


def review_state(today: date, due: date | None, days_before: int) -> str:
    """Where an agreement's review stands on `today`."""
    if due is None:
        return NOT_DUE
    if due < today:
        return OVERDUE
    if due == today:
        return DUE_TODAY
    if reminder_from(due, days_before) <= today:
        return DUE_SOON
    return NOT_DUE


def has_ended(today: date, end: date | None) -> bool:
    """An agreement's end date is its last day in force: it has ended the day after."""
    return end is not None and end < today


def days_until(today: date, due: date) -> int:
    """Calendar days from today to `due` (negative once it has passed), for wording."""
    return (due - today).days
