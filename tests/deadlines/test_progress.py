"""'Day N of 20': today's day of a case's period (deadlines/progress.py).

Every expected day below was counted by hand on a wall calendar: the date of receipt is day 0,
weekends and bank holidays (in any part of the UK for FOI/EIR) are skipped, and days the clock
was stopped are not counted.
"""

from datetime import date

import pytest

from deadlines import reviews, rules
from deadlines.complaints import dp_complaint_due
from deadlines.progress import progress

E_W = "england-and-wales"
MON_2_NOV = date(2026, 11, 2)


def foi(calendar, received=MON_2_NOV, **kwargs):
    return rules.foi_due(received, calendar=calendar, **kwargs)


def sar(calendar, received=date(2026, 11, 5), **kwargs):
    return rules.sar_due(received, nation=E_W, calendar=calendar, **kwargs)


CASES = [
    # name, deadline builder, today, expected label, expected days over
    ("received today", lambda c: foi(c), MON_2_NOV, "Day 0 of 20", 0),
    # Tue 3 .. Mon 9 Nov: 3, 4, 5, 6, 9.
    ("one week in", lambda c: foi(c), date(2026, 11, 9), "Day 5 of 20", 0),
    # A Saturday counts nothing: 3, 4, 5, 6.
    ("on a weekend", lambda c: foi(c), date(2026, 11, 7), "Day 4 of 20", 0),
    # Mon 30 Nov is St Andrew's Day, a bank holiday in Scotland only: not an FOI working day.
    ("Scottish holiday", lambda c: foi(c, date(2026, 11, 27)), date(2026, 12, 1), "Day 1 of 20", 0),
    # Mon 21 Dec: 22, 23, 24; Fri 25 Christmas; weekend; Mon 28 Boxing Day (substitute); Tue 29.
    ("Christmas", lambda c: foi(c, date(2026, 12, 21)), date(2026, 12, 29), "Day 4 of 20", 0),
    # Due Tue 1 Dec (the 20th working day, 30 Nov skipped); Wed 2 and Thu 3 Dec are over.
    ("overdue", lambda c: foi(c), date(2026, 12, 3), "Day 22 of 20", 2),
    ("on the due date", lambda c: foi(c), date(2026, 12, 1), "Day 20 of 20", 0),
    ("extended", lambda c: foi(c, extended=True), date(2026, 11, 9), "Day 5 of 40", 0),
    # Fees notice Mon 9 Nov, unpaid: stopped after 3, 4, 5, 6 whatever today is.
    (
        "stopped for a fee",
        lambda c: foi(c, fee_notice=date(2026, 11, 9)),
        date(2026, 11, 30),
        "Clock stopped at day 4 of 20",
        0,
    ),
    # Notice Mon 9, paid Wed 11 (9, 10, 11 disregarded); by Fri 13: 3, 4, 5, 6, 12, 13.
    (
        "fee paid",
        lambda c: foi(c, fee_notice=date(2026, 11, 9), fee_paid=date(2026, 11, 11)),
        date(2026, 11, 13),
        "Day 6 of 20",
        0,
    ),
    # EIR clarified Thu 5 Nov: the clock restarts; by Mon 9: 6, 9.
    (
        "EIR restarted",
        lambda c: rules.eir_due(MON_2_NOV, clarified=date(2026, 11, 5), calendar=c),
        date(2026, 11, 9),
        "Day 2 of 20",
        0,
    ),
    (
        "FOI review",
        lambda c: reviews.foi_review_due(MON_2_NOV, calendar=c),
        MON_2_NOV,
        "Day 0 of 20",
        0,
    ),
    (
        "EIR review",
        lambda c: reviews.eir_review_due(MON_2_NOV, calendar=c),
        date(2026, 11, 9),
        "Day 5 of 40",
        0,
    ),
    # SAR received Thu 5 Nov: calendar days, weekends count.
    ("SAR", lambda c: sar(c), date(2026, 11, 17), "Day 12 of the month", 0),
    ("SAR extended", lambda c: sar(c, extended=True), date(2026, 11, 17), "Day 12 of 3 months", 0),
    # One month on is Sat 5 Dec, rolled to Mon 7 Dec; Tue 8 Dec is one day over.
    ("SAR overdue", lambda c: sar(c), date(2026, 12, 8), "Day 33 of the month", 1),
    # Clarification asked Tue 10 Nov, unanswered: 6, 7, 8, 9 counted.
    (
        "SAR stopped",
        lambda c: sar(c, clarification_asked=date(2026, 11, 10)),
        date(2026, 11, 30),
        "Clock stopped at day 4 of the month",
        0,
    ),
    # Asked Tue 10, answered Thu 12 (10, 11, 12 not counted): by Tue 17, 12 - 3 = 9.
    (
        "SAR paused",
        lambda c: sar(c, clarification_asked=date(2026, 11, 10), clarified=date(2026, 11, 12)),
        date(2026, 11, 17),
        "Day 9 of the month",
        0,
    ),
    # ID arrived Mon 9 Nov: the relevant time; by Tue 17, eight days.
    (
        "SAR from ID",
        lambda c: sar(c, id_received=date(2026, 11, 9)),
        date(2026, 11, 17),
        "Day 8 of the month",
        0,
    ),
    # Complaint received Fri 19 June 2026; Fri 3 July is day 14 of the 30.
    (
        "DP complaint",
        lambda c: dp_complaint_due(date(2026, 6, 19), nation=E_W, calendar=c),
        date(2026, 7, 3),
        "Day 14 of 30 days",
        0,
    ),
]


