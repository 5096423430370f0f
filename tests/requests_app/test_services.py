"""Lifecycle rules of a request case, through the services (every write goes through them).

A refused action raises ActionRefused and leaves the case exactly as it was: same row, no new
event, no new history record."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from organisation.models import Role
from requests_app import services
from requests_app.models import (
    AppliedExemption,
    Case,
    Channel,
    Outcome,
    Regime,
    Requester,
    ReviewOutcome,
    Status,
)
from requests_app.transitions import TRANSITIONS
from tests.factories import UserFactory
from tests.requests_app.builders import case_in, qualified_exemption
from workflow.engine import refusal_reason

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)  # Wed 4 Mar 2026, 10:00
TODAY = dt.date(2026, 3, 4)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Response letters (PDFs) are written under this test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


def snapshot(case):
    """Everything a refused action must leave untouched (the row, timeline, history,
    exemptions, assignments and letters)."""
    row = Case.objects.filter(pk=case.pk).values().get()
    return (
        row,
        case.events.count(),
        case.history.count(),
        list(AppliedExemption.objects.filter(case=case).values()),
        list(case.assignments.values()),
        list(case.correspondence.values_list("id", flat=True)),
    )


def refused(call, case, match):
    before = snapshot(case)
    with pytest.raises(services.ActionRefused, match=match):
        call()
    assert snapshot(case) == before


def draft_ready(cast, org, *, exemption=None, pit=""):
    """A FOI case with area A's draft submitted to IG, optionally with an exemption proposed."""
    case = case_in(Status.ASSIGNED, cast, org)
    if exemption is not None:
        services.case_propose_exemption(
            case_id=case.pk,
            user=cast.officer_a,
            exemption_id=exemption.pk,
            public_interest_test=pit,
        )
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="312 claims."
    )
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.DRAFT_READY
    return case


def decide(case, user, outcome, **kwargs):
    return services.case_decide(
        case_id=case.pk,
        user=user,
        outcome=outcome,
        reasons=kwargs.pop("reasons", "Commercially sensitive; see the public-interest test."),
        response_text=kwargs.pop("response_text", "We hold this information."),
        **kwargs,
    )


# --- who decides ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "outcome", [Outcome.REFUSED, Outcome.PART, Outcome.COST_LIMIT, Outcome.VEXATIOUS]
)
def test_only_the_ig_manager_may_decide_to_withhold(cast, org, outcome):
    case = draft_ready(cast, org)
    consulted = "Monitoring Officer consulted by email on 2 March 2026; agreed."
    refused(
        lambda: decide(case, cast.ig_officer, outcome, monitoring_officer_consulted=consulted),
        case,
        "Only the IG manager",
    )
    decide(case, cast.ig_manager, outcome, monitoring_officer_consulted=consulted)
    case = Case.objects.get(pk=case.pk)
    assert (case.outcome, case.decided_by) == (outcome, cast.ig_manager)


def test_an_ig_officer_may_record_a_full_disclosure(cast, org):
    case = draft_ready(cast, org)
    decide(case, cast.ig_officer, Outcome.GRANTED)
    assert Case.objects.get(pk=case.pk).decided_by == cast.ig_officer


def test_a_qualified_exemption_needs_its_public_interest_test_to_refuse(cast, org):
    case = draft_ready(cast, org, exemption=qualified_exemption())
    code = qualified_exemption().code
    refused(
        lambda: decide(case, cast.ig_manager, Outcome.REFUSED),
        case,
        f"public-interest test: {code}",
    )
    applied = case.exemptions.get()
    decide(
        case,
        cast.ig_manager,
        Outcome.REFUSED,
        public_interest_tests={applied.pk: "Harm to the contractor outweighs transparency."},
    )
    applied.refresh_from_db()
    assert applied.public_interest_test == "Harm to the contractor outweighs transparency."
    assert applied.confirmed_by == cast.ig_manager
    case = Case.objects.get(pk=case.pk)
    assert case.outcome == Outcome.REFUSED
    services.case_send_for_authorisation(case_id=case.pk, user=cast.ig_officer)
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_AUTHORISATION


