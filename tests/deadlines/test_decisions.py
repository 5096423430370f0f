"""The binding decisions of SPEC-statutory.md, one group of tests per decision."""

from datetime import UTC, date, datetime

import pytest

from deadlines import breach_clock, reviews, rules
from deadlines.errors import DeadlineError
from deadlines.rules import LONDON

E_W, SCO, NI = "england-and-wales", "scotland", "northern-ireland"


# 1. FOI/EIR working days: the union of every nation's holidays; closure days still count.


@pytest.mark.parametrize(
    ("day", "what"),
    [
        (date(2026, 11, 30), "St Andrew's Day"),
        (date(2026, 1, 2), "2 January"),
        (date(2026, 3, 17), "17 March"),
        (date(2027, 7, 12), "12 July"),
        (date(2026, 8, 3), "Scotland's August holiday"),
    ],
)
def test_an_english_councils_foi_clock_skips_other_nations_holidays(day, what):
    assert not rules.is_working_day(day)
    assert rules.is_working_day(day, nation=E_W)


def test_office_closure_days_are_working_days():
    # Christmas Eve and the days between Christmas and New Year are often closure days.
    for day in (date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30), date(2026, 12, 31)):
        assert rules.is_working_day(day)


def test_explanation_names_a_holiday_kept_in_only_one_nation():
    text = "\n".join(rules.foi_due(date(2026, 11, 27)).explanation)
    assert (
        "Mon 2026-11-30  St Andrew’s Day (Scotland) — not a working day for FOI/EIR: "
        "a bank holiday in any part of the UK (s10(6))"
    ) in text
    assert "Fri 2026-12-25  Christmas Day (all nations) — not a working day" in text
    assert "Mon 2026-12-28  Boxing Day (substitute day) (all nations)" in text


# 2. Day counting: the date of receipt never counts, whatever day it is.


@pytest.mark.parametrize(
    ("received", "day_one"),
    [
        (date(2026, 1, 5), date(2026, 1, 6)),  # Monday: day 1 is Tuesday
        (date(2026, 1, 10), date(2026, 1, 12)),  # Saturday
        (date(2026, 1, 11), date(2026, 1, 12)),  # Sunday
        (date(2025, 12, 25), date(2025, 12, 29)),  # Christmas Day, Boxing Day, weekend
        (date(2026, 1, 1), date(2026, 1, 5)),  # New Year's Day, then Scotland's 2 January
    ],
)
def test_day_one_is_the_first_working_day_after_receipt(received, day_one):
    assert rules.add_working_days(received, 1) == day_one
    assert rules.foi_due(received).due == rules.add_working_days(day_one, 19)


@pytest.mark.parametrize(
    ("moment", "receipt"),
    [
        # 23:30 UTC on Sunday 29 March 2026 is 00:30 BST on Monday 30 March.
        (datetime(2026, 3, 29, 23, 30, tzinfo=UTC), date(2026, 3, 30)),
        # In winter London is on UTC: same date.
        (datetime(2026, 1, 9, 23, 30, tzinfo=UTC), date(2026, 1, 9)),
        (datetime(2026, 7, 1, 0, 10, tzinfo=LONDON), date(2026, 7, 1)),
    ],
)
def test_receipt_date_is_the_date_in_london(moment, receipt):
    assert rules.receipt_date(moment) == receipt
    assert rules.foi_due(moment).due == rules.foi_due(receipt).due
    assert rules.foi_due_date(moment) == rules.foi_due(receipt).due


def test_a_naive_datetime_is_refused():
    with pytest.raises(DeadlineError, match="no time zone"):
        rules.foi_due(datetime(2026, 1, 5, 9, 0))


# 3. Clarification restarts the FOI/EIR clock.


@pytest.mark.parametrize("due_function", [rules.foi_due, rules.eir_due])
def test_clarification_is_the_new_date_of_receipt(due_function):
    deadline = due_function(date(2026, 1, 5), clarified=date(2026, 1, 21))
    assert deadline.start == date(2026, 1, 21)
    assert deadline.due == date(2026, 2, 18) == due_function(date(2026, 1, 21)).due


def test_clarification_before_the_request_is_refused():
    with pytest.raises(DeadlineError, match="before the request was received"):
        rules.foi_due(date(2026, 1, 21), clarified=date(2026, 1, 5))


# 4. Fees notice: notice day to fee day inclusive are disregarded; three months to pay.


def test_fee_notice_on_the_day_of_receipt_disregards_only_days_that_would_count():
    # Notice Mon 2 Feb (the date of receipt, not counted anyway), fee Wed 4 Feb: 2 days lost.
    deadline = rules.foi_due(
        date(2026, 2, 2), fee_notice=date(2026, 2, 2), fee_paid=date(2026, 2, 4)
    )
    assert deadline.due == date(2026, 3, 4)
    assert rules.working_days_between(date(2026, 3, 2), date(2026, 3, 4)) == 2


