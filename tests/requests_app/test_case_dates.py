"""The statutory dates stored on a case, in each situation SPEC-statutory.md describes.

Every expected date is worked out by hand below from the binding decisions (and agrees with
`python manage.py deadline ...`, quoted next to each). FOI/EIR working days skip weekends and
every bank holiday in any part of the UK; the date of receipt never counts. SAR periods are
calendar months, rolled forward to a working day of the council's own nation.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from deadlines import services as deadline_services
from requests_app import recompute, services
from requests_app.models import Case, Channel, Event, Exemption, Outcome, Regime, Status
from tests.requests_app.builders import qualified_exemption

LONDON = ZoneInfo("Europe/London")
E_W, SCOTLAND = "england-and-wales", "scotland"


def at(year, month, day, hour=10, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def council(settings):
    """The settings the expected dates assume, unless a test says otherwise."""
    settings.COUNCIL_NATION = E_W
    settings.ACKNOWLEDGEMENT_WORKING_DAYS = 2
    settings.INTERNAL_DUE_WORKING_DAYS_BEFORE = 10


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Response letters (PDFs) are written under this test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fresh_calendar():
    """No test sees a calendar cached by another (the cache is keyed on the holiday table)."""
    deadline_services.calendar_cache_clear()
    yield
    deadline_services.calendar_cache_clear()


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


def fresh(case):
    return Case.objects.get(pk=case.pk)


# --- FOI ------------------------------------------------------------------------------------


def test_foi_received_on_a_weekday(cast):
    # Mon 9 Feb 2026: day 1 is Tue 10 Feb; 10-13 Feb = 1-4, 16-20 = 5-9, 23-27 = 10-14,
    # 2-6 Mar = 15-19, Mon 9 Mar = 20. No bank holiday anywhere in the UK in between.
    # `manage.py deadline foi 2026-02-09` -> 2026-03-09
    now = at(2026, 2, 11)
    with time_machine.travel(now, tick=False):
        case = log(cast, at(2026, 2, 9, 14, 30))
    assert case.statutory_due == dt.date(2026, 3, 9)
    assert fresh(case).statutory_due == dt.date(2026, 3, 9)
    assert case.due_provisional is False


def test_foi_receipt_date_is_the_london_calendar_date(cast):
    # 23:30 UTC on Tue 30 Jun 2026 is 00:30 BST on Wed 1 Jul: the date of receipt is 1 Jul.
    # Day 1 Thu 2 Jul; 2-3 Jul = 1-2, 6-10 = 3-7, Mon 13 Jul (NI, Battle of the Boyne
    # substitute) skipped, 14-17 = 8-11, 20-24 = 12-16, 27-30 = 17-20 -> Thu 30 Jul.
    # (Counting from 30 Jun would give Wed 29 Jul.)  `deadline foi 2026-07-01` -> 2026-07-30
    now = at(2026, 7, 2)
    with time_machine.travel(now, tick=False):
        case = log(cast, dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC))
    assert case.statutory_due == dt.date(2026, 7, 30)


def test_foi_received_on_a_saturday_counts_from_monday(cast):
    # Sat 10 Jan 2026 is the date of receipt (not counted); day 1 is Mon 12 Jan.
    # 12-16 Jan = 1-5, 19-23 = 6-10, 26-30 = 11-15, 2-6 Feb = 16-20 -> Fri 6 Feb 2026.
    # `deadline foi 2026-01-10` -> 2026-02-06
    now = at(2026, 1, 12)
    with time_machine.travel(now, tick=False):
        case = log(cast, at(2026, 1, 10, 11, 0))
    assert case.statutory_due == dt.date(2026, 2, 6)


@pytest.mark.parametrize("nation", [E_W, SCOTLAND])
def test_foi_over_christmas_and_new_year_skips_every_uk_holiday(cast, settings, nation):
    # Received Mon 14 Dec 2026. 15-18 Dec = 1-4, 21-24 = 5-8; Fri 25 Dec Christmas, Mon 28 Dec
    # Boxing Day substitute; 29-31 Dec = 9-11; Fri 1 Jan 2027; Mon 4 Jan 2027 is Scotland's
    # 2 January substitute, a non-working day for every UK council's FOI clock (s10(6));
    # 5-8 Jan = 12-15, 11-15 Jan = 16-20 -> Fri 15 Jan 2027, whatever the council's nation.
    # `deadline foi 2026-12-14` -> 2027-01-15
    settings.COUNCIL_NATION = nation
    now = at(2026, 12, 15)
    with time_machine.travel(now, tick=False):
        case = log(cast, at(2026, 12, 14, 9, 15))
    assert case.statutory_due == dt.date(2027, 1, 15)


def test_foi_clarification_restarts_the_clock_from_the_clarification_date(cast):
    # Received Mon 2 Feb 2026: first due Mon 2 Mar 2026 (3-6 Feb = 1-4, ..., 23-27 = 15-19,
    # 2 Mar = 20). Clarification asked Wed 4 Feb: the clock stops (no due date). Clarified
    # Tue 10 Feb: the new date of receipt. 11-13 Feb = 1-3, 16-20 = 4-8, 23-27 = 9-13,
    # 2-6 Mar = 14-18, 9-10 Mar = 19-20 -> Tue 10 Mar 2026.
    # `deadline foi 2026-02-02 --clarified 2026-02-10` -> 2026-03-10
    asked_now, clarified_now = at(2026, 2, 4), at(2026, 2, 10)
    with time_machine.travel(asked_now, tick=False) as traveller:
        case = log(cast, at(2026, 2, 2, 9, 0))
        assert case.statutory_due == dt.date(2026, 3, 2)
        case = services.case_ask_clarification(
            case_id=case.pk,
            user=cast.ig_officer,
            question="Which years?",
            asked_on=dt.date(2026, 2, 4),
        )
        assert (case.status, case.statutory_due, case.internal_due) == (
            Status.AWAITING_CLARIFICATION,
            None,
            None,
        )
        traveller.move_to(clarified_now)
        case = services.case_record_clarification(
            case_id=case.pk,
            user=cast.ig_officer,
            received_on=dt.date(2026, 2, 10),
            summary="2024 and 2025.",
        )
    case = fresh(case)
    assert case.status == Status.RECEIVED
    assert case.statutory_due == dt.date(2026, 3, 10)


def test_foi_extension_needs_a_qualified_exemption_then_adds_20_working_days(cast):
    # Received Mon 5 Jan 2026 -> 20th working day Mon 2 Feb 2026; the public-interest extension
    # makes it the 40th: 3-6 Feb = 21-24, 9-13 = 25-29, 16-20 = 30-34, 23-27 = 35-39,
    # Mon 2 Mar = 40 -> Mon 2 Mar 2026.  `deadline foi 2026-01-05 --extended` -> 2026-03-02
    now = at(2026, 1, 20)
    with time_machine.travel(now, tick=False):
        case = log(cast, at(2026, 1, 5, 9, 0))
        assert case.statutory_due == dt.date(2026, 2, 2)
        with pytest.raises(services.ActionRefused, match="qualified exemption"):
            services.case_extend(
                case_id=case.pk,
                user=cast.ig_manager,
                reason="Weighing the public interest.",
                notified_on=dt.date(2026, 1, 20),
            )
        assert fresh(case).statutory_due == dt.date(2026, 2, 2)
        assert not fresh(case).extended
        # An absolute exemption (s40(1)-type: no public-interest test) gives no extra time.
        absolute = Exemption.objects.filter(law="foi", qualified=False).first()
        services.case_propose_exemption(
            case_id=case.pk, user=cast.ig_manager, exemption_id=absolute.pk
        )
        with pytest.raises(services.ActionRefused, match="qualified exemption"):
            services.case_extend(
                case_id=case.pk,
                user=cast.ig_manager,
                reason="Weighing the public interest.",
                notified_on=dt.date(2026, 1, 20),
            )
        assert not fresh(case).extended
        services.case_propose_exemption(
            case_id=case.pk, user=cast.ig_manager, exemption_id=qualified_exemption().pk
        )
        services.case_extend(
            case_id=case.pk,
            user=cast.ig_manager,
            reason="Weighing the public interest.",
            notified_on=dt.date(2026, 1, 20),
        )
    case = fresh(case)
    assert case.extended
    assert case.statutory_due == dt.date(2026, 3, 2)
    assert case.events.filter(kind="extend").get().message == (
        "Deadline extended from 02 February 2026 to 02 March 2026: Weighing the public interest."
    )


def test_internal_review_has_its_own_clock_from_its_own_receipt(cast, org):
    # Original received Mon 2 Mar 2026: 3-6 Mar = 1-4, 9-13 = 5-9, 16 = 10, Tue 17 Mar (NI)
    # skipped, 18-20 = 11-13, 23-27 = 14-18, 30-31 = 19-20 -> Tue 31 Mar 2026.
    # Review requested Wed 1 Apr 2026: 2 Apr = 1, Good Friday 3 Apr and Easter Monday 6 Apr
    # skipped, 7-10 = 2-5, 13-17 = 6-10, 20-24 = 11-15, 27-30 = 16-19, Fri 1 May = 20.
    # `deadline foi 2026-03-02` -> 2026-03-31; `deadline foi-review 2026-04-01` -> 2026-05-01
    responded_now, review_now = at(2026, 3, 20), at(2026, 4, 1, 11, 0)
    with time_machine.travel(responded_now, tick=False) as traveller:
        original = log(cast, at(2026, 3, 2, 9, 0))
        respond_not_held(cast, org, original)
        traveller.move_to(review_now)
        review = services.case_open_review(
            case_id=original.pk,
            user=cast.ig_officer,
            received_at=at(2026, 4, 1, 10, 0),
            grounds="You must hold this.",
        )
    review, original = fresh(review), fresh(original)
    assert review.review_of_id == original.pk
    assert review.statutory_due == dt.date(2026, 5, 1)
    assert original.statutory_due == dt.date(2026, 3, 31)


# --- SAR ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nation, expected",
    [
        # ID received Fri 30 Oct 2026 -> one month on is Mon 30 Nov 2026: a working day in
        # England and Wales, but St Andrew's Day in Scotland, so a Scottish council rolls it
        # forward to Tue 1 Dec 2026.
        # `deadline sar 2026-10-26 --id-received 2026-10-30 --nation england-and-wales`
        # -> 2026-11-30; `... --nation scotland` -> 2026-12-01
        (E_W, dt.date(2026, 11, 30)),
        (SCOTLAND, dt.date(2026, 12, 1)),
    ],
)
def test_sar_clock_waits_for_id_then_runs_a_month_from_the_id(cast, settings, nation, expected):
    settings.COUNCIL_NATION = nation
    asked_now, id_now = at(2026, 10, 27), at(2026, 10, 30, 15, 0)
    with time_machine.travel(asked_now, tick=False) as traveller:
        # Received Mon 26 Oct 2026: one month -> Thu 26 Nov 2026 (a working day everywhere).
        case = log(cast, at(2026, 10, 26, 9, 0), regime=Regime.SAR)
        assert case.statutory_due == dt.date(2026, 11, 26)
        case = services.case_ask_id(
            case_id=case.pk, user=cast.ig_officer, asked_on=dt.date(2026, 10, 27)
        )
        assert (case.status, fresh(case).statutory_due, fresh(case).internal_due) == (
            Status.AWAITING_ID,
            None,
            None,
        )
        traveller.move_to(id_now)
        services.case_record_id(
            case_id=case.pk, user=cast.ig_officer, received_on=dt.date(2026, 10, 30)
        )
    case = fresh(case)
    assert case.status == Status.RECEIVED
    assert case.id_received_on == dt.date(2026, 10, 30)
    assert case.statutory_due == expected


def test_sar_clarification_pauses_the_month_and_adds_the_days_waited(cast):
    # Received Mon 2 Feb 2026 -> one month: Mon 2 Mar. Clarification asked Fri 27 Feb and
    # received Tue 3 Mar: 27, 28 Feb, 1, 2, 3 Mar = 5 days added -> Sat 7 Mar, rolled forward
    # to Mon 9 Mar 2026.
    # `deadline sar 2026-02-02 --clarification-asked 2026-02-27 --clarified 2026-03-03`
    # -> 2026-03-09
    with time_machine.travel(at(2026, 2, 27), tick=False) as traveller:
        case = log(cast, at(2026, 2, 2, 9, 0), regime=Regime.SAR)
        assert case.statutory_due == dt.date(2026, 3, 2)
        services.case_ask_clarification(
            case_id=case.pk,
            user=cast.ig_officer,
            question="Which council services?",
            asked_on=date_of(27),
            concerns="dealings",
            concerns_reason="The request does not say which services it means.",
        )
        assert fresh(case).statutory_due is None
        traveller.move_to(at(2026, 3, 3))
        services.case_record_clarification(
            case_id=case.pk,
            user=cast.ig_officer,
            received_on=dt.date(2026, 3, 3),
            summary="Housing and council tax.",
        )
    assert fresh(case).statutory_due == dt.date(2026, 3, 9)


def test_sar_clarification_cannot_be_asked_after_the_month_has_run_out(cast):
    # Received Mon 2 Feb 2026, due Mon 2 Mar. On Tue 10 Mar the month is over: there is no
    # clock left to stop (`deadline sar 2026-02-02 --clarification-asked 2026-03-10` refuses).
    # Accepting it would leave a case whose clarification could never be recorded.
    with time_machine.travel(at(2026, 3, 10), tick=False):
        case = log(cast, at(2026, 2, 2, 9, 0), regime=Regime.SAR)
        events = case.events.count()
        with pytest.raises(services.ActionRefused, match="after the period had ended"):
            services.case_ask_clarification(
                case_id=case.pk,
                user=cast.ig_officer,
                question="Which council services?",
                asked_on=dt.date(2026, 3, 10),
                concerns="dealings",
                concerns_reason="The request does not say which services it means.",
            )
    case = fresh(case)
    assert (case.status, case.clarification_asked_on) == (Status.RECEIVED, None)
    assert case.statutory_due == dt.date(2026, 3, 2)
    assert case.events.count() == events
    assert not case.correspondence.exists()


def test_sar_extension_is_three_months_from_the_same_start(cast):
    # Received Mon 12 Jan 2026 -> one month: Thu 12 Feb 2026. Extended: three months from
    # 12 Jan -> Sun 12 Apr 2026, rolled forward to Mon 13 Apr 2026 (Easter Monday was 6 Apr).
    # `deadline sar 2026-01-12` -> 2026-02-12; `... --extended` -> 2026-04-13
    now = at(2026, 2, 2)
    with time_machine.travel(now, tick=False):
        case = log(cast, at(2026, 1, 12, 9, 0), regime=Regime.SAR)
        assert case.statutory_due == dt.date(2026, 2, 12)
        services.case_extend(
            case_id=case.pk,
            user=cast.ig_manager,
            reason="Complex: records held in four systems.",
            notified_on=dt.date(2026, 2, 2),
        )
    case = fresh(case)
    assert case.extended
    assert case.statutory_due == dt.date(2026, 4, 13)


# --- acknowledgement and internal dates ------------------------------------------------------


@pytest.mark.parametrize(
    "working_days, expected",
    [
        # Received Thu 2 Apr 2026. Good Friday 3 Apr and Easter Monday 6 Apr are skipped:
        # Tue 7 Apr = 1, Wed 8 Apr = 2, Thu 9 Apr = 3.
        (2, dt.date(2026, 4, 8)),
        (3, dt.date(2026, 4, 9)),
    ],
)
def test_acknowledgement_date_is_the_setting_in_working_days(
    cast, settings, working_days, expected
):
    settings.ACKNOWLEDGEMENT_WORKING_DAYS = working_days
    now = at(2026, 4, 2, 16, 0)
    with time_machine.travel(now, tick=False):
        case = log(cast, at(2026, 4, 2, 15, 0))
    assert fresh(case).acknowledge_by == expected


@pytest.mark.parametrize(
    "before, expected",
    [
        # Statutory date Mon 9 Mar 2026 (received Mon 9 Feb). Counting back over working days:
        # Fri 6 Mar = 1, 2-5 Mar = 2-5 (so 5 before is Mon 2 Mar), 23-27 Feb = 6-10
        # (so 10 before is Mon 23 Feb).
        (10, dt.date(2026, 2, 23)),
        (5, dt.date(2026, 3, 2)),
        # 25 working days before 9 Mar is Mon 2 Feb, before the request arrived: the target
        # is never earlier than the date of receipt.
        (25, dt.date(2026, 2, 9)),
    ],
)
def test_internal_target_is_working_days_before_the_statutory_date_and_on_assignments(
    cast, org, settings, before, expected
):
    settings.INTERNAL_DUE_WORKING_DAYS_BEFORE = before
    now = at(2026, 2, 10)
    with time_machine.travel(now, tick=False):
        case = log(cast, at(2026, 2, 9, 9, 0))
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk, org.area_b.pk]
        )
    case = fresh(case)
    assert case.statutory_due == dt.date(2026, 3, 9)
    assert case.internal_due == expected
    assert sorted(a.internal_due for a in case.assignments.all()) == [expected, expected]


def test_assignments_follow_the_internal_target_when_the_clock_restarts(cast, org):
    # Received Mon 2 Feb 2026, due Mon 2 Mar; internal target 10 working days before: Mon 16 Feb
    # (27, 26, 25, 24, 23, 20, 19, 18, 17, 16 Feb). Assigned to area A, then IG asks for
    # clarification; it arrives Tue 10 Feb, so due Tue 10 Mar and the target Tue 24 Feb
    # (9, 6, 5, 4, 3, 2 Mar, 27, 26, 25, 24 Feb). IG sends it back to area A.
    with time_machine.travel(at(2026, 2, 3), tick=False) as traveller:
        case = log(cast, at(2026, 2, 2, 9, 0))
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk]
        )
        assert case.assignments.get().internal_due == dt.date(2026, 2, 16)
        traveller.move_to(at(2026, 2, 4))
        services.case_ask_clarification(
            case_id=case.pk, user=cast.ig_officer, question="Which years?", asked_on=date_of(4)
        )
        traveller.move_to(at(2026, 2, 10))
        services.case_record_clarification(
            case_id=case.pk, user=cast.ig_officer, received_on=date_of(10), summary="2025."
        )
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk]
        )
    case = fresh(case)
    assert (case.statutory_due, case.internal_due) == (dt.date(2026, 3, 10), dt.date(2026, 2, 24))
    assignment = case.assignments.get()
    assert (assignment.state, assignment.internal_due) == ("open", dt.date(2026, 2, 24))
    assert case.events.first().message == "Assigned to Planning (internal target 24 February 2026)."


def test_assignments_follow_the_internal_target_when_the_deadline_is_extended(cast, org):
    # Received Mon 5 Jan 2026: due Mon 2 Feb, target Mon 19 Jan (30, 29, 28, 27, 26, 23, 22,
    # 21, 20, 19 Jan). Extended: due Mon 2 Mar, target Mon 16 Feb (27 .. 23 Feb, 20 .. 16 Feb).
    with time_machine.travel(at(2026, 1, 12), tick=False):
        case = log(cast, at(2026, 1, 5, 9, 0))
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk]
        )
        assert case.assignments.get().internal_due == dt.date(2026, 1, 19)
        services.case_propose_exemption(
            case_id=case.pk,
            user=cast.officer_a,
            exemption_id=qualified_exemption().pk,
            public_interest_test="",
        )
        services.case_extend(
            case_id=case.pk,
            user=cast.ig_manager,
            reason="Weighing the public interest.",
            notified_on=dt.date(2026, 1, 12),
        )
    case = fresh(case)
    assert (case.statutory_due, case.internal_due) == (dt.date(2026, 3, 2), dt.date(2026, 2, 16))
    assert case.assignments.get().internal_due == dt.date(2026, 2, 16)


def date_of(day, month=2, year=2026):
    return dt.date(year, month, day)


# --- the calendar changes --------------------------------------------------------------------


def respond_not_held(cast, org, case):
    """Respond through the services without a director ('information not held')."""
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
    return services.case_release_without_director(case_id=case.pk, user=cast.ig_manager)


def test_an_added_bank_holiday_moves_open_cases_in_its_period_and_says_why(
    cast, org, django_capture_on_commit_callbacks
):
    now = at(2026, 2, 16, 12, 0)  # Mon 16 Feb 2026
    with time_machine.travel(now, tick=False) as traveller:
        # Open FOI, received Mon 9 Feb 2026: due Mon 9 Mar, internal target (10 working days
        # before) Mon 23 Feb, assigned to area A with that target.
        moving = log(cast, at(2026, 2, 9, 9, 0), title="Moves")
        services.case_assign(
            case_id=moving.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk]
        )
        # Open FOI received Mon 19 Jan 2026: due Mon 16 Feb, before the new holiday.
        earlier = log(cast, at(2026, 1, 19, 9, 0), title="Period ends first")
        # Open SAR received this morning, Mon 16 Feb: one calendar month, Mon 16 Mar; holidays
        # inside a calendar month do not move it. Its acknowledgement date (2 working days)
        # is Wed 18 Feb, and that does move, to Thu 19 Feb, without a "deadline moved" event.
        sar = log(cast, at(2026, 2, 16, 9, 0), regime=Regime.SAR, title="SAR")
        # The same FOI dates, but closed.
        closed = log(cast, at(2026, 2, 9, 9, 0), title="Closed")
        respond_not_held(cast, org, closed)
        services.case_close(case_id=closed.pk, user=cast.ig_officer)
        before = {c.pk: fresh(c).statutory_due for c in (moving, earlier, sar, closed)}
        assert before == {
            moving.pk: dt.date(2026, 3, 9),
            earlier.pk: dt.date(2026, 2, 16),
            sar.pk: dt.date(2026, 3, 16),
            closed.pk: dt.date(2026, 3, 9),
        }
        assert fresh(moving).internal_due == dt.date(2026, 2, 23)
        assert fresh(sar).acknowledge_by == dt.date(2026, 2, 18)
        events_before = Event.objects.count()

        traveller.move_to(at(2026, 2, 16, 14, 0))
        # Wed 18 Feb 2026 becomes a bank holiday in England and Wales (so no FOI working day).
        with django_capture_on_commit_callbacks(execute=True):
            deadline_services.bank_holiday_add(
                day=dt.date(2026, 2, 18),
                nations=[E_W],
                title="Royal wedding bank holiday",
                source_detail="Proclamation of 2 Feb 2026",
                by=cast.administrator.username,
            )

    moving, earlier, sar, closed = (fresh(c) for c in (moving, earlier, sar, closed))
    # 9 Feb: 10-13 Feb = 1-4, 16-17 = 5-6, 18 skipped, 19-20 = 7-8, 23-27 = 9-13,
    # 2-6 Mar = 14-18, 9-10 Mar = 19-20 -> Tue 10 Mar. Internal target: 10 working days before
    # 10 Mar is Tue 24 Feb (9, 6, 5, 4, 3, 2 Mar, 27, 26, 25, 24 Feb).
    assert moving.statutory_due == dt.date(2026, 3, 10)
    assert moving.internal_due == dt.date(2026, 2, 24)
    assert [a.internal_due for a in moving.assignments.all()] == [dt.date(2026, 2, 24)]
    assert earlier.statutory_due == dt.date(2026, 2, 16)
    assert (sar.statutory_due, sar.acknowledge_by) == (dt.date(2026, 3, 16), dt.date(2026, 2, 19))
    assert closed.statutory_due == dt.date(2026, 3, 9)

    moved = Event.objects.filter(kind="deadline_moved")
    assert [(e.case_id, e.message) for e in moved] == [
        (
            moving.pk,
            "Deadline moved from Mon 2026-03-09 to Tue 2026-03-10 because Royal wedding bank "
            "holiday on Wed 2026-02-18 (England and Wales) was added.",
        )
    ]
    assert Event.objects.count() == events_before + 1

    # Running the recompute again (e.g. the worker retrying) moves nothing.
    assert recompute.open_cases_recompute() == 0
    assert fresh(moving).statutory_due == dt.date(2026, 3, 10)
    assert Event.objects.count() == events_before + 1
