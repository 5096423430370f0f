"""The 72-hour ICO clock of a personal-data breach, seen from a given moment.

`breach_due()` says when the report is due (72 elapsed hours after awareness, UK GDPR
Art 33(1)). This module answers the questions asked of a running clock: how long is left, which
alert is due now, how long the council took to report and whether that was in time, each with
lines a person can check. Pure functions: every moment is passed in, nothing is read from the
database or the wall clock, so tests can write their times out.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from deadlines.errors import DeadlineError
from deadlines.explain import DUE, NOTE, Step
from deadlines.rules import LONDON

BREACH_HOURS = 72  # UK GDPR Art 33(1)


@dataclass(frozen=True)
class BreachDeadline:
    """When a breach report is due: an aware datetime, shown in Europe/London."""

    aware_at: datetime
    due: datetime
    steps: tuple[Step, ...]
    regime: str = "breach"
    provisional: bool = False

    @property
    def explanation(self) -> list[str]:
        return [step.line() for step in self.steps]


def breach_due(aware_at: datetime) -> BreachDeadline:
    """UK GDPR Art 33(1): report to the ICO not later than 72 hours after becoming aware.

    Elapsed hours, so computed in UTC: across a change of the clocks the Europe/London time of
    the deadline is an hour earlier or later than the time of awareness."""
    if not isinstance(aware_at, datetime) or aware_at.utcoffset() is None:
        raise DeadlineError("The moment of awareness must be a datetime with a time zone.")
    try:
        aware_utc = aware_at.astimezone(UTC)
        due = (aware_utc + timedelta(hours=BREACH_HOURS)).astimezone(LONDON)
        aware_local = aware_at.astimezone(LONDON)
    except OverflowError:  # a moment within 72 hours of the end of year 9999 (or before year 1)
        raise DeadlineError(
            f"{aware_at.isoformat()} is too far from today for a 72-hour deadline to be worked out."
        ) from None
    steps = [
        Step(
            NOTE,
            "Personal data breach: report to the ICO not later than 72 hours after becoming "
            "aware (UK GDPR Art 33(1)); elapsed hours, so nights, weekends and bank holidays "
            "count.",
        ),
        Step(NOTE, f"Became aware: {_moment(aware_local)}."),
        Step(NOTE, f"72 hours later: {_moment(due)}."),
    ]
    if aware_local.utcoffset() != due.utcoffset():
        change = "forward" if due.utcoffset() > aware_local.utcoffset() else "back"
        steps.append(
            Step(
                NOTE,
                f"The clocks went {change} in between, so the local time differs by an hour "
                "from the time of awareness.",
            )
        )
    steps.append(Step(DUE, f"report due by {due:%H:%M} {due.tzname()}", due.date()))
    return BreachDeadline(aware_at, due, tuple(steps))


def _moment(moment: datetime) -> str:
    utc = moment.astimezone(UTC)
    return f"{moment:%a %Y-%m-%d %H:%M} {moment.tzname()} ({utc:%Y-%m-%d %H:%M} UTC)"


HOUR = timedelta(hours=1)


def _aware(moment: datetime, name: str) -> None:
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise DeadlineError(f"The {name} must be a datetime with a time zone.")


def _hours_minutes(span: timedelta) -> str:
    """'3 days 4 hours', '5 hours 20 minutes', '40 minutes' (whole minutes, rounded down)."""
    minutes = int(abs(span).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'' if days == 1 else 's'}")
    if hours:
        parts.append(f"{hours} hour{'' if hours == 1 else 's'}")
    if minutes and not days:
        parts.append(f"{minutes} minute{'' if minutes == 1 else 's'}")
    return " ".join(parts) or "less than a minute"


def time_left(due: datetime, now: datetime) -> timedelta:
    """Elapsed time until `due` (negative once it has passed); real time, not clock time."""
    _aware(due, "due time")
    _aware(now, "current time")
    return due - now


def countdown(due: datetime, now: datetime) -> str:
    """What the breach page and the lists show: '2 days 5 hours left' or 'overdue by 3 hours'."""
    left = time_left(due, now)
    if left.total_seconds() <= 0:
        return f"overdue by {_hours_minutes(left)}"
    return f"{_hours_minutes(left)} left"


def alert_level(due: datetime, now: datetime, thresholds: Sequence[int]) -> int | None:
    """Which alert is due now: thresholds are hours left, e.g. (48, 24, 6). Level 1 once fewer
    than thresholds[0] hours are left, level 2 under thresholds[1]..., and one level more than
    the thresholds once the 72 hours have passed. None while more time is left than the first.
    A sweep that missed runs gets the most urgent level that applies now, not the ones it
    missed: telling someone "48 hours left" when 5 are left would mislead them."""
    left = time_left(due, now)
    ordered = sorted({int(hours) for hours in thresholds}, reverse=True)
    if left.total_seconds() <= 0:
        return len(ordered) + 1
    level = None
    for index, hours in enumerate(ordered, start=1):
        if left <= hours * HOUR:
            level = index
    return level


@dataclass(frozen=True)
class ReportTiming:
    """How long the council took to report to the ICO, and whether that was within 72 hours."""

    aware_at: datetime
    reported_at: datetime
    due: datetime
    hours_taken: float
    in_time: bool
    lines: tuple[str, ...]


def report_timing(aware_at: datetime, reported_at: datetime) -> ReportTiming:
    """The hours from awareness to the report to the ICO, in real elapsed time (a night on which
    the clocks change is 23 or 25 hours long), with the lines that explain it."""
    _aware(reported_at, "time reported")
    deadline: BreachDeadline = breach_due(aware_at)
    taken = reported_at - aware_at
    if taken.total_seconds() < 0:
        raise DeadlineError("The report to the ICO cannot be before the council became aware.")
    hours = round(taken.total_seconds() / 3600, 1)
    in_time = reported_at <= deadline.due
    reported_local = reported_at.astimezone(LONDON)
    lines = [
        *deadline.explanation,
        f"Reported to the ICO: {reported_local:%a %Y-%m-%d %H:%M} {reported_local.tzname()}.",
        f"Time taken: {_hours_minutes(taken)} ({hours:g} hours of the {BREACH_HOURS}).",
    ]
    if in_time:
        lines.append("Reported within 72 hours.")
    else:
        lines.append(
            f"Reported {_hours_minutes(reported_at - deadline.due)} after the 72 hours ran "
            "out: the report must give the reasons for the delay (Art 33(1))."
        )
    return ReportTiming(aware_at, reported_at, deadline.due, hours, in_time, tuple(lines))