def test_a_qualified_exemption_without_its_test_blocks_sending_for_authorisation(cast, org):
    case = draft_ready(cast, org, exemption=qualified_exemption())
    decide(case, cast.ig_officer, Outcome.GRANTED)
    refused(
        lambda: services.case_send_for_authorisation(case_id=case.pk, user=cast.ig_officer),
        case,
        f"Record the public-interest test for {qualified_exemption().code}",
    )
    assert Case.objects.get(pk=case.pk).status == Status.DRAFT_READY


def test_vexatious_needs_the_monitoring_officer_consultation(cast, org):
    case = draft_ready(cast, org)
    refused(
        lambda: decide(case, cast.ig_manager, Outcome.VEXATIOUS),
        case,
        "Monitoring Officer",
    )
    refused(
        lambda: decide(
            case, cast.ig_manager, Outcome.VEXATIOUS, monitoring_officer_consulted="   "
        ),
        case,
        "Monitoring Officer",
    )
    decide(
        case,
        cast.ig_manager,
        Outcome.VEXATIOUS,
        monitoring_officer_consulted="Discussed with the Monitoring Officer on 3 March 2026.",
    )
    case = Case.objects.get(pk=case.pk)
    assert case.outcome == Outcome.VEXATIOUS
    assert case.monitoring_officer_consulted.startswith("Discussed")


# --- release and authorisation ---------------------------------------------------------------


def test_not_held_is_released_by_the_ig_manager_without_a_director(cast, org):
    case = draft_ready(cast, org)
    decide(case, cast.ig_manager, Outcome.NOT_HELD, reasons="")
    refused(
        lambda: services.case_send_for_authorisation(case_id=case.pk, user=cast.ig_officer),
        case,
        "without a director",
    )
    refused(
        lambda: services.case_release_without_director(case_id=case.pk, user=cast.ig_officer),
        case,
        "permission",
    )
    services.case_release_without_director(case_id=case.pk, user=cast.ig_manager)
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.RESPONDED
    assert case.authorised_by is None
    assert case.responded_at == NOW
    assert list(case.correspondence.values_list("kind", flat=True)) == ["response"]


def test_granted_cannot_skip_the_director(cast, org):
    case = draft_ready(cast, org)
    decide(case, cast.ig_manager, Outcome.GRANTED)
    refused(
        lambda: services.case_release_without_director(case_id=case.pk, user=cast.ig_manager),
        case,
        "Only 'not held' and 'accessible by other means' skip the director",
    )
    assert not case.correspondence.exists()


def test_only_a_director_of_the_assigned_directorate_may_authorise(cast, org):
    case = case_in(Status.AWAITING_AUTHORISATION, cast, org)  # assigned to area A (Place)
    refused(
        lambda: services.case_authorise(case_id=case.pk, user=cast.director_other),
        case,
        "permission",
    )
    refused(
        lambda: services.case_authorise(case_id=case.pk, user=cast.ig_manager),
        case,
        "permission",
    )
    services.case_authorise(case_id=case.pk, user=cast.director, comments="Fine to release.")
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.authorised_by, case.authorised_at) == (
        Status.AUTHORISED,
        cast.director,
        NOW,
    )


def test_returning_to_ig_needs_comments(cast, org):
    case = case_in(Status.AWAITING_AUTHORISATION, cast, org)
    for comments in ("", "   \n"):
        refused(
            lambda comments=comments: services.case_return_to_ig(
                case_id=case.pk, user=cast.director, comments=comments
            ),
            case,
            "Say what needs to change",
        )
    services.case_return_to_ig(
        case_id=case.pk, user=cast.director, comments="Check the 2024 figure."
    )
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.DRAFT_READY
    assert case.events.first().message == "Returned by the director: Check the 2024 figure."


def test_two_service_areas_the_draft_is_ready_only_when_both_have_submitted(cast, org):
    case = case_in(Status.RECEIVED, cast, org)
    services.case_assign(
        case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk, org.area_b.pk]
    )
    refused(
        lambda: services.case_submit_draft(
            case_id=case.pk, user=cast.officer_a, service_area_id=org.area_b.pk, draft="Not mine"
        ),
        case,
        "your own service areas",
    )
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="Planning: 3."
    )
    assert Case.objects.get(pk=case.pk).status == Status.IN_PROGRESS
    refused(
        lambda: services.case_send_for_authorisation(case_id=case.pk, user=cast.ig_officer),
        case,
        "in progress cannot be changed",
    )
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_b, service_area_id=org.area_b.pk, draft="Housing: 4."
    )
    case = Case.objects.get(pk=case.pk)
    assert case.status == Status.DRAFT_READY
    assert sorted(case.assignments.values_list("state", flat=True)) == ["submitted", "submitted"]


