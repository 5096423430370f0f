"""A case due today is not late: it is due soon until the day ends, and overdue from tomorrow."""

import datetime as dt

import time_machine
from django.utils import timezone

from reports import dashboard
from reports.periods import Period
from tests.requests_app.builders import logged


def tiles_on(day: dt.date):
    with time_machine.travel(dt.datetime.combine(day, dt.time(16, 0), tzinfo=dt.UTC), tick=False):
        data = dashboard.build(period=Period.containing("week", day, day), links=False)
    return {tile.key: tile.cell.value for tile in data.headline + data.now}


def test_an_open_case_due_today_is_counted_late_only_from_tomorrow(
    cast, org, source, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = logged(cast, days_ago=10)
    due = case.statutory_due
    assert due is not None and due > timezone.localdate()
    on_the_day = tiles_on(due)
    assert on_the_day["overdue_now"] == 0
    assert on_the_day["due_soon"] == 1
    day_after = tiles_on(due + dt.timedelta(days=1))
    assert day_after["overdue_now"] == 1
