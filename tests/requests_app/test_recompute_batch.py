"""The bank-holiday recompute in batches: one history row and one timeline event per moved case,
the same number of queries for 3 cases as for 30, and cases sharing their clock inputs dated
once but each recorded.

The story: the council is in England; FOI requests received on Mon 7 September 2026 are due
Mon 5 October (20 working days; no UK bank holiday in between), those received on Tue 8 September
on Tue 6 October. Then a holiday is added on Mon 21 September: they are due a day later.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deadlines import services as deadline_services
from deadlines.calendar import Holiday
from deadlines.models import BankHoliday
from deadlines.signals import ADDED, HolidayChange
from requests_app import recompute, services
from requests_app.models import Case, Channel, Event, Regime, Status

LONDON = ZoneInfo("Europe/London")
E_W = "england-and-wales"
ADDED_DAY = dt.date(2026, 9, 21)


@pytest.fixture(autouse=True)
def council(settings):
    settings.COUNCIL_NATION = E_W
    settings.ACKNOWLEDGEMENT_WORKING_DAYS = 2
    settings.INTERNAL_DUE_WORKING_DAYS_BEFORE = 10
    deadline_services.calendar_cache_clear()
    yield
    deadline_services.calendar_cache_clear()


def log(cast, day, *, title):
    return services.case_log(
        user=cast.ig_officer,
        requester={"name": "Jo Bloggs", "email": "jo@example.org"},
        channel=Channel.EMAIL,
        received_at=dt.datetime(2026, 9, day, 9, 0, tzinfo=LONDON),
        title=title,
        request_text="How many pothole compensation claims were made?",
        regime=Regime.FOI,
    )


def holiday_added():
    BankHoliday.objects.create(date=ADDED_DAY, nation=E_W, title="Royal wedding")
    deadline_services.calendar_cache_clear()
    return recompute.open_cases_recompute(
        [HolidayChange(ADDED, Holiday(ADDED_DAY, E_W, "Royal wedding", "admin"))]
    )


def cases_logged(cast, count):
    with time_machine.travel(dt.datetime(2026, 9, 7, 10, 0, tzinfo=LONDON), tick=False):
        assert not BankHoliday.objects.filter(date=ADDED_DAY).exists()
        return [log(cast, 7, title=f"Pothole claims {n}") for n in range(count)]


def test_each_moved_case_gets_its_own_history_row_and_event(cast):
    first, second = cases_logged(cast, 2)
    with time_machine.travel(dt.datetime(2026, 9, 8, 10, 0, tzinfo=LONDON), tick=False):
        late = log(cast, 8, title="Received on the 8th")
    assert {Case.objects.get(pk=c.pk).statutory_due for c in (first, second)} == {
        dt.date(2026, 10, 5)
    }
    assert Case.objects.get(pk=late.pk).statutory_due == dt.date(2026, 10, 6)
    history_before = {c.pk: Case.history.filter(id=c.pk).count() for c in (first, second, late)}

    with time_machine.travel(dt.datetime(2026, 9, 9, 10, 0, tzinfo=LONDON), tick=False):
        assert holiday_added() == 3

    expected = {first.pk: dt.date(2026, 10, 6), second.pk: dt.date(2026, 10, 6)}
    expected[late.pk] = dt.date(2026, 10, 7)
    for case_id, due in expected.items():
        case = Case.objects.get(pk=case_id)
        assert case.statutory_due == due
        # Internal target: 10 working days before the statutory date (21 September skipped).
        assert (
            case.internal_due
            == {
                dt.date(2026, 10, 6): dt.date(2026, 9, 22),
                dt.date(2026, 10, 7): dt.date(2026, 9, 23),
            }[due]
        )
        rows = Case.history.filter(id=case_id).order_by("-history_id")
        assert rows.count() == history_before[case_id] + 1
        row = rows.first()
        # The row is the case as saved: its dates and every other column.
        assert (row.statutory_due, row.internal_due, row.title, row.version) == (
            case.statutory_due,
            case.internal_due,
            case.title,
            case.version,
        )
        assert row.history_type == "~"
        old = "2026-10-05" if due == dt.date(2026, 10, 6) else "2026-10-06"
        assert row.history_change_reason == (
            f"Bank holidays changed: statutory due {old} -> {due.isoformat()}"
        )
        events = Event.objects.filter(case_id=case_id, kind="deadline_moved")
        assert events.count() == 1
        message = events.get().message
        assert "Royal wedding on Mon 2026-09-21" in message
        # Each case's own move: the sentences differ by received day.
        new_label = {dt.date(2026, 10, 6): "Tue 2026-10-06", dt.date(2026, 10, 7): "Wed 2026-10-07"}
        assert new_label[due] in message
        assert ("Wed 2026-10-07" in message) == (due == dt.date(2026, 10, 7))


def test_the_recompute_costs_the_same_queries_for_3_cases_as_for_30(cast):
    def queries_for(count):
        cases = cases_logged(cast, count)
        with time_machine.travel(dt.datetime(2026, 9, 9, 10, 0, tzinfo=LONDON), tick=False):
            with CaptureQueriesContext(connection) as queries:
                assert holiday_added() == count
        moved = Case.objects.filter(
            pk__in=[c.pk for c in cases], statutory_due=dt.date(2026, 10, 6)
        )
        assert moved.count() == count
        BankHoliday.objects.filter(date=ADDED_DAY).delete()
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(status=Status.CLOSED)
        deadline_services.calendar_cache_clear()
        return len(queries)

    assert queries_for(3) == queries_for(30)


def test_a_second_run_moves_nothing_and_writes_no_history(cast):
    (case,) = cases_logged(cast, 1)
    with time_machine.travel(dt.datetime(2026, 9, 9, 10, 0, tzinfo=LONDON), tick=False):
        assert holiday_added() == 1
        rows = Case.history.filter(id=case.pk).count()
        assert recompute.open_cases_recompute() == 0
    assert Case.history.filter(id=case.pk).count() == rows
    assert Event.objects.filter(case_id=case.pk, kind="deadline_moved").count() == 1
