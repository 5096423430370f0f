"""A holiday change re-evaluates closed cases whose on-time status depended on it, and the
case's history says why; open cases are recomputed as before.

The story: an administrator has rejected the holidays package's Mon 15 June 2026 (Scotland), so
cases received on Mon 1 June are due Mon 29 June (20 working days). One is answered on Tue 30
June: late. The administrator then accepts the day: FOI working days skip it (a bank holiday in
any part of the UK, FOIA s10(6)), the due date is Tue 30 June, and that answer was in time.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from deadlines import services as deadline_services
from deadlines.calendar import Holiday
from deadlines.models import HolidayDisagreement
from deadlines.signals import HolidayChange
from reports.measures import IN_TIME
from requests_app import recompute, services
from requests_app.models import Case, Channel, Event, Outcome, Regime

LONDON = ZoneInfo("Europe/London")
E_W, SCO = "england-and-wales", "scotland"
WORLD_CUP = dt.date(2026, 6, 15)


def at(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def council(settings, tmp_path):
    settings.COUNCIL_NATION = E_W
    settings.ACKNOWLEDGEMENT_WORKING_DAYS = 2
    settings.INTERNAL_DUE_WORKING_DAYS_BEFORE = 10
    settings.MEDIA_ROOT = tmp_path / "media"
    deadline_services.calendar_cache_clear()
    yield
    deadline_services.calendar_cache_clear()


def offline():
    raise OSError("no network in tests")


def log(cast, received_at, *, regime=Regime.FOI, title="Pothole claims"):
    return services.case_log(
        user=cast.ig_officer,
        requester={"name": "Jo Bloggs", "email": "jo@example.org"},
        channel=Channel.EMAIL,
        received_at=received_at,
        title=title,
        request_text="How many pothole compensation claims were made?",
        regime=regime,
    )


def answer_and_close(cast, org, case):
    services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk])
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="None held."
    )
    services.case_decide(
        case_id=case.pk,
        user=cast.ig_manager,
        outcome=Outcome.NOT_HELD,
        reasons="",
        response_text="We do not hold this information.",
    )
    services.case_release_without_director(case_id=case.pk, user=cast.ig_manager)
    services.case_close(case_id=case.pk, user=cast.ig_officer)


def fresh(case):
    return Case.objects.get(pk=case.pk)


def decide(decision, capture):
    row = HolidayDisagreement.objects.get(date=WORLD_CUP, nation=SCO)
    with capture(execute=True):
        deadline_services.holiday_disagreement_decide(
            disagreement_id=row.pk, decision=decision, by="administrator"
        )


def in_time(*cases):
    return set(
        Case.objects.filter(IN_TIME, pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
    )


def test_accepting_a_holiday_re_evaluates_a_closed_case_answered_on_the_day_it_moves(
    cast, org, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(2026, 6, 1, 10, 0), tick=False) as traveller:
        deadline_services.bank_holidays_sync(fetcher=offline)
        decide("rejected", django_capture_on_commit_callbacks)
        answered_30th = log(cast, at(2026, 6, 1, 9, 0), title="Answered on 30 June")
        answered_29th = log(cast, at(2026, 6, 1, 9, 0), title="Answered on 29 June")
        answered_early = log(cast, at(2026, 6, 1, 9, 0), title="Answered on 5 June")
        still_open = log(cast, at(2026, 6, 1, 9, 0), title="Still open")
        cases = (answered_30th, answered_29th, answered_early, still_open)
        assert {fresh(c).statutory_due for c in cases} == {dt.date(2026, 6, 29)}

        traveller.move_to(at(2026, 6, 5, 11, 0))
        answer_and_close(cast, org, answered_early)
        traveller.move_to(at(2026, 6, 29, 15, 0))
        answer_and_close(cast, org, answered_29th)
        traveller.move_to(at(2026, 6, 30, 11, 0))
        answer_and_close(cast, org, answered_30th)
        assert in_time(*cases) == {answered_29th.pk, answered_early.pk}

        history_before = fresh(answered_30th).history.count()
        events_before = Event.objects.count()
        decide("accepted", django_capture_on_commit_callbacks)

    # The late answer now counts as in time; the others' dates are those they were answered
    # against, since their status does not depend on the day.
    assert fresh(answered_30th).statutory_due == dt.date(2026, 6, 30)
    assert fresh(answered_29th).statutory_due == dt.date(2026, 6, 29)
    assert fresh(answered_early).statutory_due == dt.date(2026, 6, 29)
    assert fresh(still_open).statutory_due == dt.date(2026, 6, 30)
    assert in_time(*cases) == {answered_30th.pk, answered_29th.pk, answered_early.pk}

    # Its history records the change, with a reason; its timeline says which day and why.
    latest = fresh(answered_30th).history.order_by("-history_id").first()
    assert fresh(answered_30th).history.count() == history_before + 1
    assert (latest.statutory_due, latest.history_change_reason) == (
        dt.date(2026, 6, 30),
        "Bank holidays changed: statutory due 2026-06-29 -> 2026-06-30; answered in time",
    )
    reassessed = Event.objects.filter(kind="deadline_reassessed")
    assert [(e.case_id, e.message) for e in reassessed] == [
        (
            answered_30th.pk,
            "Deadline moved from Mon 2026-06-29 to Tue 2026-06-30 because Scotland's "
            "participation in the FIFA World Cup final on Mon 2026-06-15 (Scotland) was added. "
            "The case was answered on Tue 2026-06-30, so it now counts as answered in time in "
            "the statistics (it counted as late).",
        )
    ]
    moved = Event.objects.filter(kind="deadline_moved")
    assert [e.case_id for e in moved] == [still_open.pk]
    assert Event.objects.count() == events_before + 2

    # Running it again (the worker retrying) changes nothing.
    again = [HolidayChange("added", Holiday(WORLD_CUP, SCO, "World Cup", "holidays"))]
    assert recompute.closed_cases_reassess(again) == 0
    assert fresh(answered_30th).history.count() == history_before + 1


def test_rejecting_the_holiday_makes_the_same_answer_late_again(
    cast, org, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(2026, 6, 1, 10, 0), tick=False) as traveller:
        deadline_services.bank_holidays_sync(fetcher=offline)
        case = log(cast, at(2026, 6, 1, 9, 0))
        assert fresh(case).statutory_due == dt.date(2026, 6, 30)  # 15 June counted as a holiday
        traveller.move_to(at(2026, 6, 30, 11, 0))
        answer_and_close(cast, org, case)
        decide("rejected", django_capture_on_commit_callbacks)
    assert fresh(case).statutory_due == dt.date(2026, 6, 29)
    assert in_time(case) == set()
    (event,) = Event.objects.filter(kind="deadline_reassessed")
    assert "was removed" in event.message and "now counts as answered late" in event.message


def test_the_history_page_shows_why_and_refuses_outsiders(
    client, cast, org, django_capture_on_commit_callbacks
):
    with time_machine.travel(at(2026, 6, 1, 10, 0), tick=False) as traveller:
        deadline_services.bank_holidays_sync(fetcher=offline)
        case = log(cast, at(2026, 6, 1, 9, 0))
        traveller.move_to(at(2026, 6, 30, 11, 0))
        answer_and_close(cast, org, case)
        decide("rejected", django_capture_on_commit_callbacks)
    url = reverse("requests:case_history", args=[case.pk])
    client.force_login(cast.ig_manager)
    page = client.get(url)
    assert page.status_code == 200
    assert (
        "Why: Bank holidays changed: statutory due 2026-06-30 -&gt; 2026-06-29; answered late"
        in page.content.decode()
    )
    client.force_login(cast.outsider)
    assert client.get(url).status_code in (403, 404)


def test_a_scottish_councils_sar_moves_across_15_june_and_an_english_one_does_not(cast, settings):
    # Fri 15 May 2026 + one calendar month = Mon 15 June, a bank holiday in Scotland only.
    with time_machine.travel(at(2026, 5, 18), tick=False):
        settings.COUNCIL_NATION = SCO
        scottish = log(cast, at(2026, 5, 15, 9, 0), regime=Regime.SAR)
        settings.COUNCIL_NATION = E_W
        english = log(cast, at(2026, 5, 15, 9, 0), regime=Regime.SAR)
    assert fresh(scottish).statutory_due == dt.date(2026, 6, 16)
    assert fresh(english).statutory_due == dt.date(2026, 6, 15)


def test_an_foi_deadline_counted_across_15_june_moves_whatever_the_councils_nation(cast, settings):
    # FOIA s10(6): a bank holiday in any part of the UK is not a working day, so the English
    # council's FOI clock skips Scotland's 15 June too (SPEC-statutory decision 1).
    dues = {}
    with time_machine.travel(at(2026, 6, 2), tick=False):
        for nation in (SCO, E_W):
            settings.COUNCIL_NATION = nation
            dues[nation] = fresh(log(cast, at(2026, 6, 1, 9, 0))).statutory_due
    assert dues == {SCO: dt.date(2026, 6, 30), E_W: dt.date(2026, 6, 30)}
