"""Every write to a request case. Each status change is one function that checks the
transitions table, locks the case, changes it, saves it (so history records who and when),
writes a timeline event and queues follow-up work after the transaction commits."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from deadlines.errors import DeadlineError
from organisation import access
from organisation.history import acting_user
from organisation.models import ServiceArea
from requests_app import changes, clock, correspondence, documents, ownership
from requests_app.checks import (
    REFUSALS,
    approval_status,
    authorising_directorates,
    outcomes_for,
    qualified_without_public_interest_test,
)
from requests_app.models import (
    AppliedExemption,
    Assignment,
    Case,
    Channel,
    Correspondence,
    Exemption,
    IcoComplaint,
    Outcome,
    ReferenceCounter,
    Regime,
    Requester,
    ReviewOutcome,
    TimeEntry,
)
from workflow.engine import ActionRefused, apply, record_event


def _apply(*, case_id: int, user, action: str, change, expected_version: int | None) -> Case:
    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action=action,
        change=change,
        expected_version=expected_version,
    )


def assignments_follow(case: Case) -> None:
    """Open assignments carry the case's internal target, which moves with the statutory date
    (a clarification restarting the clock, an extension), as recompute does for holidays."""
    if case.internal_due is None:  # the clock is stopped: keep the last target until it runs
        return
    stale = case.assignments.filter(state=Assignment.State.OPEN).exclude(
        internal_due=case.internal_due
    )
    for assignment in stale:
        assignment.internal_due = case.internal_due
        assignment.save()


def _event(case: Case, user, kind: str, message: str) -> None:
    record_event(case, user, kind, message)


# --- arrival --------------------------------------------------------------------------------


def requester_match(*, name: str, email: str) -> Requester | None:
    """A known requester: the same email address; for a request without one, the same name
    and no email. (A new address never joins a postal requester: the address would be lost.)"""
    if email:
        return Requester.objects.filter(email__iexact=email).order_by("id").first()
    return (
        Requester.objects.filter(name__iexact=name.strip(), email="").order_by("id").first()
        if name.strip()
        else None
    )


def _next_reference(year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"IG-{year}-{counter.last:05d}"


def case_log(
    *,
    user,
    requester: dict,
    channel: str,
    received_at: dt.datetime,
    title: str,
    request_text: str,
    regime: str = Regime.UNCLASSIFIED,
    flags: Iterable[str] = (),
) -> Case:
    """Record a request as it arrived. `user` is None for the public web form."""
    if received_at > timezone.now():
        raise ActionRefused("The date and time received cannot be in the future.")
    with transaction.atomic(), acting_user(user):
        person = requester_match(name=requester["name"], email=requester.get("email", ""))
        if person is None:
            person = Requester.objects.create(**requester)
        case = Case(
            reference=_next_reference(timezone.localdate(received_at).year),
            requester=person,
            channel=channel,
            received_at=received_at,
            title=title,
            request_text=request_text,
            regime=regime,
            created_by=user,
            owner=ownership.owner_on_arrival(logged_by=user, channel=channel),
            **{flag: True for flag in flags},
        )
        clock.refresh_dates(case)
        case.save()
        who = "the public web form" if user is None else str(user)
        _event(case, user, "logged", f"Request logged from {case.get_channel_display()} by {who}.")
        changes.cases_changed([case.pk])
    return case


def case_submit_public(
    *, name: str, email: str, address: str, regime: str, title: str, request_text: str
) -> Case:
    with transaction.atomic():
        case = case_log(
            user=None,
            requester={"name": name, "email": email, "address": address},
            channel=Channel.WEB,
            received_at=timezone.now(),
            title=title,
            request_text=request_text,
            regime=regime,
        )
        correspondence.write(case, Correspondence.Kind.RECEIPT)
    return case


# --- triage ---------------------------------------------------------------------------------


def case_classify(
    *,
    case_id: int,
    user,
    regime: str,
    sar_variant: str = "",
    sar_checks: str = "",
    flags: Iterable[str] = (),
    expected_version: int | None = None,
) -> Case:
    if regime in (Regime.UNCLASSIFIED, Regime.NOT_VALID):
        raise ActionRefused("Choose the regime the request falls under.")
    if sar_variant and regime not in Regime.data_protection():
        raise ActionRefused("Only data-protection requests have a SAR variant.")
    flags = set(flags)

    def change(case):
        before = (case.regime, case.sar_variant, case.sar_checks)
        before_flags = {
            f for f in ("sensitive", "about_councillor", "media", "dataset") if getattr(case, f)
        }
        if before == (regime, sar_variant, sar_checks) and before_flags == flags:
            # Submitting the same classification again would only add noise to the timeline.
            raise ActionRefused("The case is already classified exactly like that.")
        was = case.get_regime_display()
        case.regime, case.sar_variant, case.sar_checks = regime, sar_variant, sar_checks
        for flag in ("sensitive", "about_councillor", "media", "dataset"):
            setattr(case, flag, flag in flags)
        if before[0] == Regime.UNCLASSIFIED:
            return f"Classified as {case.get_regime_display()}."
        return f"Reclassified from {was} to {case.get_regime_display()}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="classify",
        change=change,
    )


def case_mark_not_valid(
    *, case_id: int, user, reason: str, expected_version: int | None = None
) -> Case:
    _require_text(reason, "Say why this is not a valid request.")

    def change(case):
        case.regime = Regime.NOT_VALID
        case.closed_at = timezone.now()
        return f"Marked as not a valid request: {reason}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="mark_not_valid",
        change=change,
    )


def case_acknowledge(*, case_id: int, user, expected_version: int | None = None) -> Case:
    def change(case):
        case.acknowledged_at = timezone.now()
        letter = correspondence.write(case, Correspondence.Kind.ACKNOWLEDGEMENT)
        return f"Acknowledged ({'emailed' if letter.to else 'letter for post'})."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="acknowledge",
        change=change,
    )


def case_ask_clarification(
    *, case_id: int, user, question: str, asked_on: dt.date, expected_version: int | None = None
) -> Case:
    _require_text(question, "Write what you need the requester to clarify.")

    def change(case):
        _not_future(asked_on)
        if asked_on < clock.received_date(case):
            raise ActionRefused("Clarification cannot be asked before the request arrived.")
        case.clarification_asked_on, case.clarified_on = asked_on, None
        # The clock must be able to count this pause (a SAR's cannot start after its month has
        # run out): refuse now, not when the answer arrives and could never be recorded.
        try:
            clock.statutory_deadline(case)
        except DeadlineError as error:
            raise ActionRefused(str(error)) from error
        correspondence.write(case, Correspondence.Kind.CLARIFICATION, extra=question)
        return f"Clarification asked on {asked_on:%d %B %Y}: {question}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="ask_clarification",
        change=change,
    )


def case_record_clarification(
    *, case_id: int, user, received_on: dt.date, summary: str, expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(received_on)
        if received_on < case.clarification_asked_on:
            raise ActionRefused("The clarification cannot arrive before it was asked for.")
        case.clarified_on = received_on
        return f"Clarification received on {received_on:%d %B %Y}: {summary}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_clarification",
        change=change,
    )


def case_ask_id(
    *, case_id: int, user, asked_on: dt.date, expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(asked_on)
        case.id_requested_on = asked_on
        correspondence.write(case, Correspondence.Kind.ID_REQUEST)
        return f"Proof of identity asked for on {asked_on:%d %B %Y}; the clock waits for it."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="ask_id",
        change=change,
    )


def case_record_id(
    *, case_id: int, user, received_on: dt.date, expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(received_on)
        if received_on < clock.received_date(case):
            raise ActionRefused("ID cannot arrive before the request.")
        case.id_received_on = received_on
        return f"Proof of identity received on {received_on:%d %B %Y}; the clock starts."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_id",
        change=change,
    )


# --- service areas --------------------------------------------------------------------------


def case_assign(
    *, case_id: int, user, service_area_ids: Iterable[int], expected_version: int | None = None
) -> Case:
    wanted = set(service_area_ids)
    if not wanted:
        raise ActionRefused("Choose at least one service area.")
    areas = {a.id: a for a in ServiceArea.objects.filter(id__in=wanted)}
    if set(areas) != wanted:
        raise ActionRefused("Choose service areas from the list.")

    def change(case):
        existing = {a.service_area_id: a for a in case.assignments.all()}
        for area_id in wanted:
            assignment = existing.get(area_id)
            if assignment is None:
                assignment = Assignment(
                    case=case,
                    service_area=areas[area_id],
                    assigned_by=user,
                    internal_due=case.internal_due or timezone.localdate(),
                )
            assignment.state = Assignment.State.OPEN
            assignment.save()
        for area_id, assignment in existing.items():
            if area_id not in wanted and assignment.state != Assignment.State.WITHDRAWN:
                assignment.state = Assignment.State.WITHDRAWN
                assignment.save()
        names = ", ".join(sorted(a.name for a in areas.values()))
        due = f"{case.internal_due:%d %B %Y}" if case.internal_due else "no internal date"
        return f"Assigned to {names} (internal target {due})."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="assign",
        change=change,
    )


def _assignment_for(case: Case, user, service_area_id: int) -> Assignment:
    if service_area_id not in access.service_area_ids(user):
        raise ActionRefused("You can only work on cases for your own service areas.")
    assignment = case.assignments.filter(
        service_area_id=service_area_id, state=Assignment.State.OPEN
    ).first()
    if assignment is None:
        raise ActionRefused("That service area has no open assignment on this case.")
    return assignment


def case_record_time(
    *,
    case_id: int,
    user,
    service_area_id: int,
    activity: str,
    minutes: int,
    searches: str,
    expected_version: int | None = None,
) -> Case:
    if minutes <= 0 or minutes > 60 * 200:
        raise ActionRefused("Enter the time spent in minutes, more than 0.")

    def change(case):
        assignment = _assignment_for(case, user, service_area_id)
        TimeEntry.objects.create(
            case=case,
            service_area_id=service_area_id,
            activity=activity,
            minutes=minutes,
            note=searches[:300],
            recorded_by=user,
        )
        if searches:
            assignment.searches_made = "\n".join(filter(None, [assignment.searches_made, searches]))
            assignment.save()
        return f"{assignment.service_area}: {minutes} minutes recorded ({activity})."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_time",
        change=change,
    )


def case_submit_draft(
    *, case_id: int, user, service_area_id: int, draft: str, expected_version: int | None = None
) -> Case:
    _require_text(draft, "Write the draft answer before submitting it.")

    def change(case):
        assignment = _assignment_for(case, user, service_area_id)
        assignment.draft, assignment.state = draft, Assignment.State.SUBMITTED
        assignment.submitted_at = timezone.now()
        assignment.save()
        still_open = case.assignments.filter(state=Assignment.State.OPEN).exists()
        waiting = " Waiting for the other service areas." if still_open else ""
        return f"{assignment.service_area} submitted its draft to IG.{waiting}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="submit_draft",
        change=change,
    )


def case_propose_exemption(
    *,
    case_id: int,
    user,
    exemption_id: int,
    public_interest_test: str = "",
    expected_version: int | None = None,
) -> Case:
    def change(case):
        exemption = Exemption.objects.filter(pk=exemption_id).first()
        if exemption is None:
            raise ActionRefused("Choose an exemption from the library.")
        if case.exemptions.filter(exemption=exemption).exists():
            raise ActionRefused(f"{exemption.code} is already on this case.")
        AppliedExemption.objects.create(
            case=case,
            exemption=exemption,
            public_interest_test=public_interest_test,
            proposed_by=user,
            confirmed_by=user if access.is_ig_manager(user) else None,
        )
        return f"Exemption proposed: {exemption}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="propose_exemption",
        change=change,
    )


# --- decision, authorisation, response ------------------------------------------------------


def case_decide(
    *,
    case_id: int,
    user,
    outcome: str,
    reasons: str,
    response_text: str,
    monitoring_officer_consulted: str = "",
    public_interest_tests: dict[int, str] | None = None,
    expected_version: int | None = None,
) -> Case:
    if outcome in REFUSALS and outcome not in dict(outcomes_for(user)):
        raise ActionRefused("Only the IG manager may decide to withhold information.")
    if outcome not in dict(outcomes_for(user)):
        raise ActionRefused("Choose the outcome.")
    if outcome == Outcome.VEXATIOUS and not monitoring_officer_consulted.strip():
        raise ActionRefused("Record when and how the Monitoring Officer was consulted.")
    if outcome in REFUSALS:
        _require_text(reasons, "Record the reasons for withholding information.")

    def change(case):
        for applied in case.exemptions.select_related("exemption"):
            test = (public_interest_tests or {}).get(applied.pk)
            if test is not None and test != applied.public_interest_test:
                applied.public_interest_test = test
                applied.confirmed_by = user
                applied.save()
        if outcome in REFUSALS:
            missing = qualified_without_public_interest_test(case)
            if missing:
                raise ActionRefused(
                    f"A qualified exemption needs its public-interest test: {', '.join(missing)}."
                )
        case.outcome, case.decision_reasons = outcome, reasons
        case.response_text = response_text
        case.monitoring_officer_consulted = monitoring_officer_consulted
        case.decided_by = user
        return f"Decision recorded: {case.get_outcome_display()}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="decide",
        change=change,
    )


def case_extend(
    *, case_id: int, user, reason: str, notified_on: dt.date, expected_version: int | None = None
) -> Case:
    _require_text(reason, "Give the reason for the extension.")

    def change(case):
        _not_future(notified_on)
        if case.regime in Regime.data_protection() and case.statutory_due:
            if notified_on > case.statutory_due:
                raise ActionRefused(
                    "A SAR extension must be notified within the first month "
                    f"(by {case.statutory_due:%d %B %Y})."
                )
        old = case.statutory_due
        case.extended, case.extension_reason, case.extension_notified_on = True, reason, notified_on
        clock.refresh_dates(case)
        correspondence.write(case, Correspondence.Kind.EXTENSION, extra=reason)
        return f"Deadline extended from {old:%d %B %Y} to {case.statutory_due:%d %B %Y}: {reason}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="extend",
        change=change,
    )


def case_send_for_authorisation(*, case_id: int, user, expected_version: int | None = None) -> Case:
    def change(case):
        case.approvals = []  # a new round: every directorate approves what it is sent now
        names = ", ".join(d.name for d in authorising_directorates(case))
        return f"Sent for authorisation to the director of {names}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="send_for_authorisation",
        change=change,
    )


def case_authorise(
    *, case_id: int, user, comments: str = "", expected_version: int | None = None
) -> Case:
    def change(case):
        now = timezone.now()
        case.approvals = [
            *case.approvals,
            {"directorate": user.directorate_id, "user": user.pk, "at": now.isoformat()},
        ]
        case.authorised_by, case.authorised_at = user, now
        waiting = [d.name for d, approver in approval_status(case) if approver is None]
        still = f" Still waiting for: {', '.join(waiting)}." if waiting else ""
        return (
            f"Release approved for {user.directorate}."
            + (f" {comments}" if comments else "")
            + still
        )

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="authorise",
        change=change,
    )


def case_one_director_for_all(
    *, case_id: int, user, reason: str, expected_version: int | None = None
) -> Case:
    _require_text(reason, "Say why one director may approve for every directorate.")

    def change(case):
        case.one_director_for_all = True
        return f"One director's approval is enough for this case: {reason}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="one_director_for_all",
        change=change,
    )


def case_return_to_ig(
    *, case_id: int, user, comments: str, expected_version: int | None = None
) -> Case:
    _require_text(comments, "Say what needs to change before you can approve it.")

    def change(case):
        case.approvals = []
        return f"Returned by the director: {comments}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="return_to_ig",
        change=change,
    )


def _respond(case: Case) -> str:
    documents.recheck_before_release(case)
    case.responded_at = timezone.now()
    kind = Correspondence.Kind.REVIEW_RESPONSE if case.is_review else Correspondence.Kind.RESPONSE
    letter = correspondence.write(case, kind, with_pdf=True)
    late = case.statutory_due and timezone.localdate(case.responded_at) > case.statutory_due
    timing = "after the statutory date" if late else "within the statutory time"
    return f"Response sent {timing} ({'emailed' if letter.to else 'letter for post'})."


def case_send_response(*, case_id: int, user, expected_version: int | None = None) -> Case:
    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="send_response",
        change=_respond,
    )


def case_release_without_director(
    *, case_id: int, user, expected_version: int | None = None
) -> Case:
    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="release_without_director",
        change=_respond,
    )


def case_close(*, case_id: int, user, expected_version: int | None = None) -> Case:
    def change(case):
        case.closed_at = timezone.now()
        return "Case closed."

    return _apply(
        expected_version=expected_version, case_id=case_id, user=user, action="close", change=change
    )


def case_reopen(*, case_id: int, user, reason: str, expected_version: int | None = None) -> Case:
    _require_text(reason, "Say why the case is being reopened.")

    def change(case):
        case.closed_at = None
        return f"Reopened: {reason}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="reopen",
        change=change,
    )


def case_withdraw(*, case_id: int, user, reason: str, expected_version: int | None = None) -> Case:
    def change(case):
        case.outcome, case.closed_at = Outcome.WITHDRAWN, timezone.now()
        return "Withdrawn by the requester." + (f" {reason}" if reason else "")

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="withdraw",
        change=change,
    )


def case_lapse(*, case_id: int, user, reason: str, expected_version: int | None = None) -> Case:
    _require_text(reason, "Say why the request has lapsed.")

    def change(case):
        case.outcome, case.closed_at = Outcome.LAPSED, timezone.now()
        return f"Lapsed: {reason}"

    return _apply(
        expected_version=expected_version, case_id=case_id, user=user, action="lapse", change=change
    )


# --- internal review and ICO ----------------------------------------------------------------


def case_open_review(
    *,
    case_id: int,
    user,
    received_at: dt.datetime,
    grounds: str,
    expected_version: int | None = None,
) -> Case:
    """Opens the review as a new case linked to the original; returns the review."""
    _require_text(grounds, "Record what the requester is unhappy with.")
    opened = []

    def change(original):
        if timezone.localdate(received_at) < timezone.localdate(original.responded_at):
            raise ActionRefused("A review request cannot arrive before the response was sent.")
        review = case_log(
            user=user,
            requester={"name": original.requester.name, "email": original.requester.email},
            channel=Channel.EMAIL,
            received_at=received_at,
            title=f"Internal review of {original.reference}",
            request_text=grounds,
            regime=original.regime,
        )
        review.review_of = original
        clock.refresh_dates(review)
        review.save()
        opened.append(review)
        return f"Internal review opened as {review.reference}."

    _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="open_review",
        change=change,
    )
    return opened[0]


def review_record_outcome(
    *, case_id: int, user, outcome: str, response_text: str, expected_version: int | None = None
) -> Case:
    if outcome not in ReviewOutcome.values or not outcome:
        raise ActionRefused("Choose the review outcome.")
    _require_text(response_text, "Write the review response.")

    def change(case):
        case.review_outcome, case.response_text, case.decided_by = outcome, response_text, user
        message = _respond(case)
        return f"Review outcome: {case.get_review_outcome_display()}. {message}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_review_outcome",
        change=change,
    )


def ico_complaint_record(
    *,
    case_id: int,
    user,
    ico_reference: str,
    received_on: dt.date,
    expected_version: int | None = None,
    **details,
) -> Case:
    _require_text(ico_reference, "Enter the ICO's reference.")

    def change(case):
        complaint, created = IcoComplaint.objects.update_or_create(
            case=case, ico_reference=ico_reference, defaults={"received_on": received_on, **details}
        )
        return f"ICO complaint {ico_reference} {'recorded' if created else 'updated'}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_ico_complaint",
        change=change,
    )


# --- small guards ---------------------------------------------------------------------------


def _require_text(value: str, message: str) -> None:
    if not (value or "").strip():
        raise ActionRefused(message)


def _not_future(day: dt.date) -> None:
    if day > timezone.localdate():
        raise ActionRefused("That date is in the future.")


def case_hand_back(
    *, case_id: int, user, service_area_id: int, reason: str, expected_version: int | None = None
) -> Case:
    """A service area returns its part to IG: wrong area, or IG must seek clarification."""
    _require_text(reason, "Say why you are handing the case back to IG.")

    def change(case):
        assignment = _assignment_for(case, user, service_area_id)
        assignment.state = Assignment.State.WITHDRAWN
        assignment.save()
        return f"{assignment.service_area} handed the case back to IG: {reason}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="hand_back",
        change=change,
    )


def case_record_councillor_told(
    *, case_id: int, user, told_on: dt.date, expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(told_on)
        case.councillor_told_on = told_on
        return f"The councillor was told of this request on {told_on:%d %B %Y}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_councillor_told",
        change=change,
    )
