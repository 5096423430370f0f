import datetime as dt

from django.http import QueryDict

from reports.periods import Period, day_start, last_complete_week, quarter_choices

WED = dt.date(2026, 7, 15)


def test_the_default_is_the_last_complete_week():
    assert last_complete_week(WED) == dt.date(2026, 7, 6)
    assert last_complete_week(dt.date(2026, 7, 13)) == dt.date(2026, 7, 6)  # a Monday
    assert last_complete_week(dt.date(2026, 7, 12)) == dt.date(2026, 6, 29)  # a Sunday
    period = Period.from_params(QueryDict(""), WED)
    assert (period.kind, period.start, period.end) == (
        "week",
        dt.date(2026, 7, 6),
        dt.date(2026, 7, 12),
    )
    assert period.complete and period.as_at == period.end


def test_any_day_gives_its_week_and_the_future_gives_the_current_one():
    period = Period.from_params(QueryDict("week=2026-07-09"), WED)
    assert period.start == dt.date(2026, 7, 6)
    current = Period.from_params(QueryDict("week=2027-01-01"), WED)
    assert current.start == dt.date(2026, 7, 13)
    assert not current.complete and current.as_at == WED


def test_months_quarters_and_financial_years():
    month = Period.from_params(QueryDict("period=month&week=2026-07-06"), WED)
    assert (month.start, month.end, month.as_at) == (dt.date(2026, 7, 1), dt.date(2026, 7, 31), WED)
    quarter = Period.containing("quarter", dt.date(2026, 5, 20), WED)
    assert (quarter.start, quarter.end) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert quarter.label == "April to June 2026"
    year = Period.containing("year", dt.date(2026, 2, 1), WED)
    assert (year.start, year.end) == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert year.previous().start == dt.date(2024, 4, 1)
    assert Period.containing("week", WED, WED).next() is None
    assert [q.start for q in quarter_choices(WED, 3)] == [
        dt.date(2026, 7, 1),
        dt.date(2026, 4, 1),
        dt.date(2026, 1, 1),
    ]


def test_the_financial_year_start_is_a_setting(settings):
    settings.REPORTS_YEAR_START_MONTH = 1
    year = Period.containing("year", dt.date(2026, 2, 1), WED)
    assert (year.start, year.end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_days_are_bounded_by_london_midnights():
    summer = day_start(dt.date(2026, 7, 6))
    assert summer.utcoffset() == dt.timedelta(hours=1)
    assert summer.astimezone(dt.UTC) == dt.datetime(2026, 7, 5, 23, 0, tzinfo=dt.UTC)
    winter = day_start(dt.date(2026, 1, 5))
    assert winter.utcoffset() == dt.timedelta(0)
    week = Period.containing("week", dt.date(2026, 3, 23), dt.date(2026, 4, 1))
    # The clocks go forward on Sunday 29 March: the week is 167 hours long.
    elapsed = week.until.astimezone(dt.UTC) - week.start_at.astimezone(dt.UTC)
    assert elapsed == dt.timedelta(hours=167)


def test_twelve_weeks_back_end_with_the_period():
    period = Period.containing("quarter", dt.date(2026, 7, 1), WED)
    weeks = period.weeks_back(12)
    assert len(weeks) == 12
    assert weeks[-1].start == dt.date(2026, 7, 13)  # the week containing today
    assert weeks[0].start == dt.date(2026, 4, 27)
