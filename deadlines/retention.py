"""Retention dates: the day a record falls due for disposal under the council's schedule.

A retention period is whole calendar months after a trigger (the day a case was closed, the last
action on it, the day an agreement ended), never working days: schedules are written in years
and months. A disposal date that falls on a day the month does not have (29 February + 1 year)
is the month's last day, as for agreement reviews.

Two pure functions, each the inverse of the other, so a list filtered in the database ("trigger
on or before the cut-off") and the date shown on a record ("due on ...") never disagree:

- `disposal_due(trigger, months)`: the first day the record may be disposed of;
- `latest_trigger(today, months)`: the last trigger day whose disposal date is on or before
  `today`, which the disposal run compares with stored, indexed dates.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from deadlines.agreement_reviews import add_months
from deadlines.errors import DeadlineError
from deadlines.explain import DUE, EVENT, NOTE, Step

MAX_RETENTION_MONTHS = 100 * 12  # a century: anything longer is "keep permanently"


@dataclass(frozen=True)
class DisposalDate:
    trigger: date
    due: date
    steps: tuple[Step, ...]

    @property
    def explanation(self) -> list[str]:
        return [step.line() for step in self.steps]


def _check(months: int) -> None:
    if not 1 <= months <= MAX_RETENTION_MONTHS:
        raise DeadlineError(
            f"A retention period must be between 1 and {MAX_RETENTION_MONTHS} months, not {months}."
        )


def period_label(months: int) -> str:
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " and ".join(parts) or "0 months"


def disposal_due(trigger: date, months: int, *, trigger_label: str = "Trigger") -> DisposalDate:
    """The day the record falls due for disposal: `months` calendar months after `trigger`."""
    _check(months)
    due, clamped = add_months(trigger, months)
    steps = [
        Step(NOTE, f"Kept for {period_label(months)} after the trigger, in calendar months."),
        Step(EVENT, trigger_label, trigger),
    ]
    if clamped:
        steps.append(Step(NOTE, "That month has no such day, so the month's last day is used."))
    steps.append(Step(DUE, "Due for disposal", due))
    return DisposalDate(trigger=trigger, due=due, steps=tuple(steps))


def latest_trigger(today: date, months: int) -> date:
    """The last trigger day whose disposal date is on or before `today`.

    Subtracting months and clamping is not enough at month ends (31 January + 1 month is
    28 February, so on 28 February the 29th, 30th and 31st of January are all due), so the
    answer is moved forward while the next day is still due: at most three steps.
    """
    _check(months)
    candidate, _ = add_months(today, -months)
    while disposal_due(candidate + timedelta(days=1), months).due <= today:
        candidate += timedelta(days=1)
    while disposal_due(candidate, months).due > today:
        candidate -= timedelta(days=1)
    return candidate
