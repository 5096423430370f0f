"""deadlines.retention: disposal dates and their inverse, worked out by hand."""

from datetime import date

import pytest

from deadlines.errors import DeadlineError
from deadlines.retention import disposal_due, latest_trigger, period_label


@pytest.mark.parametrize(
    ("trigger", "months", "due"),
    [
        (date(2023, 3, 10), 36, date(2026, 3, 10)),  # FOI: closure + 3 years
        (date(2025, 1, 10), 12, date(2026, 1, 10)),  # SAR: closure + 1 year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day: the month's last day
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # four years on there is a 29th
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2020, 7, 15), 72, date(2026, 7, 15)),  # six years
    ],
)
def test_disposal_date(trigger, months, due):
    assert disposal_due(trigger, months).due == due


@pytest.mark.parametrize(
    ("today", "months", "latest"),
    [
        (date(2026, 3, 10), 36, date(2023, 3, 10)),
        (date(2026, 3, 9), 36, date(2023, 3, 9)),
        # On 28 February the 29th, 30th and 31st of January are due as well (clamped).
        (date(2026, 2, 28), 1, date(2026, 1, 31)),
        (date(2026, 2, 27), 1, date(2026, 1, 27)),
        (date(2025, 2, 28), 12, date(2024, 2, 29)),
        (date(2026, 3, 1), 1, date(2026, 2, 1)),
    ],
)
def test_latest_trigger_is_the_inverse(today, months, latest):
    assert latest_trigger(today, months) == latest
    assert disposal_due(latest, months).due <= today
    assert disposal_due(date.fromordinal(latest.toordinal() + 1), months).due > today


def test_explanation_names_the_trigger_and_the_date():
    lines = disposal_due(date(2024, 2, 29), 12, trigger_label="Closure").explanation
    assert lines == [
        "Kept for 1 year after the trigger, in calendar months.",
        "Thu 2024-02-29  Closure",
        "That month has no such day, so the month's last day is used.",
        "Fri 2025-02-28  Due for disposal",
    ]


@pytest.mark.parametrize(
    ("months", "label"),
    [(12, "1 year"), (36, "3 years"), (18, "1 year and 6 months"), (5, "5 months")],
)
def test_period_label(months, label):
    assert period_label(months) == label


@pytest.mark.parametrize("months", [0, -1, 1201])
def test_a_period_out_of_range_is_refused(months):
    with pytest.raises(DeadlineError):
        disposal_due(date(2025, 1, 1), months)
