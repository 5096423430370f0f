"""The second holiday source: the `holidays` package's UK subdivisions, compared with GOV.UK's.

GOV.UK's list alone missed a real bank holiday (Monday 15 June 2026 in Scotland, appointed by
Royal Proclamation on 4 February 2026, absent from the bundled copy), so for every year GOV.UK
publishes for a nation, a day that either source lists is a holiday there. Each day only one of
them lists is a disagreement: it counts as a holiday until an administrator rejects it.

Only weekdays are compared: a weekend is not a working day whatever either source says (the
`holidays` package lists a Saturday Christmas as well as its Monday substitute; GOV.UK lists only
the substitute).
"""

from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import version

import holidays as holidays_package

from deadlines.calendar import (
    ENGLAND_AND_WALES,
    NATIONS,
    NORTHERN_IRELAND,
    SCOTLAND,
    SOURCE_GOVUK,
    SOURCE_HOLIDAYS,
    Holiday,
)

PACKAGE_VERSION = version("holidays")
# GOV.UK publishes one list for England and Wales; the package has one per country. A day either
# of them lists is taken (they are the same in every year the package knows today).
SUBDIVISIONS = {
    ENGLAND_AND_WALES: ("ENG", "WLS"),
    SCOTLAND: ("SCT",),
    NORTHERN_IRELAND: ("NIR",),
}
SOURCE_NAMES = {
    SOURCE_GOVUK: "GOV.UK (gov.uk/bank-holidays.json, bundled and synced)",
    SOURCE_HOLIDAYS: f"the holidays package {PACKAGE_VERSION} (UK subdivisions)",
}


@cache
def package_holidays(nation: str, year: int) -> tuple[Holiday, ...]:
    """The weekday holidays the `holidays` package lists for `nation` in `year`."""
    days: dict[date, str] = {}
    for subdivision in SUBDIVISIONS[nation]:
        listed = holidays_package.country_holidays("GB", subdiv=subdivision, years=year)
        for day, title in sorted(listed.items()):
            if day.weekday() < 5:
                days.setdefault(day, title)
    return tuple(
        Holiday(day, nation, title, SOURCE_HOLIDAYS) for day, title in sorted(days.items())
    )


def covered_years(govuk: list[Holiday]) -> dict[str, range]:
    """For each nation, the years GOV.UK's list covers (first to last listed year)."""
    years: dict[str, range] = {}
    for nation in NATIONS:
        listed = [h.date.year for h in govuk if h.nation == nation]
        years[nation] = range(min(listed), max(listed) + 1) if listed else range(0)
    return years


def package_layer(govuk: list[Holiday]) -> list[Holiday]:
    """The package's holidays for the years GOV.UK covers, nation by nation."""
    return [
        holiday
        for nation, years in covered_years(govuk).items()
        for year in years
        for holiday in package_holidays(nation, year)
    ]


@dataclass(frozen=True)
class Disagreement:
    """A weekday one source lists as a holiday in a nation and the other does not."""

    holiday: Holiday  # as the source that lists it has it; its `source` names that source

    @property
    def key(self) -> tuple[date, str]:
        return self.holiday.date, self.holiday.nation

    @property
    def listed_by(self) -> str:
        return self.holiday.source

    @property
    def not_listed_by(self) -> str:
        return SOURCE_HOLIDAYS if self.holiday.source == SOURCE_GOVUK else SOURCE_GOVUK


def disagreements(govuk: list[Holiday], package: list[Holiday]) -> list[Disagreement]:
    """Weekdays in the years both cover that exactly one of the two sources lists."""
    years = covered_years(govuk)
    ours = {(h.date, h.nation): h for h in govuk if h.date.weekday() < 5}
    theirs = {(h.date, h.nation): h for h in package if h.date.year in years[h.nation]}
    found = [Disagreement(ours[key]) for key in ours.keys() - theirs.keys()]
    found += [Disagreement(theirs[key]) for key in theirs.keys() - ours.keys()]
    return sorted(found, key=lambda d: (d.holiday.date, NATIONS.index(d.holiday.nation)))