def test_fee_notice_on_the_twentieth_day_is_allowed_and_the_day_after_is_not():
    notice = date(2026, 3, 2)  # the 20th working day after Mon 2 Feb
    deadline = rules.foi_due(date(2026, 2, 2), fee_notice=notice, fee_paid=date(2026, 3, 3))
    assert deadline.due == date(2026, 3, 4)  # the first working day after the fee arrived
    with pytest.raises(DeadlineError, match=r"within the 20 working days \(FOIA s9\(1\)\)"):
        rules.foi_due(date(2026, 2, 2), fee_notice=date(2026, 3, 3), fee_paid=date(2026, 3, 4))


def test_unpaid_fee_stops_the_clock():
    deadline = rules.foi_due(date(2026, 2, 2), fee_notice=date(2026, 2, 9))
    assert deadline.due is None
    assert deadline.stopped == (
        "clock stopped since 2026-02-09 awaiting the fee; the request lapses if it is unpaid "
        "by 2026-05-08"
    )
    assert "4 working days used, 16 remain" in "\n".join(deadline.explanation)


@pytest.mark.parametrize(
    ("fee_notice", "fee_paid", "message"),
    [
        (date(2026, 2, 9), date(2026, 2, 6), "before the fees notice was given"),
        (date(2026, 1, 30), date(2026, 2, 6), "before the date of receipt"),
        (None, date(2026, 2, 6), "needs the date the fees notice was given"),
        (date(2026, 2, 9), date(2026, 5, 9), "the request had lapsed"),
    ],
)
def test_bad_fee_dates_are_refused(fee_notice, fee_paid, message):
    with pytest.raises(DeadlineError, match=message):
        rules.foi_due(date(2026, 2, 2), fee_notice=fee_notice, fee_paid=fee_paid)


def test_eir_advance_payment_wait_is_disregarded_like_the_foi_fee():
    # EIR received Mon 2 Feb 2026: due Mon 2 Mar. Notice Mon 9 Feb, paid Fri 13 Feb: the five
    # working days 9..13 Feb are disregarded, so the 25th working day: Mon 9 Mar.
    assert rules.eir_due(date(2026, 2, 2)).due == date(2026, 3, 2)
    deadline = rules.eir_due(
        date(2026, 2, 2), fee_notice=date(2026, 2, 9), fee_paid=date(2026, 2, 13)
    )
    assert deadline.due == date(2026, 3, 9)
    assert "not counting the 5 disregarded" in "\n".join(deadline.explanation)
    assert "(EIR reg 8(5)-(6))" in "\n".join(deadline.explanation)


def test_unpaid_eir_charge_stops_the_clock_for_sixty_working_days():
    # Received Wed 1 Jul 2026, notice Mon 6 Jul. Sixty working days, skipping 13 Jul (NI),
    # 3 Aug (Scotland) and 31 Aug (England and Wales): the last day to pay is Thu 1 Oct
    # (three months would have been Mon 5 Oct).
    deadline = rules.eir_due(date(2026, 7, 1), fee_notice=date(2026, 7, 6))
    assert deadline.due is None
    assert deadline.stopped.endswith("unpaid by 2026-10-01")
    assert rules.eir_payment_last_day(date(2026, 7, 6)) == date(2026, 10, 1)
    with pytest.raises(DeadlineError, match=r"2026-10-01, 60 working days, reg 8\): the request"):
        rules.eir_due(date(2026, 7, 1), fee_notice=date(2026, 7, 6), fee_paid=date(2026, 10, 2))


@pytest.mark.parametrize(
    ("notice", "last_day"),
    [
        (date(2026, 2, 9), date(2026, 5, 8)),
        (date(2026, 3, 1), date(2026, 5, 31)),  # ends the day before 1 June
        (date(2025, 11, 30), date(2026, 2, 28)),  # no 30 February: the last day of February
        (date(2023, 11, 29), date(2024, 2, 28)),  # 29 February 2024 exists: the day before it
        (date(2026, 12, 31), date(2027, 3, 30)),
    ],
)
def test_three_months_beginning_with_the_notice_day(notice, last_day):
    assert rules.fee_lapse_date(notice) == last_day


# 5. Lengths: FOI public interest +20, EIR 40, FOI review 20/40, EIR reconsideration 40.


@pytest.mark.parametrize(
    ("deadline", "working_days"),
    [
        (lambda d: rules.foi_due(d), 20),
        (lambda d: rules.foi_due(d, extended=True), 40),
        (lambda d: rules.eir_due(d), 20),
        (lambda d: rules.eir_due(d, extended=True), 40),
        (lambda d: reviews.foi_review_due(d), 20),
        (lambda d: reviews.foi_review_due(d, extended=True), 40),
        (lambda d: reviews.eir_review_due(d), 40),
    ],
)
def test_period_lengths(deadline, working_days):
    received = date(2026, 10, 14)
    assert rules.working_days_between(received, deadline(received).due) == working_days


