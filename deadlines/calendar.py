"""The UK working-day calendar and fast arithmetic over it.

A calendar is built once from a list of holidays and then answers every question by index
lookups: for each "kind" of working day (the FOI union of all nations, or one nation) it keeps
the sorted list of working days and, for every calendar day, how many working days fall on or
before it. "The Nth working day after D" is then two list lookups, whatever N is, which is why
computing a due date never walks day by day.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from deadlines.errors import DeadlineError

ENGLAND_AND_WALES = "england-and-wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"
NATIONS = (ENGLAND_AND_WALES, SCOTLAND, NORTHERN_IRELAND)
NATION_NAMES = {
    ENGLAND_AND_WALES: "England and Wales",
    SCOTLAND: "Scotland",
    NORTHERN_IRELAND: "Northern Ireland",
}

# GOV.UK's data (and so anything we can vouch for) starts here; earlier dates are refused.
FIRST_DAY = date(2012, 1, 1)

SOURCE_GOVUK = "govuk"
SOURCE_RULES = "rules"
SOURCE_ADMIN = "admin"
SOURCE_HOLIDAYS = "holidays"  # the `holidays` package, compared with GOV.UK (second_source.py)


@dataclass(frozen=True)
class Holiday:
    date: date
    nation: str
    title: str
    source: str


class _Index:
    """Working days of one kind: `days[k]` is the (k+1)th working day from FIRST_DAY, and
    `upto[i]` the number of working days on or before the day with offset i-1 (upto[0] = 0)."""

    __slots__ = ("days", "upto")

    def __init__(self, first: date, size: int, holidays: set[date]):
        days: list[date] = []
        upto = [0] * (size + 1)
        day = first
        one = timedelta(days=1)
        for i in range(size):
            if day.weekday() < 5 and day not in holidays:
                days.append(day)
            upto[i + 1] = len(days)
            day += one
        self.days = days
        self.upto = upto


class WorkingDayCalendar:
    """Working days for FOI/EIR (`nation=None`: not a weekend and not a bank holiday in any part
    of the UK, FOIA s10(6)) and for each nation (for the SAR roll-forward).

    `published_until` maps each nation to the last year GOV.UK publishes for it; holidays after
    that come from rules, and answers that depend on them are provisional.
    """

    def __init__(
        self,
        holidays: list[Holiday],
        *,
        published_until: dict[str, int],
        last_year: int,
        description: str = "",
    ):
        self.published_until = dict(published_until)
        self.last_year = last_year
        self.last_day = date(last_year, 12, 31)
        self.description = description
        self._origin = FIRST_DAY.toordinal() - 1
        self._size = (self.last_day - FIRST_DAY).days + 1
        by_date: dict[date, list[Holiday]] = {}
        for holiday in sorted(holidays, key=lambda h: (h.date, NATIONS.index(h.nation))):
            if FIRST_DAY <= holiday.date <= self.last_day:
                by_date.setdefault(holiday.date, []).append(holiday)
        self._by_date = {day: tuple(items) for day, items in by_date.items()}
        self._indexes = {None: _Index(FIRST_DAY, self._size, set(self._by_date))}
        for nation in NATIONS:
            dates = {
                d for d, items in self._by_date.items() if any(h.nation == nation for h in items)
            }
            self._indexes[nation] = _Index(FIRST_DAY, self._size, dates)

    # --- lookups -----------------------------------------------------------------------------

    def _index(self, nation: str | None) -> _Index:
        try:
            return self._indexes[nation]
        except KeyError:
            raise DeadlineError(
                f"Unknown nation {nation!r}: choose from {', '.join(NATIONS)}."
            ) from None

    def _position(self, day: date) -> int:
        """1-based offset of `day` from FIRST_DAY, so that `upto[position]` counts it."""
        position = day.toordinal() - self._origin
        if position < 1 or position > self._size:
            raise self._out_of_range(day)
        return position

    def check_in_range(self, day: date) -> None:
        """Raise DeadlineError if `day` is outside the years this calendar covers."""
        self._position(day)

    def _out_of_range(self, day: date) -> DeadlineError:
        if day < FIRST_DAY:
            return DeadlineError(
                f"{day.isoformat()} is before 1 January 2012, where GOV.UK's bank-holiday data "
                "begins; deadlines before then are not computed rather than guessed."
            )
        return DeadlineError(
            f"{day.isoformat()} is after {self.last_day.isoformat()}, the furthest date the "
            "working-day calendar covers."
        )

    def is_working_day(self, day: date, nation: str | None = None) -> bool:
        index = self._index(nation)
        position = self._position(day)
        return index.upto[position] != index.upto[position - 1]

    def holidays_on(self, day: date, nation: str | None = None) -> tuple[Holiday, ...]:
        """The holidays on `day`: in any nation (`nation=None`) or in that nation."""
        found = self._by_date.get(day, ())
        if nation is None:
            return found
        return tuple(h for h in found if h.nation == nation)

    def holidays(self, nation: str | None = None, year: int | None = None) -> list[Holiday]:
        return [
            holiday
            for day, items in sorted(self._by_date.items())
            if year is None or day.year == year
            for holiday in items
            if nation is None or holiday.nation == nation
        ]

    def is_provisional(self, day: date, nation: str | None = None) -> bool:
        """True if `day` lies in a year whose holidays come from rules, not from GOV.UK."""
        return day.year > self.published_year(nation)

    def published_year(self, nation: str | None = None) -> int:
        """The last year GOV.UK publishes (for FOI, the last year published for every nation)."""
        if nation is None:
            return min(self.published_until.values())
        self._index(nation)
        return self.published_until[nation]

    # --- arithmetic ----------------------------------------------------------------------------

    def add_working_days(self, day: date, n: int, nation: str | None = None) -> date:
        """The Nth working day following `day` (`day` itself never counts); n < 0 goes back."""
        index = self._index(nation)
        position = day.toordinal() - self._origin
        if position < 1 or position > self._size:
            raise self._out_of_range(day)
        if n > 0:
            k = index.upto[position] + n - 1
            if k < len(index.days):
                return index.days[k]
            raise DeadlineError(
                f"{n} working days after {day.isoformat()} is beyond "
                f"{self.last_day.isoformat()}, the furthest date the working-day calendar covers."
            )
        if n == 0:
            return day
        return self.working_days_before(day, -n, nation)

    def working_days_before(self, day: date, n: int, nation: str | None = None) -> date:
        """The Nth working day before `day` (`day` itself never counts)."""
        if n < 0:
            return self.add_working_days(day, -n, nation)
        if n == 0:
            return day
        index = self._index(nation)
        k = index.upto[self._position(day) - 1] - n
        if k < 0:
            raise DeadlineError(
                f"{n} working days before {day.isoformat()} is before 1 January 2012, where "
                "GOV.UK's bank-holiday data begins."
            )
        return index.days[k]

    def working_days_between(self, start: date, end: date, nation: str | None = None) -> int:
        """Working days after `start` up to and including `end` (negative if `end` < `start`).

        It is the inverse of add_working_days: between(d, add_working_days(d, n)) == n.
        """
        index = self._index(nation)
        return index.upto[self._position(end)] - index.upto[self._position(start)]

    def next_working_day(self, day: date, nation: str | None = None) -> date:
        """`day` itself if it is a working day, otherwise the first working day after it."""
        index = self._index(nation)
        k = index.upto[self._position(day) - 1]
        if k < len(index.days):
            return index.days[k]
        raise DeadlineError(
            f"No working day on or after {day.isoformat()} within the working-day calendar, "
            f"which ends on {self.last_day.isoformat()}."
        )
