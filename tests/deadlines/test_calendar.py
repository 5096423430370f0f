"""The calendar object and the holiday sources it is built from."""

from datetime import date

import pytest

from deadlines.calendar import SOURCE_ADMIN, SOURCE_GOVUK, SOURCE_RULES, Holiday
from deadlines.errors import DeadlineError
from deadlines.holidays import (
    RULE_YEARS,
    build_calendar,
    bundled_govuk,
    overlay_govuk,
    parse_govuk,
    rule_holidays,
)

E_W, SCO, NI = "england-and-wales", "scotland", "northern-ireland"

# Days GOV.UK lists that no rule could know: proclamations and moved holidays.
ONE_OFFS = {
    date(2012, 6, 4),  # Spring bank holiday moved for the Diamond Jubilee
    date(2012, 6, 5),  # Diamond Jubilee
    date(2012, 5, 28),  # (Scotland's rule-based Spring holiday, moved that year)
    date(2020, 5, 4),  # Early May moved to VE Day...
    date(2020, 5, 8),
    date(2022, 5, 30),  # Spring moved for the Platinum Jubilee
    date(2022, 6, 2),
    date(2022, 6, 3),
    date(2022, 9, 19),  # State Funeral of Queen Elizabeth II
    date(2023, 5, 8),  # Coronation of King Charles III
}


@pytest.mark.parametrize("nation", [E_W, SCO, NI])
@pytest.mark.parametrize("year", range(2012, 2029))
def test_rules_reproduce_govuk_dates_apart_from_one_offs(nation, year):
    """Our Scotland rules and workalendar's for the others give GOV.UK's days in every
    published year, which is why they are trusted (provisionally) beyond it."""
    govuk = {h.date for h in bundled_govuk() if h.nation == nation and h.date.year == year}
    rules = {h.date for h in rule_holidays(nation, year)}
    assert govuk - ONE_OFFS == rules - ONE_OFFS


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # New Year's Day on a Saturday: substitutes Monday and Tuesday.
        (2033, {date(2033, 1, 3), date(2033, 1, 4)}),
        # St Andrew's Day on a Sunday: Monday 1 December.
        (2031, {date(2031, 12, 1)}),
        # Christmas on a Sunday (2033): Boxing Day Monday, Christmas substitute Tuesday.
        (2033, {date(2033, 12, 26), date(2033, 12, 27)}),
        # Summer holiday: first Monday of August.
        (2030, {date(2030, 8, 5)}),
    ],
)
def test_scotland_rules(year, expected):
    assert expected <= {h.date for h in rule_holidays(SCO, year)}


def test_rule_holidays_use_govuk_wording_and_skip_weekends():
    holidays = rule_holidays(NI, 2033)
    titles = {h.date: h.title for h in holidays}
    assert titles[date(2033, 3, 17)] == "St Patrick’s Day"
    assert titles[date(2033, 7, 12)] == "Battle of the Boyne (Orangemen’s Day)"
    assert titles[date(2033, 12, 27)] == "Christmas Day (substitute day)"
    assert all(h.date.weekday() < 5 and h.source == SOURCE_RULES for h in holidays)


def test_parse_govuk_marks_substitute_days():
    payload = {
        nation: {
            "events": [{"title": "Boxing Day", "date": "2027-12-28", "notes": "Substitute day"}]
        }
        for nation in (E_W, SCO, NI)
    }
    holidays = parse_govuk(payload)
    assert holidays[0] == Holiday(
        date(2027, 12, 28), E_W, "Boxing Day (substitute day)", SOURCE_GOVUK
    )


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {},
        {E_W: {"events": []}, SCO: {"events": []}, NI: {"events": []}},
        {n: {"events": [{"title": "X", "date": "2027-13-01"}]} for n in (E_W, SCO, NI)},
        {n: {"events": [{"date": "2027-12-28"}]} for n in (E_W, SCO, NI)},
        {n: "nonsense" for n in (E_W, SCO, NI)},
    ],
)
def test_parse_govuk_refuses_other_shapes(payload):
    with pytest.raises(ValueError):
        parse_govuk(payload)


def test_overlay_replaces_whole_nation_years_and_keeps_the_rest():
    base = [
        Holiday(date(2026, 5, 4), E_W, "Early May", SOURCE_GOVUK),
        Holiday(date(2026, 5, 25), E_W, "Spring", SOURCE_GOVUK),
        Holiday(date(2026, 5, 4), SCO, "Early May", SOURCE_GOVUK),
        Holiday(date(2025, 5, 5), E_W, "Early May", SOURCE_GOVUK),
    ]
    newer = [Holiday(date(2026, 5, 8), E_W, "Moved", SOURCE_GOVUK)]
    assert {(h.date, h.nation) for h in overlay_govuk(base, newer)} == {
        (date(2026, 5, 8), E_W),  # 2026 in England and Wales: only what GOV.UK now lists
        (date(2026, 5, 4), SCO),
        (date(2025, 5, 5), E_W),
    }


def test_calendar_reaches_rule_years_beyond_govuk(calendar):
    assert calendar.published_year() == 2028
    assert calendar.last_year == 2028 + RULE_YEARS
    assert {h.source for h in calendar.holidays(year=2029)} == {SOURCE_RULES}
    assert not calendar.is_provisional(date(2028, 12, 31))
    assert calendar.is_provisional(date(2029, 1, 1))


def test_admin_holidays_join_the_calendar_but_govuk_wins_a_clash():
    govuk = list(bundled_govuk())
    admin = [
        Holiday(date(2026, 6, 22), E_W, "Proclaimed holiday", SOURCE_ADMIN),
        Holiday(date(2026, 12, 25), E_W, "Duplicate Christmas", SOURCE_ADMIN),
    ]
    calendar = build_calendar(govuk, admin)
    assert not calendar.is_working_day(date(2026, 6, 22))
    assert not calendar.is_working_day(date(2026, 6, 22), E_W)
    assert calendar.is_working_day(date(2026, 6, 22), SCO)
    assert [h.title for h in calendar.holidays_on(date(2026, 12, 25), E_W)] == ["Christmas Day"]


@pytest.mark.parametrize(
    ("day", "n", "nation", "expected"),
    [
        (date(2026, 1, 16), 20, None, date(2026, 2, 13)),
        (date(2026, 1, 16), 0, None, date(2026, 1, 16)),
        (date(2026, 1, 16), -20, None, date(2025, 12, 15)),  # back over Christmas and 2 Jan
        (date(2026, 1, 16), -20, E_W, date(2025, 12, 16)),  # 2 Jan counts in England
        (date(2026, 11, 27), 1, SCO, date(2026, 12, 1)),
    ],
)
def test_add_working_days(calendar, day, n, nation, expected):
    assert calendar.add_working_days(day, n, nation) == expected
    if n < 0:
        assert calendar.working_days_before(day, -n, nation) == expected
    assert calendar.working_days_between(day, expected, nation) == n


def test_next_working_day(calendar):
    assert calendar.next_working_day(date(2026, 1, 1)) == date(2026, 1, 5)
    assert calendar.next_working_day(date(2026, 1, 1), E_W) == date(2026, 1, 2)
    assert calendar.next_working_day(date(2026, 1, 5)) == date(2026, 1, 5)


def test_unknown_nation(calendar):
    with pytest.raises(DeadlineError, match="Unknown nation"):
        calendar.is_working_day(date(2026, 1, 5), "wales")


def test_counting_past_the_end_of_the_calendar_is_refused(calendar):
    with pytest.raises(DeadlineError, match="beyond 2048-12-31"):
        calendar.add_working_days(date(2048, 12, 20), 20)