# 6. SAR: latest start, month arithmetic, pause from 5 Feb 2026, own nation's roll-forward.


@pytest.mark.parametrize(
    ("id_received", "fee_received", "start", "due"),
    [
        (date(2026, 3, 10), None, date(2026, 3, 10), date(2026, 4, 10)),
        (None, date(2026, 3, 12), date(2026, 3, 12), date(2026, 4, 13)),  # 12 April a Sunday
        (date(2026, 3, 10), date(2026, 3, 12), date(2026, 3, 12), date(2026, 4, 13)),
        (date(2026, 2, 20), None, date(2026, 3, 2), date(2026, 4, 2)),  # ID came first
    ],
)
def test_sar_runs_from_the_latest_of_receipt_id_and_fee(id_received, fee_received, start, due):
    deadline = rules.sar_due(
        date(2026, 3, 2), id_received=id_received, fee_received=fee_received, nation=E_W
    )
    assert (deadline.start, deadline.due) == (start, due)


@pytest.mark.parametrize(
    ("received", "nation", "due"),
    [
        # 30 November 2026 is St Andrew's Day, a Monday: only a Scottish council rolls.
        (date(2026, 10, 30), E_W, date(2026, 11, 30)),
        (date(2026, 10, 30), SCO, date(2026, 12, 1)),
        (date(2026, 10, 30), NI, date(2026, 11, 30)),
        # 17 March 2026 is St Patrick's Day, a Tuesday: only a Northern Irish council rolls.
        (date(2026, 2, 17), E_W, date(2026, 3, 17)),
        (date(2026, 2, 17), NI, date(2026, 3, 18)),
        # 31 August 2026: England and Wales and NI, not Scotland.
        (date(2026, 7, 31), SCO, date(2026, 8, 31)),
        (date(2026, 7, 31), E_W, date(2026, 9, 1)),
    ],
)
def test_sar_rolls_forward_over_the_councils_own_nation_only(received, nation, due):
    assert rules.sar_due(received, nation=nation).due == due


def test_sar_nation_defaults_to_the_council_setting(settings):
    settings.COUNCIL_NATION = SCO
    assert rules.sar_due(date(2026, 10, 30)).due == date(2026, 12, 1)


def test_sar_pause_counts_only_from_5_february_2026():
    # Asked Mon 26 Jan, answered Mon 9 Feb: only 5-9 February (5 days) stop the clock.
    deadline = rules.sar_due(
        date(2026, 1, 20),
        clarification_asked=date(2026, 1, 26),
        clarified=date(2026, 2, 9),
        nation=E_W,
    )
    assert deadline.due == date(2026, 2, 25)  # 20 Feb + 5 days
    assert "Data (Use and Access) Act 2025 s76" in "\n".join(deadline.explanation)


def test_sar_pause_wholly_before_5_february_2026_adds_nothing():
    deadline = rules.sar_due(
        date(2026, 1, 5),
        clarification_asked=date(2026, 1, 8),
        clarified=date(2026, 1, 15),
        nation=E_W,
    )
    assert deadline.due == date(2026, 2, 5)


def test_sar_extension_with_a_pause_is_three_months_plus_the_pause():
    deadline = rules.sar_due(
        date(2026, 3, 2),
        clarification_asked=date(2026, 3, 5),
        clarified=date(2026, 3, 16),
        extended=True,
        nation=E_W,
    )
    assert deadline.due == date(2026, 6, 15)  # 2 June + 12 days = Sun 14 June, rolled


def test_sar_awaiting_clarification_stops_the_clock():
    deadline = rules.sar_due(date(2026, 3, 2), clarification_asked=date(2026, 3, 5), nation=E_W)
    assert deadline.due is None
    assert deadline.stopped == "clock stopped since 2026-03-05 awaiting clarification"


@pytest.mark.parametrize(
    ("asked", "answered", "message"),
    [
        (date(2026, 3, 16), date(2026, 3, 5), "pause ends"),
        (None, date(2026, 3, 5), "needs the date clarification was asked"),
        (date(2026, 2, 1), date(2026, 3, 5), "before the request was received"),
        (date(2026, 4, 3), date(2026, 4, 5), "after the period had ended"),
    ],
)
def test_bad_sar_pauses_are_refused(asked, answered, message):
    with pytest.raises(DeadlineError, match=message):
        rules.sar_due(date(2026, 3, 2), clarification_asked=asked, clarified=answered, nation=E_W)


