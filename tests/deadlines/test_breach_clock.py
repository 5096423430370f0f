"""The running 72-hour clock: time left, alert levels, hours taken, with written-out times.
The due time itself is breach_clock.breach_due (tested in test_decisions); these are the questions
asked of it at a given moment, including across the March and October changes of the clocks."""

from datetime import datetime

import pytest

from deadlines import breach_clock
from deadlines.errors import DeadlineError

T = datetime.fromisoformat


@pytest.mark.parametrize(
    ("due", "now", "shown"),
    [
        ("2026-05-04T16:30:00+01:00", "2026-05-01T16:30:00+01:00", "3 days left"),
        ("2026-05-04T16:30:00+01:00", "2026-05-03T11:15:00+01:00", "1 day 5 hours left"),
        ("2026-05-04T16:30:00+01:00", "2026-05-04T11:10:00+01:00", "5 hours 20 minutes left"),
        ("2026-05-04T16:30:00+01:00", "2026-05-04T16:29:30+01:00", "less than a minute left"),
        ("2026-05-04T16:30:00+01:00", "2026-05-04T16:30:00+01:00", "overdue by less than a minute"),
        ("2026-05-04T16:30:00+01:00", "2026-05-04T19:30:00+01:00", "overdue by 3 hours"),
        # Aware Fri 27 March 10:00 GMT; due Mon 30 March 11:00 BST. On Sunday 29 March at
        # 09:00 BST (08:00 UTC) there are 26 real hours left, not the 27 the wall clock suggests.
        ("2026-03-30T11:00:00+01:00", "2026-03-29T09:00:00+01:00", "1 day 2 hours left"),
        # Aware Fri 23 October 12:00 BST; due Mon 26 October 11:00 GMT. On Sunday 25 October
        # at 00:00 BST (23:00 UTC Saturday) there are 36 real hours left, not 35.
        ("2026-10-26T11:00:00+00:00", "2026-10-25T00:00:00+01:00", "1 day 12 hours left"),
    ],
)
def test_countdown(due, now, shown):
    assert breach_clock.countdown(T(due), T(now)) == shown


THRESHOLDS = (48, 24, 6)


@pytest.mark.parametrize(
    ("now", "level"),
    [
        # due Mon 4 May 2026 16:30 BST
        ("2026-05-01T16:30:00+01:00", None),  # 72 hours left
        ("2026-05-02T16:29:00+01:00", None),  # 48 hours 1 minute left
        ("2026-05-02T16:30:00+01:00", 1),  # exactly 48 left
        ("2026-05-03T16:30:00+01:00", 2),  # 24 left
        ("2026-05-04T10:29:00+01:00", 2),  # 6 hours 1 minute left
        ("2026-05-04T10:30:00+01:00", 3),  # 6 left
        ("2026-05-04T16:29:59+01:00", 3),
        ("2026-05-04T16:30:00+01:00", 4),  # run out
        ("2026-05-09T09:00:00+01:00", 4),
    ],
)
def test_alert_level(now, level):
    assert breach_clock.alert_level(T("2026-05-04T16:30:00+01:00"), T(now), THRESHOLDS) == level


def test_alert_level_counts_real_hours_across_the_spring_change():
    # Due Mon 30 March 11:00 BST = 10:00 UTC. 48 real hours before is Sat 28 March 10:00 GMT,
    # which the wall clock would put at 11:00.
    due = T("2026-03-30T11:00:00+01:00")
    assert breach_clock.alert_level(due, T("2026-03-28T09:59:00+00:00"), THRESHOLDS) is None
    assert breach_clock.alert_level(due, T("2026-03-28T10:00:00+00:00"), THRESHOLDS) == 1


def test_thresholds_in_any_order_mean_the_same():
    due, now = T("2026-05-04T16:30:00+01:00"), T("2026-05-04T12:00:00+01:00")
    assert breach_clock.alert_level(due, now, (6, 48, 24)) == 3


@pytest.mark.parametrize(
    ("aware", "reported", "hours", "in_time", "last_line"),
    [
        (
            "2026-05-01T16:30:00+01:00",
            "2026-05-04T16:30:00+01:00",
            72.0,
            True,
            "Reported within 72 hours.",
        ),
        (
            "2026-05-01T16:30:00+01:00",
            "2026-05-02T10:00:00+01:00",
            17.5,
            True,
            "Reported within 72 hours.",
        ),
        (
            "2026-05-01T16:30:00+01:00",
            "2026-05-04T18:45:00+01:00",
            74.2,
            False,
            "Reported 2 hours 15 minutes after the 72 hours ran out: the report must give "
            "the reasons for the delay (Art 33(1)).",
        ),
        # Spring: Sat 28 March 12:00 GMT to Mon 30 March 12:00 BST is 47 real hours.
        (
            "2026-03-28T12:00:00+00:00",
            "2026-03-30T12:00:00+01:00",
            47.0,
            True,
            "Reported within 72 hours.",
        ),
        # Autumn: Fri 23 October 12:00 BST to Mon 26 October 11:30 GMT is 72.5 real hours,
        # although the wall clock shows less than 72: late.
        (
            "2026-10-23T12:00:00+01:00",
            "2026-10-26T11:30:00+00:00",
            72.5,
            False,
            "Reported 30 minutes after the 72 hours ran out: the report must give the "
            "reasons for the delay (Art 33(1)).",
        ),
    ],
)
def test_report_timing(aware, reported, hours, in_time, last_line):
    timing = breach_clock.report_timing(T(aware), T(reported))
    assert timing.hours_taken == hours
    assert timing.in_time is in_time
    assert timing.lines[-1] == last_line
    assert any(line.startswith("Became aware:") for line in timing.lines)


def test_autumn_report_explains_the_clock_change():
    timing = breach_clock.report_timing(T("2026-10-23T12:00:00+01:00"), T("2026-10-26T10:00:00Z"))
    assert "The clocks went back in between" in " ".join(timing.lines)
    assert "Reported to the ICO: Mon 2026-10-26 10:00 GMT." in timing.lines


@pytest.mark.parametrize(
    ("aware", "reported", "message"),
    [
        ("2026-05-01T16:30:00+01:00", "2026-05-01T16:00:00+01:00", "before the council"),
        ("2026-05-01T16:30:00+01:00", "2026-05-02T10:00:00", "time zone"),
        ("2026-05-01T16:30:00", "2026-05-02T10:00:00+01:00", "time zone"),
    ],
)
def test_report_timing_refuses_what_cannot_be(aware, reported, message):
    with pytest.raises(DeadlineError, match=message):
        breach_clock.report_timing(T(aware), T(reported))
