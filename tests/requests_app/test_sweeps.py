"""Each request sweep, with frozen time and every date written out.

The sweeps are run the way the worker runs them (`escalations.run`), on chosen days. Dates are
FOI working days: weekends and every UK bank holiday skipped (Tuesday 17 March 2026 is St
Patrick's Day, a holiday in Northern Ireland, so it is not a working day).

The standard case: an FOI request received on Monday 16 February 2026
  - statutory date Monday 16 March 2026 (20 working days),
  - internal target Monday 2 March 2026 (10 working days before),
  - to be acknowledged by Wednesday 18 February 2026 (2 working days).
Default thresholds: reminder 2 working days before the internal date, IG alert 5 before the
statutory date, director 2 before, authorisation waiting more than 3.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from deadlines import services as deadline_services
from organisation.models import Escalation, Notification, Role
from requests_app import ownership, services, sweeps
from requests_app.models import Case, Channel, Event, Regime, Status
from tests.factories import UserFactory
from workflow import escalations

LONDON = ZoneInfo("Europe/London")
RECEIVED = dt.date(2026, 2, 16)  # Monday
STATUTORY = dt.date(2026, 3, 16)  # Monday
INTERNAL = dt.date(2026, 3, 2)  # Monday
ACKNOWLEDGE_BY = dt.date(2026, 2, 18)  # Wednesday


def at(day: dt.date, hour: int = 8) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def thresholds(settings):
    """The settings the written-out dates assume."""
    settings.COUNCIL_NATION = "england-and-wales"
    settings.ACKNOWLEDGEMENT_WORKING_DAYS = 2
    settings.INTERNAL_DUE_WORKING_DAYS_BEFORE = 10
    settings.REMINDER_WORKING_DAYS_BEFORE_INTERNAL_DUE = 2
    settings.IG_ALERT_WORKING_DAYS_BEFORE_DUE = 5
    settings.DIRECTOR_ESCALATION_WORKING_DAYS_BEFORE_DUE = 2
    settings.AUTHORISATION_WAIT_WORKING_DAYS = 3
    settings.ESCALATION_IG_RECIPIENTS = "creator"
    settings.SITE_URL = "https://ig.council.example"
    deadline_services.calendar_cache_clear()
    yield
    deadline_services.calendar_cache_clear()


@pytest.fixture
def clock():
    with time_machine.travel(at(RECEIVED, 10), tick=False) as traveller:
        yield traveller


def log(cast, received: dt.date = RECEIVED, *, regime=Regime.FOI, title="Pothole claims", **flags):
    return services.case_log(
        user=cast.ig_officer,
        requester={"name": "Jo Bloggs", "email": "jo@example.org"},
        channel=Channel.EMAIL,
        received_at=at(received, 10),
        title=title,
        request_text="How many pothole compensation claims were made?",
        regime=regime,
        flags=[flag for flag, on in flags.items() if on],
    )


def assigned(cast, org, received: dt.date = RECEIVED, areas=("area_a",), **kwargs):
    case = log(cast, received, **kwargs)
    area_ids = [getattr(org, area).pk for area in areas]
    return services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=area_ids)


def run_on(clock, day: dt.date, sweep, hour: int = 8):
    clock.move_to(at(day, hour))
    return escalations.run(sweep)


def told(kind=None, level=None) -> list[tuple[str, str]]:
    """(username, case reference) for every notification, in a stable order."""
    rows = Notification.objects.select_related("recipient", "escalation")
    if kind:
        rows = rows.filter(kind=kind)
    if level:
        rows = rows.filter(escalation__level=level)
    result = []
    for row in rows:
        target = row.escalation.target
        case = getattr(target, "case", target)
        result.append((row.recipient.username, getattr(case, "reference", str(case))))
    return sorted(result)


def test_the_standard_case_has_the_dates_these_tests_assume(cast, org, clock):
    case = assigned(cast, org)
    assert (case.statutory_due, case.internal_due, case.acknowledge_by) == (
        STATUTORY,
        INTERNAL,
        ACKNOWLEDGE_BY,
    )
    assert case.assignments.get().internal_due == INTERNAL


# --- 1. service-area officers before their internal date -----------------------------------


def test_reminder_goes_to_the_assigned_areas_officers_two_working_days_before(cast, org, clock):
    case = assigned(cast, org)
    clock.move_to(at(RECEIVED))
    # Thursday 26 February: 2 working days before Monday 2 March is the first day in range.
    assert run_on(clock, dt.date(2026, 2, 25), sweeps.INTERNAL_DUE_REMINDERS).created == 0
    result = run_on(clock, dt.date(2026, 2, 26), sweeps.INTERNAL_DUE_REMINDERS)
    assert result.created == 1
    assert told() == [("officer_a", case.reference)]
    note = Notification.objects.get()
    assert note.subject == (
        f"Reminder: {case.reference}: Pothole claims – the answer from Planning is due to IG by "
        "Monday 2 March 2026"
    )
    assert (
        "The answer from Planning to IG on this request is due in 2 working days, on Monday "
        "2 March 2026." in note.body_text
    )
    assert note.body_text.count("2 March 2026") == 2  # the sentence and the facts, no more
    assert note.reason == "You are an officer of Planning, which owes IG its part of the answer."
    assert note.link_url == f"/requests/{case.pk}/"
    assert note.email_to == cast.officer_a.email
    escalation = Escalation.objects.get()
    assert (escalation.kind, escalation.level, escalation.window_key) == (
        "internal_due_reminder",
        1,
        "2026-03-02",
    )


def test_reminder_is_sent_once_however_often_the_sweep_runs(cast, org, clock):
    assigned(cast, org)
    first = run_on(clock, dt.date(2026, 2, 26), sweeps.INTERNAL_DUE_REMINDERS)
    again = run_on(clock, dt.date(2026, 2, 26), sweeps.INTERNAL_DUE_REMINDERS, hour=9)
    next_day = run_on(clock, dt.date(2026, 2, 27), sweeps.INTERNAL_DUE_REMINDERS)
    assert (first.created, again.created, next_day.created) == (1, 0, 0)
    assert (again.already, next_day.already) == (1, 1)
    assert Notification.objects.count() == 1


def test_reminder_missed_while_the_worker_was_down_is_caught_up(cast, org, clock):
    case = assigned(cast, org)
    run_on(clock, dt.date(2026, 2, 25), sweeps.INTERNAL_DUE_REMINDERS)  # too early
    # The worker is down from Thursday 26 February to Tuesday 3 March: the internal date has
    # passed, the area still has not answered, so the reminder is still relevant.
    assert run_on(clock, dt.date(2026, 3, 3), sweeps.INTERNAL_DUE_REMINDERS).created == 1
    note = Notification.objects.get()
    assert note.subject.startswith(f"Overdue: {case.reference}")
    # A sentence, naming the date once (not "due to IG overdue since … (1 working day) (…)").
    assert (
        "The answer from Planning to IG on this request was due on Monday 2 March 2026 and is "
        "1 working day overdue." in note.body_text
    )


def test_no_reminder_once_the_area_has_submitted_or_the_case_is_withdrawn(cast, org, clock):
    submitted = assigned(cast, org)
    services.case_submit_draft(
        case_id=submitted.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="312."
    )
    withdrawn = assigned(cast, org)
    services.case_withdraw(case_id=withdrawn.pk, user=cast.ig_officer, reason="No longer needed.")
    assert run_on(clock, dt.date(2026, 2, 27), sweeps.INTERNAL_DUE_REMINDERS).created == 0


def test_a_moved_internal_date_is_a_new_reminder(cast, org, clock):
    case = assigned(cast, org)
    run_on(clock, dt.date(2026, 2, 26), sweeps.INTERNAL_DUE_REMINDERS)
    # Recomputed after (say) a clarification: the internal target moves to Monday 9 March.
    Case.objects.filter(pk=case.pk).update(internal_due=dt.date(2026, 3, 9))
    case.assignments.update(internal_due=dt.date(2026, 3, 9))
    assert run_on(clock, dt.date(2026, 3, 4), sweeps.INTERNAL_DUE_REMINDERS).created == 0
    assert run_on(clock, dt.date(2026, 3, 5), sweeps.INTERNAL_DUE_REMINDERS).created == 1
    assert sorted(Escalation.objects.values_list("window_key", flat=True)) == [
        "2026-03-02",
        "2026-03-09",
    ]


def test_each_assigned_area_has_its_own_reminder_for_its_own_officers(cast, org, clock):
    colleague = UserFactory(username="officer_a2", role=Role.SERVICE_OFFICER, areas=[org.area_a])
    case = assigned(cast, org, areas=("area_a", "area_b"))
    run_on(clock, dt.date(2026, 2, 26), sweeps.INTERNAL_DUE_REMINDERS)
    assert told() == [
        ("officer_a", case.reference),
        ("officer_a2", case.reference),
        ("officer_b", case.reference),
    ]
    assert colleague.notifications.count() == 1


# --- 2. the IG officer when the statutory date nears ---------------------------------------


def test_ig_alert_five_working_days_before_the_statutory_date(cast, org, clock):
    case = assigned(cast, org)
    # Friday 6 March: five working days ahead is Friday 13 March, before the date.
    assert run_on(clock, dt.date(2026, 3, 6), sweeps.IG_ALERTS).created == 0
    # Monday 9 March: five working days ahead is Monday 16 March.
    assert run_on(clock, dt.date(2026, 3, 9), sweeps.IG_ALERTS).created == 1
    assert told("statutory_due", 1) == [("ig_officer", case.reference)]
    note = Notification.objects.get()
    assert note.reason == "You logged this request."
    assert note.subject == f"Due in 5 working days: {case.reference}: Pothole claims"


def test_ig_alert_goes_to_the_case_owner_by_default(cast, org, clock, settings):
    # The default: the IG owner, whoever logged the case. Reallocated to a second officer,
    # the alert goes to them alone; a deactivated owner falls back to the officer who logged it.
    settings.ESCALATION_IG_RECIPIENTS = "owner"
    second = UserFactory(username="ig_officer2", role=Role.IG_OFFICER)
    case = assigned(cast, org)
    ownership.case_reallocate(
        case_id=case.pk, user=cast.ig_manager, owner_id=second.pk, reason="Leave cover"
    )
    run_on(clock, dt.date(2026, 3, 9), sweeps.IG_ALERTS)
    assert told() == [("ig_officer2", case.reference)]
    assert second.notifications.get().reason == "You own this request in IG."
    Notification.objects.all().delete()
    Escalation.objects.all().delete()
    second.is_active = False
    second.save()
    run_on(clock, dt.date(2026, 3, 9), sweeps.IG_ALERTS)
    assert told() == [("ig_officer", case.reference)]


def test_ig_alert_goes_to_every_ig_officer_when_so_configured(cast, org, clock, settings):
    settings.ESCALATION_IG_RECIPIENTS = "all"
    second = UserFactory(username="ig_officer2", role=Role.IG_OFFICER)
    case = assigned(cast, org)
    run_on(clock, dt.date(2026, 3, 9), sweeps.IG_ALERTS)
    assert told() == [("ig_officer", case.reference), ("ig_officer2", case.reference)]
    assert second.notifications.get().reason == (
        "You are an IG officer: these alerts go to every IG officer."
    )


def test_a_public_form_request_alerts_every_ig_officer(cast, org, clock):
    case = services.case_submit_public(
        name="Jo Bloggs",
        email="jo@example.org",
        address="",
        regime=Regime.FOI,
        title="Parking fines",
        request_text="How many?",
    )
    assert case.created_by is None
    run_on(clock, dt.date(2026, 3, 9), sweeps.IG_ALERTS)
    assert told() == [("ig_officer", case.reference)]
    assert Notification.objects.get().reason == (
        "You are an IG officer, and no current IG officer owns or logged this request."
    )


def test_no_ig_alert_once_the_case_is_with_the_director(cast, org, clock):
    case = assigned(cast, org)
    Case.objects.filter(pk=case.pk).update(status=Status.AWAITING_AUTHORISATION)
    assert run_on(clock, dt.date(2026, 3, 9), sweeps.IG_ALERTS).created == 0


def test_an_extension_moves_the_window(cast, org, clock):
    case = assigned(cast, org)
    run_on(clock, dt.date(2026, 3, 9), sweeps.IG_ALERTS)
    Case.objects.filter(pk=case.pk).update(statutory_due=dt.date(2026, 4, 16))
    assert run_on(clock, dt.date(2026, 3, 10), sweeps.IG_ALERTS).created == 0
    # Thursday 9 April: five working days ahead (Easter Monday 6 April already past) is 16 April.
    assert run_on(clock, dt.date(2026, 4, 9), sweeps.IG_ALERTS).created == 1
    assert sorted(Escalation.objects.values_list("window_key", flat=True)) == [
        "2026-03-16",
        "2026-04-16",
    ]


# --- 3. the director when the date is about to be missed -----------------------------------


def test_director_of_the_assigned_area_is_escalated_to_two_working_days_before(cast, org, clock):
    case = assigned(cast, org)  # Planning, in Place
    assert run_on(clock, dt.date(2026, 3, 11), sweeps.DIRECTOR_ESCALATIONS).created == 0
    assert run_on(clock, dt.date(2026, 3, 12), sweeps.DIRECTOR_ESCALATIONS).created == 1
    assert told() == [("director", case.reference)]
    note = Notification.objects.get()
    assert note.reason == "You are the director for Place; Planning works on this request."
    assert (
        "The response to this request is due in 2 working days, on Monday 16 March 2026."
        in note.body_text
    )


def test_a_bank_holiday_anywhere_in_the_uk_is_not_a_working_day(cast, org, clock):
    # Received Tuesday 17 February: due Wednesday 18 March. Two working days before it is
    # Friday 13 March, because Tuesday 17 March is St Patrick's Day.
    clock.move_to(at(dt.date(2026, 2, 17), 11))
    case = assigned(cast, org, dt.date(2026, 2, 17))
    assert case.statutory_due == dt.date(2026, 3, 18)
    assert run_on(clock, dt.date(2026, 3, 12), sweeps.DIRECTOR_ESCALATIONS).created == 0
    assert run_on(clock, dt.date(2026, 3, 13), sweeps.DIRECTOR_ESCALATIONS).created == 1


def test_every_directorate_working_on_the_case_is_told(cast, org, clock):
    case = assigned(cast, org, areas=("area_a", "area_b"))
    run_on(clock, dt.date(2026, 3, 12), sweeps.DIRECTOR_ESCALATIONS)
    assert told() == [("director", case.reference), ("director_other", case.reference)]


def test_without_a_directorate_the_ig_managers_are_told_instead(cast, org, clock):
    case = log(cast)
    run_on(clock, dt.date(2026, 3, 12), sweeps.DIRECTOR_ESCALATIONS)
    assert told() == [("ig_manager", case.reference)]
    assert Notification.objects.get().reason == (
        "You are an IG manager and there is no director to tell about this request."
    )


def test_director_waiting_to_authorise_is_escalated_but_not_after_authorising(cast, org, clock):
    waiting = assigned(cast, org)
    done = assigned(cast, org)
    Case.objects.filter(pk=waiting.pk).update(status=Status.AWAITING_AUTHORISATION)
    Case.objects.filter(pk=done.pk).update(status=Status.AUTHORISED)
    run_on(clock, dt.date(2026, 3, 12), sweeps.DIRECTOR_ESCALATIONS)
    assert told() == [("director", waiting.reference)]
    assert "waiting for your authorisation" in Notification.objects.get().body_text


# --- 4. the IG manager, daily, when overdue ------------------------------------------------


def test_overdue_escalation_to_ig_managers_every_day_it_is_overdue(cast, org, clock):
    case = assigned(cast, org)
    assert run_on(clock, dt.date(2026, 3, 16), sweeps.OVERDUE_ESCALATIONS).created == 0
    assert run_on(clock, dt.date(2026, 3, 17), sweeps.OVERDUE_ESCALATIONS).created == 1
    assert run_on(clock, dt.date(2026, 3, 17), sweeps.OVERDUE_ESCALATIONS, hour=15).created == 0
    assert run_on(clock, dt.date(2026, 3, 18), sweeps.OVERDUE_ESCALATIONS).created == 1
    assert told() == [("ig_manager", case.reference)] * 2
    latest = Notification.objects.order_by("-created_at").first()
    # Tuesday 17 March (St Patrick's Day) does not count: one working day late on the 18th.
    assert latest.subject == f"Overdue by 1 working day: {case.reference}: Pothole claims"
    assert (
        "The response to this request was due on Monday 16 March 2026 and is 1 working day "
        "overdue. It has not been sent." in latest.body_text
    )


def test_overdue_stops_when_the_response_is_sent(cast, org, clock):
    case = assigned(cast, org)
    run_on(clock, dt.date(2026, 3, 17), sweeps.OVERDUE_ESCALATIONS)
    Case.objects.filter(pk=case.pk).update(status=Status.RESPONDED)
    assert run_on(clock, dt.date(2026, 3, 18), sweeps.OVERDUE_ESCALATIONS).created == 0


def test_a_stopped_clock_is_never_overdue(cast, org, clock):
    case = log(cast)
    clock.move_to(at(dt.date(2026, 2, 17), 10))
    services.case_ask_clarification(
        case_id=case.pk, user=cast.ig_officer, question="Which year?", asked_on=dt.date(2026, 2, 17)
    )
    assert run_on(clock, dt.date(2026, 3, 18), sweeps.OVERDUE_ESCALATIONS).created == 0


# --- 5. acknowledgements not sent in time --------------------------------------------------


def test_unacknowledged_request_is_flagged_the_day_after_the_acknowledgement_date(cast, org, clock):
    case = log(cast)
    acknowledged = log(cast)
    clock.move_to(at(dt.date(2026, 2, 17), 10))
    services.case_acknowledge(case_id=acknowledged.pk, user=cast.ig_officer)
    assert run_on(clock, ACKNOWLEDGE_BY, sweeps.ACKNOWLEDGEMENT_ALERTS).created == 0
    assert run_on(clock, dt.date(2026, 2, 19), sweeps.ACKNOWLEDGEMENT_ALERTS).created == 1
    assert told("acknowledgement_overdue") == [("ig_officer", case.reference)]
    assert Notification.objects.get().subject == (
        f"Not acknowledged in time: {case.reference}: Pothole claims"
    )
    assert run_on(clock, dt.date(2026, 2, 20), sweeps.ACKNOWLEDGEMENT_ALERTS).created == 0


def test_a_data_protection_request_is_named_by_reference_only(cast, org, clock):
    case = log(cast, regime=Regime.SAR, title="SAR from Jo Bloggs, 12 Acacia Avenue")
    run_on(clock, dt.date(2026, 2, 19), sweeps.ACKNOWLEDGEMENT_ALERTS)
    note = Notification.objects.get()
    assert note.subject == f"Not acknowledged in time: {case.reference} (Subject access request)"
    assert "Acacia" not in note.body_text + note.body_html + note.subject


# --- 6. authorisations waiting too long ----------------------------------------------------


def with_director(cast, org, sent_on: dt.date, clock):
    case = assigned(cast, org)
    clock.move_to(at(sent_on, 11))
    Case.objects.filter(pk=case.pk).update(status=Status.AWAITING_AUTHORISATION)
    event = Event.objects.create(case=case, kind="send_for_authorisation", message="Sent.")
    return case, event


def test_authorisation_waiting_more_than_three_working_days(cast, org, clock):
    # Sent on Friday 13 March: Mon 16 (1), Tue 17 holiday, Wed 18 (2), Thu 19 (3), Fri 20 (4).
    case, event = with_director(cast, org, dt.date(2026, 3, 13), clock)
    assert run_on(clock, dt.date(2026, 3, 19), sweeps.AUTHORISATION_ALERTS).created == 0
    assert run_on(clock, dt.date(2026, 3, 20), sweeps.AUTHORISATION_ALERTS).created == 1
    assert told("authorisation_waiting") == [("director", case.reference)]
    assert Escalation.objects.get().window_key == f"sent-{event.pk}"
    assert Notification.objects.get().subject == (
        f"Waiting for authorisation for 4 working days: {case.reference}: Pothole claims"
    )


def test_returned_and_sent_again_is_a_new_wait(cast, org, clock):
    case, _ = with_director(cast, org, dt.date(2026, 3, 2), clock)
    run_on(clock, dt.date(2026, 3, 6), sweeps.AUTHORISATION_ALERTS)
    clock.move_to(at(dt.date(2026, 3, 9), 11))
    Event.objects.create(case=case, kind="send_for_authorisation", message="Sent again.")
    assert run_on(clock, dt.date(2026, 3, 12), sweeps.AUTHORISATION_ALERTS).created == 0
    assert run_on(clock, dt.date(2026, 3, 13), sweeps.AUTHORISATION_ALERTS).created == 1
    assert Escalation.objects.count() == 2


# --- weekly: SIRO, directors, managers -----------------------------------------------------


def test_siro_weekly_summary_lists_overdue_requests_and_counts_data_protection_ones(
    cast, org, clock
):
    foi = assigned(cast, org)
    sar = assigned(cast, org, regime=Regime.SAR)  # due Monday 16 March too (one month)
    assert sar.statutory_due == dt.date(2026, 3, 16)
    result = run_on(clock, dt.date(2026, 3, 23), sweeps.SIRO_SUMMARIES)  # Monday
    assert result.created == 1
    note = Notification.objects.get()
    assert note.recipient == cast.siro
    assert note.subject == "Overdue requests this week: 2"
    assert foi.reference in note.body_text
    assert sar.reference not in note.body_text  # not the SIRO's to see
    assert "1 data-protection request also overdue; IG holds the details." in note.body_text
    assert Escalation.objects.get().window_key == "2026-W13"
    # Later in the same week: nothing new. The next week: a new summary.
    assert run_on(clock, dt.date(2026, 3, 27), sweeps.SIRO_SUMMARIES).created == 0
    assert run_on(clock, dt.date(2026, 3, 30), sweeps.SIRO_SUMMARIES).created == 1


def test_weekly_summary_missed_on_monday_is_sent_on_tuesday(cast, org, clock):
    assert run_on(clock, dt.date(2026, 3, 24), sweeps.SIRO_SUMMARIES).created == 1
    assert "No request is overdue." in Notification.objects.get().body_text


def test_director_digest_lists_sensitive_requests_of_their_directorate_only(cast, org, clock):
    mine = assigned(cast, org, title="Planning enforcement", sensitive=True)
    assigned(cast, org, title="Ordinary", sensitive=False)
    theirs = assigned(cast, org, areas=("area_b",), title="Housing allocations", sensitive=True)
    clock.move_to(at(dt.date(2026, 3, 5), 11))
    new = assigned(cast, org, dt.date(2026, 3, 5), title="Fresh sensitive", sensitive=True)
    run_on(clock, dt.date(2026, 3, 9), sweeps.DIRECTOR_DIGESTS)  # Monday
    place = cast.director.notifications.get()
    assert place.subject == "Sensitive requests in Place: 2 open"
    assert mine.reference in place.body_text and new.reference in place.body_text
    assert theirs.reference not in place.body_text
    assert "Ordinary" not in place.body_text
    assert f"{new.reference}: Fresh sensitive\n  With service areas; statutory date" in (
        place.body_text
    )
    assert "new this week" in place.body_text
    people = cast.director_other.notifications.get()
    assert people.subject == "Sensitive requests in People: 1 open"


# --- every sweep ---------------------------------------------------------------------------


def test_every_sweep_is_registered_and_scheduled():
    from config.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    apps = {
        "requests": "requests_app",
        "reports": "reports",
        "breaches": "breaches",
        "sharing": "sharing",
    }
    assert len([name for name in escalations.SWEEPS if name.startswith("requests.")]) == 10
    assert "reports.manager_compliance_emails" in escalations.SWEEPS
    tasks = {
        f"{apps[name.split('.')[0]]}.tasks.sweep_{name.split('.', 1)[1]}"
        for name in escalations.SWEEPS
    }
    assert tasks <= scheduled
    assert "workflow.tasks.sweep_outbox" in scheduled
    assert "requests_app.tasks.recompute_open_cases" in scheduled


def test_a_case_that_breaks_a_rule_is_logged_by_id_and_the_rest_go_on(
    cast, org, clock, monkeypatch, caplog
):
    broken, fine = assigned(cast, org), assigned(cast, org)
    original = sweeps.ig_alert_rule

    def rule(case, today):
        if case.pk == broken.pk:
            raise RuntimeError("bad data")
        return original(case, today)

    sweep = escalations.Sweep("test.ig_alerts", sweeps.ig_alert_query, rule)
    clock.move_to(at(dt.date(2026, 3, 9)))
    result = escalations.run(sweep)
    assert (result.created, result.failed) == (1, 1)
    assert told() == [("ig_officer", fine.reference)]
    assert f"requests_app.Case {broken.pk}" in caplog.text