# --- internal review --------------------------------------------------------------------------


def test_opening_an_internal_review_creates_a_linked_case_with_its_own_clock(cast, org):
    original = case_in(Status.RESPONDED, cast, org)
    before = Case.objects.filter(pk=original.pk).values().get()
    review = services.case_open_review(
        case_id=original.pk,
        user=cast.ig_officer,
        received_at=NOW,
        grounds="The answer leaves out 2024.",
    )
    review = Case.objects.get(pk=review.pk)
    assert review.pk != original.pk
    assert review.review_of_id == original.pk
    assert review.reference != original.reference
    assert review.requester_id == original.requester_id
    assert (review.status, review.regime) == (Status.RECEIVED, Regime.FOI)
    assert review.received_at == NOW
    # Its own clock: the 20th working day after Wed 4 Mar 2026 (Tue 17 Mar, NI, skipped):
    # 5-6 Mar = 1-2, 9-13 = 3-7, 16 = 8, 18-20 = 9-11, 23-27 = 12-16, 30 Mar-2 Apr = 17-20.
    assert review.statutory_due == dt.date(2026, 4, 2)
    assert review.statutory_due != original.statutory_due
    after = Case.objects.filter(pk=original.pk).values().get()
    # Only its version moves (opening a review is a change recorded on the original).
    assert after == {**before, "version": before["version"] + 1}
    assert original.events.first().message == f"Internal review opened as {review.reference}."


def test_the_review_outcome_is_recorded_by_someone_who_did_not_decide_the_original(cast, org):
    original = case_in(Status.RESPONDED, cast, org)  # decided by cast.ig_manager
    assert original.decided_by == cast.ig_manager
    review = services.case_open_review(
        case_id=original.pk, user=cast.ig_officer, received_at=NOW, grounds="Incomplete."
    )
    refused(
        lambda: services.review_record_outcome(
            case_id=review.pk,
            user=cast.ig_manager,
            outcome=ReviewOutcome.UPHELD,
            response_text="We uphold the original decision.",
        ),
        review,
        "someone who did not take the original decision",
    )
    second_manager = UserFactory(username="ig_manager_2", role=Role.IG_MANAGER)
    services.review_record_outcome(
        case_id=review.pk,
        user=second_manager,
        outcome=ReviewOutcome.UPHELD,
        response_text="We uphold the original decision.",
    )
    review = Case.objects.get(pk=review.pk)
    assert (review.status, review.review_outcome, review.decided_by) == (
        Status.RESPONDED,
        ReviewOutcome.UPHELD,
        second_manager,
    )
    assert list(review.correspondence.values_list("kind", flat=True)) == ["review_response"]


def test_the_director_who_authorised_the_original_cannot_review_it_after_becoming_ig(cast, org):
    original = case_in(Status.RESPONDED, cast, org)
    assert original.authorised_by == cast.director
    review = services.case_open_review(
        case_id=original.pk, user=cast.ig_officer, received_at=NOW, grounds="Incomplete."
    )
    cast.director.role = Role.IG_MANAGER  # moved into the IG team since
    cast.director.save()
    refused(
        lambda: services.review_record_outcome(
            case_id=review.pk,
            user=cast.director,
            outcome=ReviewOutcome.OVERTURNED,
            response_text="We now release it.",
        ),
        review,
        "someone who did not take the original decision",
    )


# --- SAR extension ----------------------------------------------------------------------------


