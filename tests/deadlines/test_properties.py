"""Properties that hold for every date, checked against a deliberately naive day-by-day
implementation built straight from the holiday list (not from the calendar's index)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines import rules
from deadlines.holidays import bundled_calendar

CALENDAR = bundled_calendar()
NATIONS = [None, "england-and-wales", "scotland", "northern-ireland"]
HOLIDAYS = {
    nation: {h.date for h in CALENDAR.holidays(nation)} for nation in NATIONS
}  # nation None: every nation's

# Through the rule years too, leaving room for 60 working days before the calendar ends.
days = st.dates(min_value=date(2012, 1, 1), max_value=date(2048, 8, 31))
nations = st.sampled_from(NATIONS)
counts = st.integers(min_value=1, max_value=80)


def naive_working(day, nation=None):
    return day.weekday() < 5 and day not in HOLIDAYS[nation]


def naive_add(day, n, nation=None):
    while n:
        day += timedelta(days=1)
        n -= naive_working(day, nation)
    return day


@given(days, counts, nations)
def test_nth_working_day_matches_walking_day_by_day(day, n, nation):
    due = CALENDAR.add_working_days(day, n, nation)
    assert due == naive_add(day, n, nation)
    assert naive_working(due, nation)


@given(days, counts, nations)
def test_exactly_n_working_days_lie_between_start_and_due(day, n, nation):
    due = CALENDAR.add_working_days(day, n, nation)
    walked = sum(
        naive_working(day + timedelta(days=i), nation) for i in range(1, (due - day).days + 1)
    )
    assert walked == n == CALENDAR.working_days_between(day, due, nation)


@given(days, st.booleans())
def test_foi_due_date_is_a_working_day_after_twenty_or_forty(day, extended):
    deadline = rules.foi_due(day, extended=extended, calendar=CALENDAR)
    assert naive_working(deadline.due)
    assert CALENDAR.working_days_between(day, deadline.due) == (40 if extended else 20)
    assert deadline.due == rules.foi_due_date(day, extended=extended, calendar=CALENDAR)
    assert deadline.provisional == (deadline.due.year > 2028)


@given(days, days)
def test_a_later_receipt_never_gives_an_earlier_due_date(a, b):
    a, b = sorted((a, b))
    assert rules.foi_due_date(a, calendar=CALENDAR) <= rules.foi_due_date(b, calendar=CALENDAR)
    for nation in NATIONS[1:]:
        first = rules.sar_due(a, nation=nation, calendar=CALENDAR).due
        second = rules.sar_due(b, nation=nation, calendar=CALENDAR).due
        assert first <= second


@given(days, st.integers(0, 19), st.integers(0, 80))
@settings(max_examples=300)
def test_fees_pause_moves_the_date_by_exactly_the_disregarded_working_days(
    received, notice_after, paid_after
):
    notice = received if notice_after == 0 else naive_add(received, notice_after)
    paid = notice + timedelta(days=paid_after)
    if paid > rules.fee_lapse_date(notice):
        paid = rules.fee_lapse_date(notice)
    plain = rules.foi_due(received, calendar=CALENDAR).due
    paused = rules.foi_due(received, fee_notice=notice, fee_paid=paid, calendar=CALENDAR).due
    # Working days from the notice to the fee, both inclusive, that would otherwise count.
    disregarded = sum(
        naive_working(notice + timedelta(days=i))
        for i in range((paid - notice).days + 1)
        if notice + timedelta(days=i) > received
    )
    assert CALENDAR.working_days_between(plain, paused) == disregarded
    assert naive_working(paused)


@given(days, nations.filter(bool), st.booleans())
def test_sar_due_is_a_working_day_in_the_councils_nation(day, nation, extended):
    deadline = rules.sar_due(day, nation=nation, extended=extended, calendar=CALENDAR)
    assert naive_working(deadline.due, nation)
    months = 3 if extended else 1
    assert deadline.due >= day + timedelta(days=28 * months - 1)
    # It rolls only over non-working days: every day before it since the month end is one.
    month_end = next(
        s.first for s in deadline.steps if s.kind == "event" and "calendar month" in s.text
    )
    assert all(
        not naive_working(month_end + timedelta(days=i), nation)
        for i in range((deadline.due - month_end).days)
    )


@given(st.dates(min_value=date(2012, 1, 4), max_value=date(2048, 8, 31)), counts)
def test_working_days_before_inverts_add(day, n):
    due = CALENDAR.add_working_days(day, n)
    back = CALENDAR.working_days_before(due, n)
    assert back <= day
    assert CALENDAR.working_days_between(back, day) == 0