def test_unknown_nation_is_refused():
    with pytest.raises(DeadlineError, match="Unknown nation 'wales'"):
        rules.sar_due(date(2026, 3, 2), nation="wales")


# 7. Breach: 72 elapsed hours, computed in UTC, shown in Europe/London.


@pytest.mark.parametrize(
    ("aware", "due"),
    [
        # Clocks go forward on Sun 29 March 2026: the local time is an hour later.
        ("2026-03-27T10:00:00+00:00", "2026-03-30T11:00:00+01:00"),
        # Clocks go back on Sun 25 October 2026: the local time is an hour earlier.
        ("2026-10-23T12:00:00+01:00", "2026-10-26T11:00:00+00:00"),
        # No change of the clocks: the same local time three days later.
        ("2026-06-05T09:15:00+01:00", "2026-06-08T09:15:00+01:00"),
        # Given in UTC, shown in London.
        ("2026-05-01T15:30:00+00:00", "2026-05-04T16:30:00+01:00"),
    ],
)
def test_breach_is_72_elapsed_hours(aware, due):
    deadline = breach_clock.breach_due(datetime.fromisoformat(aware))
    assert deadline.due.isoformat() == due
    assert (deadline.due - datetime.fromisoformat(aware)).total_seconds() == 72 * 3600
    clocks_changed = any("clocks went" in line for line in deadline.explanation)
    offset_at_awareness = datetime.fromisoformat(aware).astimezone(LONDON).utcoffset()
    assert clocks_changed == (offset_at_awareness != deadline.due.utcoffset())


def test_breach_needs_an_aware_datetime():
    with pytest.raises(DeadlineError, match="time zone"):
        breach_clock.breach_due(datetime(2026, 5, 1, 16, 30))


# 8. Bank-holiday data: nothing before 2012; rules after GOV.UK's years are provisional.


@pytest.mark.parametrize(
    "call",
    [
        lambda: rules.foi_due(date(2011, 12, 30)),
        lambda: rules.sar_due(date(2011, 12, 30), nation=E_W),
        lambda: rules.add_working_days(date(2011, 6, 1), 5),
        lambda: rules.working_days_before(date(2012, 1, 3), 5),
        lambda: reviews.aggregation_window(date(2010, 1, 4)),
    ],
)
def test_dates_before_2012_are_refused(call):
    with pytest.raises(DeadlineError, match="before 1 January 2012"):
        call()


def test_first_days_of_2012_are_computed():
    # 1 Jan 2012 is a Sunday; 2 January the substitute New Year's Day; 3 Jan Scotland's 2nd.
    assert rules.foi_due(date(2012, 1, 1)).due == date(2012, 1, 31)


def test_deadlines_within_published_years_are_not_provisional():
    deadline = rules.foi_due(date(2028, 11, 1))
    assert deadline.due == date(2028, 11, 29)
    assert not deadline.provisional


def test_deadlines_reaching_rule_years_are_provisional_and_say_why():
    deadline = rules.foi_due(date(2028, 12, 15))
    assert deadline.due == date(2029, 1, 18)  # 25, 26 Dec 2028, 1 and 2 Jan 2029 skipped
    assert deadline.provisional
    text = "\n".join(deadline.explanation)
    assert "Provisional: GOV.UK has published bank holidays only up to 2028" in text
    assert "Tue 2029-01-02  2nd January (Scotland)" in text


def test_sar_provisional_in_rule_years():
    deadline = rules.sar_due(date(2030, 11, 1), nation=SCO)
    assert deadline.provisional
    # 1 Dec 2030 is a Sunday, Monday 2 Dec the substitute for Saturday's St Andrew's Day.
    assert deadline.due == date(2030, 12, 3)


def test_fee_lapse_and_breach_are_never_provisional():
    assert not rules.fee_lapse(date(2035, 1, 10)).provisional
    assert not breach_clock.breach_due(datetime(2035, 1, 10, 9, tzinfo=UTC)).provisional


def test_dates_beyond_the_calendar_are_refused():
    with pytest.raises(DeadlineError, match="furthest date the working-day calendar covers"):
        rules.foi_due(date(2049, 1, 4))


def test_every_date_input_may_be_an_aware_datetime():
    # 23:30 UTC on 9 March 2026 is still 9 March in London (GMT).
    late = datetime(2026, 3, 9, 23, 30, tzinfo=UTC)
    sar = rules.sar_due(date(2026, 3, 2), id_received=late, nation=E_W)
    assert (sar.start, sar.due) == (date(2026, 3, 9), date(2026, 4, 9))
    foi = rules.foi_due(
        date(2026, 2, 2),
        fee_notice=datetime(2026, 2, 9, 10, tzinfo=LONDON),
        fee_paid=datetime(2026, 2, 20, 16, tzinfo=LONDON),
    )
    assert foi.due == date(2026, 3, 16)