def test_a_sar_extension_must_be_notified_within_the_first_month(cast):
    # Received Mon 2 Feb 2026: one month -> Mon 2 Mar 2026.
    case = services.case_log(
        user=cast.ig_officer,
        requester={"name": "Sam Jones", "email": "sam@example.org"},
        channel=Channel.EMAIL,
        received_at=dt.datetime(2026, 2, 2, 9, 0, tzinfo=LONDON),
        title="My housing file",
        request_text="All records about me.",
        regime=Regime.SAR,
    )
    assert case.statutory_due == dt.date(2026, 3, 2)
    refused(
        lambda: services.case_extend(
            case_id=case.pk,
            user=cast.ig_manager,
            reason="Complex.",
            notified_on=dt.date(2026, 3, 3),
        ),
        case,
        "within the first month",
    )
    services.case_extend(
        case_id=case.pk, user=cast.ig_manager, reason="Complex.", notified_on=dt.date(2026, 3, 2)
    )
    case = Case.objects.get(pk=case.pk)
    # Three months from Mon 2 Feb -> Sat 2 May 2026; Mon 4 May is the Early May bank holiday,
    # so Tue 5 May 2026.
    assert (case.extended, case.statutory_due) == (True, dt.date(2026, 5, 5))


# --- closed cases ----------------------------------------------------------------------------

# Follow-up the product records against a closed case without changing it: an internal review
# (a new linked case) and an ICO complaint.
FOLLOW_UP_ON_CLOSED = {
    "open_review",
    "record_ico_complaint",
    # Notes, ownership and the public version: none of them changes the decision.
    "add_note",
    "reallocate",
    "publish",
}


def test_a_closed_case_refuses_every_change_but_reopening_by_the_ig_manager(cast, org):
    case = case_in(Status.CLOSED, cast, org)
    allowed = {
        action
        for action in TRANSITIONS
        for user in (cast.ig_officer, cast.ig_manager)
        if refusal_reason(user, case, action) is None
    }
    assert allowed == {"reopen"} | FOLLOW_UP_ON_CLOSED
    assert refusal_reason(cast.ig_officer, case, "reopen") is not None

    m = cast.ig_manager
    attempts = [
        lambda: services.case_classify(case_id=case.pk, user=m, regime=Regime.EIR),
        lambda: services.case_acknowledge(case_id=case.pk, user=m),
        lambda: services.case_assign(case_id=case.pk, user=m, service_area_ids=[org.area_b.pk]),
        lambda: decide(case, m, Outcome.REFUSED),
        lambda: services.case_extend(case_id=case.pk, user=m, reason="x", notified_on=TODAY),
        lambda: services.case_send_response(case_id=case.pk, user=m),
        lambda: services.case_close(case_id=case.pk, user=m),
        lambda: services.case_withdraw(case_id=case.pk, user=m, reason="x"),
        lambda: services.case_ask_clarification(
            case_id=case.pk, user=m, question="?", asked_on=TODAY
        ),
        lambda: services.case_reopen(case_id=case.pk, user=cast.ig_officer, reason="Missed."),
        lambda: services.case_reopen(case_id=case.pk, user=m, reason="  "),
    ]
    for attempt in attempts:
        refused(attempt, case, ".")

    services.case_reopen(case_id=case.pk, user=m, reason="The attachment was missing.")
    case = Case.objects.get(pk=case.pk)
    assert (case.status, case.closed_at) == (Status.RESPONDED, None)
    assert case.events.first().message == "Reopened: The attachment was missing."


# --- arrival ----------------------------------------------------------------------------------


def log(cast, *, name="Jo Bloggs", email="jo@example.org", received_at=NOW):
    return services.case_log(
        user=cast.ig_officer,
        requester={"name": name, "email": email},
        channel=Channel.EMAIL,
        received_at=received_at,
        title="Bin collections",
        request_text="How many missed bin collections in 2025?",
        regime=Regime.FOI,
    )


def test_requesters_are_matched_by_email(cast):
    first = log(cast, name="Jo Bloggs", email="jo@example.org")
    again = log(cast, name="Joanne Bloggs", email="JO@Example.org")
    other = log(cast, name="Jo Bloggs", email="jo.bloggs@elsewhere.example")
    assert again.requester_id == first.requester_id
    assert other.requester_id != first.requester_id
    assert Requester.objects.count() == 2
    assert Requester.objects.get(pk=other.requester_id).email == "jo.bloggs@elsewhere.example"


