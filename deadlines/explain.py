"""The working behind a deadline: steps a person can check against a wall calendar.

Steps are data (so a page can lay them out as a table) and each also reads as one line.
Consecutive counted days, weekends and paused days are grouped; every holiday gets its own line
naming the holiday and the nations that keep it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from deadlines.calendar import (
    NATION_NAMES,
    NATIONS,
    SOURCE_HOLIDAYS,
    Holiday,
    WorkingDayCalendar,
)

NOTE = "note"  # a sentence with no date: the rule, a decision, the provisional warning
EVENT = "event"  # something that happened on a day: received, clarified, fees notice given
COUNTED = "counted"  # working days that count towards the period
WEEKEND = "weekend"
HOLIDAY = "holiday"
PAUSED = "paused"  # days disregarded or added because the clock was stopped
ROLLED = "rolled"  # moved forward to the next working day
DUE = "due"


@dataclass(frozen=True)
class Step:
    kind: str
    text: str
    first: date | None = None
    last: date | None = None

    def line(self) -> str:
        if self.first is None:
            return self.text
        when = day_label(self.first)
        if self.last is not None and self.last != self.first:
            when += f" to {day_label(self.last)}"
        return f"{when}  {self.text}"


def day_label(day: date) -> str:
    return f"{day:%a} {day.isoformat()}"


def nations_label(holidays: tuple[Holiday, ...]) -> str:
    """'all nations', or the nations named, for the holidays of one day."""
    nations = [n for n in NATIONS if any(h.nation == n for h in holidays)]
    if len(nations) == len(NATIONS):
        return "all nations"
    return ", ".join(NATION_NAMES[n] for n in nations)


def holiday_text(holidays: tuple[Holiday, ...]) -> str:
    """'Christmas Day (all nations)', or each title with its nations when they differ."""
    by_title: dict[str, list[Holiday]] = {}
    for holiday in holidays:
        by_title.setdefault(holiday.title, []).append(holiday)
    return "; ".join(
        f"{title} ({nations_label(tuple(items))}{_only_second_source(items)})"
        for title, items in by_title.items()
    )


def _only_second_source(items: list[Holiday]) -> str:
    # A day GOV.UK's list lacks says where it comes from, so a person can check it.
    if all(h.source == SOURCE_HOLIDAYS for h in items):
        return "; listed by the holidays package, not by GOV.UK"
    return ""


def counting_steps(
    calendar: WorkingDayCalendar,
    after: date,
    until: date,
    *,
    nation: str | None = None,
    disregard: tuple[date, date] | None = None,
    disregard_reason: str = "",
) -> list[Step]:
    """Each day after `after` up to `until`, counted or skipped and why, in grouped runs.

    Only the explanation walks day by day; the due date itself comes from the calendar's index.
    """
    steps: list[Step] = []
    run_kind = None
    run_first = run_last = None
    run_from = counted = disregarded = 0

    def close_run():
        if run_kind == COUNTED:
            numbers = f"{run_from}–{counted}" if counted > run_from else f"{counted}"
            plural = "s" if counted > run_from else ""
            steps.append(Step(COUNTED, f"working day{plural} {numbers}", run_first, run_last))
        elif run_kind == WEEKEND:
            steps.append(Step(WEEKEND, "weekend", run_first, run_last))
        elif run_kind == PAUSED:
            unit = "working day" if disregarded == 1 else "working days"
            text = f"{disregard_reason}: {disregarded} {unit} disregarded"
            steps.append(Step(PAUSED, text, run_first, run_last))

    day = after + timedelta(days=1)
    while day <= until:
        holidays = calendar.holidays_on(day, nation)
        if disregard and disregard[0] <= day <= disregard[1]:
            kind = PAUSED
            disregarded += day.weekday() < 5 and not holidays
        elif day.weekday() >= 5:
            kind = WEEKEND
        elif holidays:
            kind = HOLIDAY
        else:
            kind = COUNTED
            counted += 1
        if kind != run_kind or kind == HOLIDAY:
            close_run()
            run_kind, run_first, run_from = kind, day, counted
        run_last = day
        if kind == HOLIDAY:
            steps.append(Step(HOLIDAY, _holiday_reason(holidays, nation), day))
        day += timedelta(days=1)
    close_run()
    return steps


def _holiday_reason(holidays: tuple[Holiday, ...], nation: str | None) -> str:
    text = holiday_text(holidays)
    if nation is not None:
        return f"{text} — not a working day in {NATION_NAMES[nation]}"
    if len({h.nation for h in holidays}) < len(NATIONS):
        return (
            f"{text} — not a working day for FOI/EIR: a bank holiday in any part of the UK (s10(6))"
        )
    return f"{text} — not a working day"


def rolling_steps(calendar: WorkingDayCalendar, day: date, nation: str) -> list[Step]:
    """Why a date that is not a working day in `nation` moves, day by day, to the next one."""
    steps = []
    while not calendar.is_working_day(day, nation):
        holidays = calendar.holidays_on(day, nation)
        if day.weekday() >= 5:
            steps.append(Step(WEEKEND, "weekend", day))
        else:
            steps.append(Step(HOLIDAY, _holiday_reason(holidays, nation), day))
        day += timedelta(days=1)
    return steps
