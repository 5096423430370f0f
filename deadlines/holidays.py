"""Where the holidays come from, and how the layers combine into a calendar.

1. GOV.UK's published list (the source of truth): the copy bundled in `govuk-bank-holidays`,
   overlaid, nation-year by nation-year, with whatever a sync stored from gov.uk since.
2. For the same years, the `holidays` package's UK subdivisions (second_source.py): a day either
   source lists is a holiday, unless an administrator rejected that disagreement.
3. Holidays an administrator added (one-off proclamations neither source has yet).
4. Beyond GOV.UK's last year, rules: workalendar for England and Wales and Northern Ireland, our
   own for Scotland (workalendar's Scottish calendar lacks 2 January's and St Andrew's Day's
   substitute days). Deadlines that reach those years are provisional.
"""

import json
from datetime import date, timedelta
from functools import cache
from importlib.metadata import version
from pathlib import Path

import govuk_bank_holidays
from dateutil.easter import easter
from workalendar.europe import UnitedKingdom, UnitedKingdomNorthernIreland

from deadlines import second_source
from deadlines.calendar import (
    ENGLAND_AND_WALES,
    NATIONS,
    NORTHERN_IRELAND,
    SCOTLAND,
    SOURCE_GOVUK,
    SOURCE_RULES,
    Holiday,
    WorkingDayCalendar,
)

# How far past GOV.UK's last published year rule-based holidays reach. Statutory periods are at
# most a few months, so this leaves room for far-future internal dates without pretending to know
# what Parliament will proclaim decades ahead.
RULE_YEARS = 20
BUNDLED_VERSION = version("govuk-bank-holidays")
BUNDLED_FILE = Path(govuk_bank_holidays.__file__).parent / "bank-holidays.json"


def parse_govuk(payload: object) -> list[Holiday]:
    """GOV.UK's bank-holidays JSON as holidays. Raises ValueError if it is not in that shape."""
    if not isinstance(payload, dict):
        raise ValueError("expected a JSON object keyed by nation")
    holidays = []
    for nation in NATIONS:
        division = payload.get(nation)
        events = division.get("events") if isinstance(division, dict) else None
        if not isinstance(events, list) or not events:
            raise ValueError(f"no events for {nation}")
        for event in events:
            try:
                day = date.fromisoformat(event["date"])
                title = str(event["title"]).strip()
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(f"unreadable event {event!r} for {nation}") from error
            if not title:
                raise ValueError(f"event on {day} for {nation} has no title")
            # GOV.UK's web page shows substitute days this way; the JSON keeps it in "notes".
            if "substitute" in str(event.get("notes", "")).lower():
                title += " (substitute day)"
            holidays.append(Holiday(day, nation, title, SOURCE_GOVUK))
    return holidays


@cache
def bundled_govuk() -> tuple[Holiday, ...]:
    with BUNDLED_FILE.open(encoding="utf-8") as stream:
        return tuple(parse_govuk(json.load(stream)))


def overlay_govuk(base: list[Holiday], newer: list[Holiday]) -> list[Holiday]:
    """`base` with every nation-year that `newer` covers replaced by `newer`'s list for it.

    Replacing whole nation-years (not single days) is what lets a day GOV.UK moved or withdrew
    disappear, while years that GOV.UK no longer lists (it drops old ones) are kept.
    """
    covered = {(h.nation, h.date.year) for h in newer}
    kept = [h for h in base if (h.nation, h.date.year) not in covered]
    return kept + list(newer)


# --- rules beyond GOV.UK's years -----------------------------------------------------------------

_WORKALENDAR = {
    ENGLAND_AND_WALES: UnitedKingdom(),
    NORTHERN_IRELAND: UnitedKingdomNorthernIreland(),
}
# workalendar's labels, in GOV.UK's wording so an explanation reads the same either side of the
# published years.
_TITLES = {
    "New year": "New Year’s Day",
    "New Year shift": "New Year’s Day (substitute day)",
    "Saint Patrick's Day": "St Patrick’s Day",
    "Saint Patrick substitute": "St Patrick’s Day (substitute day)",
    "Early May Bank Holiday": "Early May bank holiday",
    "Spring Bank Holiday": "Spring bank holiday",
    "Battle of the Boyne": "Battle of the Boyne (Orangemen’s Day)",
    "Battle of the Boyne substitute": "Battle of the Boyne (Orangemen’s Day) (substitute day)",
    "Late Summer Bank Holiday": "Summer bank holiday",
}
# workalendar gets these dates right but names a Sunday Christmas's substitute "Boxing Day
# Shift"; they are taken from `_christmas` instead, which names them as GOV.UK does.
_CHRISTMAS_LABELS = {"Christmas Day", "Boxing Day", "Christmas Shift", "Boxing Day Shift"}