def test_a_name_alone_matches_only_requests_without_an_email(cast):
    postal = log(cast, name="Pat Post", email="")
    again_by_post = log(cast, name="pat post ", email="")
    assert again_by_post.requester_id == postal.requester_id
    # Someone of the same name writing from an email address is not folded into the postal
    # requester (which would lose the address, so nothing could be emailed to them).
    emailed = log(cast, name="Pat Post", email="pat@example.org")
    assert emailed.requester_id != postal.requester_id
    assert emailed.requester.email == "pat@example.org"
    services.case_acknowledge(case_id=emailed.pk, user=cast.ig_officer)
    assert emailed.correspondence.get().to == "pat@example.org"


def test_references_are_unique_and_sequential_per_year_of_receipt(cast):
    first = log(cast, received_at=dt.datetime(2026, 1, 2, 9, 0, tzinfo=LONDON))
    second = log(cast)
    # 23:30 UTC on 31 Dec 2025 is still 2025 in London (GMT).
    old = log(cast, received_at=dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC))
    third = log(cast)
    # 00:30 on 1 Jan 2026 in London.
    fourth = log(cast, received_at=dt.datetime(2026, 1, 1, 0, 30, tzinfo=LONDON))
    assert [c.reference for c in (first, second, old, third, fourth)] == [
        "IG-2026-00001",
        "IG-2026-00002",
        "IG-2025-00001",
        "IG-2026-00003",
        "IG-2026-00004",
    ]
    assert Case.objects.values("reference").distinct().count() == 5


def test_a_request_cannot_be_logged_as_received_in_the_future(cast):
    with pytest.raises(services.ActionRefused, match="future"):
        log(cast, received_at=NOW + dt.timedelta(minutes=1))
    assert not Case.objects.exists()


# --- history ----------------------------------------------------------------------------------


def test_each_status_change_writes_one_event_and_one_history_row_by_the_actor(cast, org):
    case = log(cast)
    assert case.events.count() == 1
    assert [(h.status, h.history_user) for h in case.history.all()] == [
        (Status.RECEIVED, cast.ig_officer)
    ]
    steps = [
        (cast.ig_officer, Status.RECEIVED, lambda u: services.case_acknowledge(
            case_id=case.pk, user=u)),
        (cast.ig_officer, Status.ASSIGNED, lambda u: services.case_assign(
            case_id=case.pk, user=u, service_area_ids=[org.area_a.pk])),
        (cast.officer_a, Status.DRAFT_READY, lambda u: services.case_submit_draft(
            case_id=case.pk, user=u, service_area_id=org.area_a.pk, draft="12 missed.")),
        (cast.ig_manager, Status.DRAFT_READY, lambda u: decide(case, u, Outcome.GRANTED)),
        (cast.ig_officer, Status.AWAITING_AUTHORISATION,
         lambda u: services.case_send_for_authorisation(case_id=case.pk, user=u)),
        (cast.director, Status.DRAFT_READY, lambda u: services.case_return_to_ig(
            case_id=case.pk, user=u, comments="Add the 2024 figure.")),
        (cast.ig_officer, Status.AWAITING_AUTHORISATION,
         lambda u: services.case_send_for_authorisation(case_id=case.pk, user=u)),
        (cast.director, Status.AUTHORISED, lambda u: services.case_authorise(
            case_id=case.pk, user=u)),
        (cast.ig_officer, Status.RESPONDED, lambda u: services.case_send_response(
            case_id=case.pk, user=u)),
        (cast.ig_officer, Status.CLOSED, lambda u: services.case_close(case_id=case.pk, user=u)),
        (cast.ig_manager, Status.RESPONDED, lambda u: services.case_reopen(
            case_id=case.pk, user=u, reason="Requester asked for the spreadsheet.")),
    ]  # fmt: skip
    for user, status, step in steps:
        events, records = case.events.count(), case.history.count()
        step(user)
        assert case.events.count() == events + 1, status
        assert case.history.count() == records + 1, status
        latest = case.history.order_by("-history_id").first()
        assert (latest.status, latest.history_user) == (status, user)
        event = case.events.order_by("-id").first()
        assert event.actor == user
        assert Case.objects.get(pk=case.pk).status == status
