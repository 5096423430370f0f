"""Agreement review dates: calendar months, month-end clamping, reminder windows. Expected
values worked out by hand on a wall calendar."""

from datetime import date

import pytest

from deadlines import agreement_reviews as ar
from deadlines.errors import DeadlineError


@pytest.mark.parametrize(
    ("start", "months", "due", "clamped"),
    [
        (date(2026, 1, 15), 12, date(2027, 1, 15), False),
        (date(2026, 1, 31), 1, date(2026, 2, 28), True),
        (date(2028, 1, 31), 1, date(2028, 2, 29), True),  # leap year
        (date(2028, 2, 29), 12, date(2029, 2, 28), True),
        (date(2026, 8, 31), 6, date(2027, 2, 28), True),
        (date(2026, 11, 30), 3, date(2027, 2, 28), True),
        (date(2026, 12, 1), 1, date(2027, 1, 1), False),
        (date(2026, 3, 31), 24, date(2028, 3, 31), False),
        (date(2026, 5, 31), 60, date(2031, 5, 31), False),
    ],
)
def test_review_due(start, months, due, clamped):
    review = ar.review_due(start, months)
    assert review.due == due
    assert any("last day" in line for line in review.explanation) is clamped
    assert review.explanation[-1].endswith(
        f"Review due ({months} month{'s' if months > 1 else ''} later)"
    )


@pytest.mark.parametrize("months", [0, -1, 61])
def test_review_period_out_of_range(months):
    with pytest.raises(DeadlineError, match="between 1 and 60"):
        ar.review_due(date(2026, 1, 1), months)


@pytest.mark.parametrize(
    ("today", "due", "days", "state"),
    [
        (date(2026, 5, 1), date(2026, 6, 1), 30, ar.NOT_DUE),  # 31 days ahead
        (date(2026, 5, 2), date(2026, 6, 1), 30, ar.DUE_SOON),  # exactly 30 days ahead
        (date(2026, 5, 31), date(2026, 6, 1), 30, ar.DUE_SOON),
        (date(2026, 6, 1), date(2026, 6, 1), 30, ar.DUE_TODAY),
        (date(2026, 6, 2), date(2026, 6, 1), 30, ar.OVERDUE),
        (date(2026, 5, 31), date(2026, 6, 1), 0, ar.NOT_DUE),
        (date(2026, 5, 31), None, 30, ar.NOT_DUE),
    ],
)
def test_review_state(today, due, days, state):
    assert ar.review_state(today, due, days) == state


def test_reminder_dates():
    assert ar.reminder_from(date(2026, 3, 1), 30) == date(2026, 1, 30)
    assert ar.reminder_horizon(date(2026, 1, 30), 30) == date(2026, 3, 1)
    with pytest.raises(DeadlineError):
        ar.reminder_from(date(2026, 3, 1), -1)


@pytest.mark.parametrize(
    ("today", "end", "ended"),
    [
        (date(2026, 6, 30), date(2026, 6, 30), False),  # the end date is its last day in force
        (date(2026, 7, 1), date(2026, 6, 30), True),
        (date(2026, 7, 1), None, False),
    ],
)
def test_has_ended(today, end, ended):
    assert ar.has_ended(today, end) is ended
