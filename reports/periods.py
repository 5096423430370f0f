"""Reporting periods: weeks (Monday to Sunday), calendar months and quarters, financial years.

A period is a run of whole days in Europe/London. Figures "as at" a period are worked out at
the end of its last day, or at the end of today while the period is still running, so the
current week shows the position so far and a past week shows the position when it ended.
Instants (received_at, responded_at, closed_at) are compared with the London midnights that
bound the days, so the database can use its indexes and a request that arrives at 00:30 on a
Monday in summer (23:30 UTC on the Sunday) belongs to the Monday's week.
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")
# The earliest day a report can be asked about. Nothing an information-rights team reports on
# predates the Freedom of Information Act 2000, and a day such as 0001-01-01 in a URL would
# otherwise overflow the date arithmetic of the periods around it.
EARLIEST_DAY = dt.date(2000, 1, 1)
KINDS = {
    "week": "Week",
    "month": "Month",
    "quarter": "Quarter",
    "year": "Financial year",
}


def year_start_month() -> int:
    return settings.REPORTS_YEAR_START_MONTH


def day_start(day: dt.date) -> dt.datetime:
    """The London midnight at which `day` begins, as an aware datetime."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=LONDON)


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def last_complete_week(today: dt.date | None = None) -> dt.date:
    """The Monday of the last week (Monday to Sunday) that has ended."""
    today = today or timezone.localdate()
    return monday(today) - dt.timedelta(days=7)


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _year_start(day: dt.date) -> dt.date:
    first = year_start_month()
    year = day.year if day.month >= first else day.year - 1
    return dt.date(year, first, 1)


_STARTS = {
    "week": monday,
    "month": _month_start,
    "quarter": _quarter_start,
    "year": _year_start,
}
_LENGTHS = {"month": 1, "quarter": 3, "year": 12}


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # the last day, inclusive
    today: dt.date

    @classmethod
    def containing(cls, kind: str, day: dt.date, today: dt.date | None = None) -> "Period":
        today = today or timezone.localdate()
        start = _STARTS[kind](day)
        if kind == "week":
            end = start + dt.timedelta(days=6)
        else:
            end = _add_months(start, _LENGTHS[kind]) - dt.timedelta(days=1)
        return cls(kind, start, end, today)

    @classmethod
    def from_params(cls, params, today: dt.date | None = None, default_kind="week") -> "Period":
        """From GET parameters: `period` (week, month, quarter, year) and a day in it, `start`
        or `week` (a week runs from the Monday of the day given). Anything missing or malformed
        gives the last complete week; a day after today gives the period containing today."""
        today = today or timezone.localdate()
        kind = params.get("period", default_kind)
        if kind not in KINDS:
            kind = default_kind
        anchor = parse_day(params.get("start", ""), today) or parse_day(
            params.get("week", ""), today
        )
        if anchor is None:
            anchor = last_complete_week(today)
        return cls.containing(kind, anchor, today)

    # --- bounds --------------------------------------------------------------------------------

    @property
    def as_at(self) -> dt.date:
        """The day the figures are worked out at: the period's last day, or today."""
        return min(self.end, self.today)

    @property
    def complete(self) -> bool:
        return self.end < self.today

    @property
    def start_at(self) -> dt.datetime:
        return day_start(self.start)

    @property
    def until(self) -> dt.datetime:
        """The first instant after the days the figures cover (exclusive bound)."""
        return day_start(self.as_at + dt.timedelta(days=1))

    # --- words and links -----------------------------------------------------------------------

    @property
    def label(self) -> str:
        if self.kind == "week":
            return f"Week commencing {self.start:%A} {self.start.day} {self.start:%B %Y}"
        if self.kind == "month":
            return f"{self.start:%B %Y}"
        if self.kind == "quarter":
            return f"{self.start:%B} to {self.end:%B %Y}"
        return (
            f"{self.start.year} to {self.end.year} financial year "
            f"({self.start:%B %Y} to {self.end:%B %Y})"
        )

    @property
    def short_label(self) -> str:
        if self.kind == "week":
            return f"w/c {self.start.day} {self.start:%b %Y}"
        if self.kind == "quarter":
            return f"{self.start:%b}–{self.end:%b %Y}"
        if self.kind == "year":
            return f"{self.start.year}/{str(self.end.year)[2:]}"
        return f"{self.start:%b %Y}"

    @property
    def as_at_label(self) -> str:
        if self.complete:
            return f"as at the end of {self.as_at:%A} {self.as_at.day} {self.as_at:%B %Y}"
        return f"so far, as at today, {self.as_at:%A} {self.as_at.day} {self.as_at:%B %Y}"

    def params(self) -> dict[str, str]:
        return {"period": self.kind, "start": self.start.isoformat()}

    def previous(self) -> "Period":
        return Period.containing(self.kind, self.start - dt.timedelta(days=1), self.today)

    def next(self) -> "Period | None":
        following = self.end + dt.timedelta(days=1)
        return (
            None if following > self.today else Period.containing(self.kind, following, self.today)
        )

    def weeks_back(self, count: int) -> list["Period"]:
        """`count` weeks ending with the week this period ends in (oldest first)."""
        last = monday(self.as_at)
        return [
            Period.containing("week", last - dt.timedelta(weeks=n), self.today)
            for n in range(count - 1, -1, -1)
        ]


def parse_day(value, today: dt.date) -> dt.date | None:
    """A day from a query string (YYYY-MM-DD), brought within EARLIEST_DAY to today; None
    when it is missing or not a date."""
    if not isinstance(value, str) or not value:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return None
    return min(max(day, EARLIEST_DAY), today)


def quarter_choices(today: dt.date | None = None, count: int = 12) -> list[Period]:
    """The last `count` calendar quarters, newest first (the current one included)."""
    today = today or timezone.localdate()
    current = Period.containing("quarter", today, today)
    periods = [current]
    for _ in range(count - 1):
        periods.append(periods[-1].previous())
    return periods


def year_choices(today: dt.date | None = None, count: int = 5) -> list[Period]:
    today = today or timezone.localdate()
    current = Period.containing("year", today, today)
    periods = [current]
    for _ in range(count - 1):
        periods.append(periods[-1].previous())
    return periods