@pytest.mark.parametrize(
    ("build", "today", "label", "over"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_day_of_the_period(calendar, build, today, label, over):
    result = progress(build(calendar), today, calendar=calendar)
    assert result.label == label
    assert result.over == over


def test_the_working_names_the_skipped_days(calendar):
    result = progress(foi(calendar, date(2026, 11, 27)), date(2026, 12, 1), calendar=calendar)
    assert result.explanation == [
        "Day count: working days after the date of receipt (day 0); weekends, bank holidays "
        "and days the clock was stopped are not counted.",
        "Fri 2026-11-27  date of receipt — day 0",
        "Sat 2026-11-28 to Sun 2026-11-29  weekend",
        "Mon 2026-11-30  St Andrew’s Day (Scotland) — not a working day for FOI/EIR: a bank "
        "holiday in any part of the UK (s10(6))",
        "Tue 2026-12-01  working day 1",
        "Tue 2026-12-01  today: day 1 of 20, 19 working days to the due date",
    ]


def test_a_stopped_clock_says_why_and_how_much_remains(calendar):
    result = progress(
        foi(calendar, fee_notice=date(2026, 11, 9)), date(2026, 11, 30), calendar=calendar
    )
    assert result.stopped
    assert result.explanation[-2].startswith(
        "Mon 2026-11-09  clock stopped: clock stopped since 2026-11-09 awaiting the fee"
    )
    assert result.explanation[-1] == "day 4 of 20 when the clock stopped; 16 remain"


def test_no_period_no_count(calendar):
    assert progress(reviews.aggregation_window(MON_2_NOV, calendar=calendar), MON_2_NOV) is None
    before_the_duty = dp_complaint_due(date(2026, 6, 1), nation=E_W, calendar=calendar)
    assert progress(before_the_duty, date(2026, 6, 2), calendar=calendar) is None


def test_the_working_is_laid_out_only_when_read(calendar, monkeypatch):
    """A list shows the label alone: the day-by-day walk (years of days for a case long
    overdue) waits until someone opens the working, and is then done once."""
    from deadlines import progress as module

    walked = []
    real = module.counting_steps
    monkeypatch.setattr(module, "counting_steps", lambda *a, **k: walked.append(1) or real(*a, **k))
    result = progress(foi(calendar, date(2020, 1, 6)), date(2026, 12, 1), calendar=calendar)
    assert result.label.startswith("Day ") and walked == []
    first = result.explanation
    assert result.explanation == first and len(walked) == 1
    assert first[-1].endswith("working days past the due date")