def _workalendar_rules(nation: str, year: int) -> list[tuple[date, str]]:
    days = dict(_christmas(year))
    for day, label in _WORKALENDAR[nation].holidays(year):
        # Weekend entries (Easter Sunday, a Saturday New Year's Day) are not working days
        # anyway; their substitute days are listed separately.
        if day.weekday() < 5 and label not in _CHRISTMAS_LABELS:
            days.setdefault(day, _TITLES.get(label, label))
    return sorted(days.items())


def _monday(day: date, nth: int) -> date:
    """The nth Monday on or after `day` (nth=1: the first)."""
    return day + timedelta(days=(7 - day.weekday()) % 7 + 7 * (nth - 1))


def _observed(fixed: list[tuple[date, str]]) -> list[tuple[date, str]]:
    """Fixed-date holidays as observed: one that falls at a weekend moves to the next weekday
    not already a holiday, in order (Christmas on a Sunday: Boxing Day Monday, Christmas Tuesday).
    """
    taken = {day for day, _ in fixed if day.weekday() < 5}
    observed = [(day, title) for day, title in fixed if day.weekday() < 5]
    for day, title in fixed:
        if day.weekday() >= 5:
            substitute = day + timedelta(days=1)
            while substitute.weekday() >= 5 or substitute in taken:
                substitute += timedelta(days=1)
            taken.add(substitute)
            observed.append((substitute, f"{title} (substitute day)"))
    return observed


def _scotland_rules(year: int) -> list[tuple[date, str]]:
    return sorted(
        _observed([(date(year, 1, 1), "New Year’s Day"), (date(year, 1, 2), "2nd January")])
        + [
            (easter(year) - timedelta(days=2), "Good Friday"),
            (_monday(date(year, 5, 1), 1), "Early May bank holiday"),
            (_monday(date(year, 5, 25), 1), "Spring bank holiday"),
            (_monday(date(year, 8, 1), 1), "Summer bank holiday"),
        ]
        + _observed([(date(year, 11, 30), "St Andrew’s Day")])
        + _christmas(year)
    )


def _christmas(year: int) -> list[tuple[date, str]]:
    return _observed([(date(year, 12, 25), "Christmas Day"), (date(year, 12, 26), "Boxing Day")])


def rule_holidays(nation: str, year: int) -> list[Holiday]:
    """The holidays the usual rules give for `nation` in `year` (no one-off proclamations)."""
    pairs = _scotland_rules(year) if nation == SCOTLAND else _workalendar_rules(nation, year)
    return [Holiday(day, nation, title, SOURCE_RULES) for day, title in pairs]


# --- assembling a calendar --------------------------------------------------------------------


def build_calendar(
    govuk: list[Holiday],
    admin: list[Holiday] = (),
    *,
    rejected: frozenset[tuple[date, str]] = frozenset(),
    govuk_origin: str = "",
) -> WorkingDayCalendar:
    """A calendar from GOV.UK's list, the `holidays` package for the same years (less the
    disagreements an administrator rejected), administrators' additions, and rules after
    GOV.UK's years.

    Where two layers name the same day in the same nation, GOV.UK wins, then the package, then
    the administrator. `rejected` holds (date, nation) pairs; it removes a day only while the
    two sources still disagree about it.
    """
    published = {n: max(h.date.year for h in govuk if h.nation == n) for n in NATIONS}
    last_year = max(published.values()) + RULE_YEARS
    rules = [
        holiday
        for nation in NATIONS
        for year in range(published[nation] + 1, last_year + 1)
        for holiday in rule_holidays(nation, year)
    ]
    package = second_source.package_layer(govuk)
    disputed = {d.key for d in second_source.disagreements(govuk, package)}
    dropped = disputed & set(rejected)
    merged: dict[tuple[date, str], Holiday] = {}
    for holiday in [*govuk, *package]:
        if (holiday.date, holiday.nation) not in dropped:
            merged.setdefault((holiday.date, holiday.nation), holiday)
    for holiday in [*admin, *rules]:
        merged.setdefault((holiday.date, holiday.nation), holiday)
    first_rules = min(published.values()) + 1
    description = (
        f"GOV.UK bank holidays to {min(published.values())} ({govuk_origin or 'bundled copy'}) "
        f"and, for the same years, the holidays package {second_source.PACKAGE_VERSION} "
        f"({len(disputed)} day(s) listed by only one of them"
    )
    if dropped:
        description += f", {len(dropped)} rejected by an administrator"
    description += (
        f"); rules from {first_rules} to {last_year} (provisional: workalendar for England and "
        "Wales and Northern Ireland, own rules for Scotland)"
    )
    if admin:
        description += f"; {len(admin)} added by an administrator"
    return WorkingDayCalendar(
        list(merged.values()),
        published_until=published,
        last_year=last_year,
        description=description,
    )


@cache
def bundled_calendar() -> WorkingDayCalendar:
    """The calendar that needs nothing but the installed packages (no database)."""
    return build_calendar(
        list(bundled_govuk()), govuk_origin=f"bundled with govuk-bank-holidays {BUNDLED_VERSION}"
    )
