"""The summaries equal a fresh count of the cases after every kind of change to a case."""

import datetime as dt

import pytest
from django.utils import timezone

from deadlines import services as deadline_services
from reports import summaries, volume
from reports.models import DAY, ReportCount
from requests_app import recompute, services
from requests_app.models import Case, Event, Outcome, Status
from requests_app.transitions import CASES
from tests.requests_app.builders import case_in, logged, qualified_exemption


@pytest.fixture
def step(django_capture_on_commit_callbacks):
    """Run one change with its after-commit work, then compare the summaries with the cases."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            result = change()
        assert summaries.differences() == []
        return result

    return run


def test_the_listener_is_registered():
    assert summaries.case_changed in CASES.after_commit


def test_a_wrong_summary_is_found(cast, step):
    """The comparison the other tests rely on can fail."""
    step(lambda: logged(cast))
    row = ReportCount.objects.filter(kind="received", scope="all").first()
    row.n += 1
    row.save()
    assert summaries.differences() != []


@pytest.mark.parametrize(
    "status",
    [
        Status.RECEIVED,
        Status.AWAITING_CLARIFICATION,
        Status.LAPSED,
        Status.AWAITING_ID,
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.WITHDRAWN,
        Status.AWAITING_AUTHORISATION,
        Status.AUTHORISED,
        Status.RESPONDED,
        Status.CLOSED,
    ],
)
def test_every_state_a_case_reaches(cast, org, step, status):
    case = step(lambda: case_in(status, cast, org))
    assert ReportCount.objects.filter(kind="received").exists()
    assert summaries.facts_for([case.pk])[case.pk]["received"]


def test_an_exemption_a_late_answer_a_review_and_a_reopening(cast, org, step):
    case = step(lambda: logged(cast, days_ago=40))
    pk = case.pk
    step(
        lambda: services.case_assign(
            case_id=pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk, org.area_c.pk]
        )
    )
    exemption = qualified_exemption()
    step(
        lambda: services.case_propose_exemption(
            case_id=pk,
            user=cast.ig_manager,
            exemption_id=exemption.pk,
            public_interest_test="The balance favours withholding the prices.",
        )
    )
    step(
        lambda: services.case_submit_draft(
            case_id=pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="Some."
        )
    )
    step(
        lambda: services.case_decide(
            case_id=pk,
            user=cast.ig_manager,
            outcome=Outcome.PART,
            reasons="Some withheld.",
            response_text="Here is part.",
        )
    )
    step(lambda: services.case_send_for_authorisation(case_id=pk, user=cast.ig_officer))
    step(lambda: services.case_authorise(case_id=pk, user=cast.director))
    step(lambda: services.case_send_response(case_id=pk, user=cast.ig_officer))
    facts = summaries.facts_for([pk])[pk]
    assert facts["exemptions"] == [exemption.pk]
    late = ReportCount.objects.filter(kind="answered", flag="late", scope="all", span=DAY)
    assert sum(late.values_list("n", flat=True)) == 1  # received 40 days ago: late
    assert ReportCount.objects.filter(kind="missed", ref=org.area_c.pk).exists()
    assert ReportCount.objects.filter(kind="exemption", ref=exemption.pk).exists()
    step(
        lambda: services.case_open_review(
            case_id=pk, user=cast.ig_officer, received_at=timezone.now(), grounds="Unhappy."
        )
    )
    assert ReportCount.objects.filter(kind="now", review=True).exists()
    step(lambda: services.case_close(case_id=pk, user=cast.ig_officer))
    step(lambda: services.case_reopen(case_id=pk, user=cast.ig_manager, reason="Wrong file."))


def test_a_case_deleted_leaves_the_summaries(cast, step):
    case = step(lambda: logged(cast))
    Case.objects.filter(pk=case.pk).delete()
    summaries.refresh([case.pk])
    assert summaries.differences() == []
    assert not ReportCount.objects.exclude(n=0).exists()


def test_volume_data_and_its_removal(cast, org):
    volume.seed(60, seed=5)
    assert summaries.differences() == []
    volume.clear()
    assert summaries.differences() == []


def test_rebuild_gives_what_the_listeners_kept(cast, org, step):
    for status in (Status.ASSIGNED, Status.RESPONDED, Status.WITHDRAWN):
        step(lambda status=status: case_in(status, cast, org))
    kept = set(ReportCount.objects.exclude(n=0).values_list("kind", "day", "scope", "n"))
    summaries.rebuild()
    assert set(ReportCount.objects.exclude(n=0).values_list("kind", "day", "scope", "n")) == kept


def test_a_holiday_added_moves_only_the_cases_it_can_and_the_summaries_follow(cast, org, step):
    deadline_services.calendar_cache_clear()
    cases = [step(lambda days=days: logged(cast, days_ago=days)) for days in (1, 3, 5)]
    finished = step(lambda: case_in(Status.CLOSED, cast, org))
    due = {case.pk: Case.objects.get(pk=case.pk).statutory_due for case in cases}
    # The next working day: inside every open case's clock (received before, due after).
    calendar = deadline_services.current_calendar()
    day = timezone.localdate() + dt.timedelta(days=1)
    while day.weekday() >= 5 or calendar.holidays_on(day, "england-and-wales"):
        day += dt.timedelta(days=1)
    assert day < min(due.values())
    history_before = Case.history.filter(id=finished.pk).count()

    step(
        lambda: deadline_services.bank_holiday_add(
            day=day, nations=["england-and-wales"], title="Jubilee", source_detail="", by="test"
        )
    )
    deadline_services.calendar_cache_clear()
    for case in cases:
        case.refresh_from_db()
        assert case.statutory_due > due[case.pk]
        event = Event.objects.get(case=case, kind="deadline_moved")
        assert "Jubilee" in event.message
        assert case.history.first().statutory_due == case.statutory_due
    assert Case.history.filter(id=finished.pk).count() == history_before
    # Nothing left to move: a second run changes nothing.
    assert recompute.open_cases_recompute() == 0


def test_the_window_leaves_out_cases_a_change_cannot_move(cast, step):
    case = step(lambda: logged(cast, days_ago=2))
    due = Case.objects.get(pk=case.pk).statutory_due

    class Change:
        class holiday:  # noqa: N801 - the shape of deadlines.signals.HolidayChange
            date = due + dt.timedelta(days=1)

    assert not Case.objects.filter(recompute.affected([Change])).filter(pk=case.pk).exists()
    Change.holiday.date = due
    assert Case.objects.filter(recompute.affected([Change])).filter(pk=case.pk).exists()
