"""Decision, authorisation, response, closure, internal reviews and ICO complaints."""

import datetime as dt
from functools import partial

from django.utils import timezone

from requests_app import clock, correspondence, delivery, documents
from requests_app.checks import (
    REFUSALS,
    approval_status,
    authorising_directorates,
    outcomes_for,
    qualified_without_public_interest_test,
)
from requests_app.models import (
    Case,
    Channel,
    Correspondence,
    IcoComplaint,
    Outcome,
    Regime,
    ReviewOutcome,
)
from requests_app.services.arrival import case_log
from requests_app.services.common import _apply, _not_future, _require_text
from workflow.engine import ActionRefused

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
    *,
    case_id: int,
    user,
    reason: str,
    notified_on: dt.date,
    body: str = "",
    expected_version: int | None = None,
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
        correspondence.write(case, Correspondence.Kind.EXTENSION, extra=reason, body=body)
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


def _respond(case: Case, body: str = "") -> str:
    """`body`: the letter as the officer previewed and edited it (empty: the template's)."""
    documents.recheck_before_release(case)
    # Checked here as well as on the transition row: a review's response text arrives with
    # the action itself.
    refused = delivery.refusal(case, body or case.response_text)
    if refused:
        raise ActionRefused(refused)
    case.responded_at = timezone.now()
    kind = Correspondence.Kind.REVIEW_RESPONSE if case.is_review else Correspondence.Kind.RESPONSE
    # Worked out once: the letter's wording and what goes with it agree.
    sending = delivery.for_letter(case)
    letter = correspondence.write(
        case, kind, with_pdf=True, body=body, enclosures=delivery.blocks(sending)
    )
    sent = delivery.summary(delivery.record(case, letter))
    late = case.statutory_due and timezone.localdate(case.responded_at) > case.statutory_due
    timing = "after the statutory date" if late else "within the statutory time"
    return f"Response sent {timing} ({'emailed' if letter.to else 'letter for post'}).{sent}"


def case_send_response(
    *, case_id: int, user, body: str = "", expected_version: int | None = None
) -> Case:
    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="send_response",
        change=partial(_respond, body=body),
    )


def case_release_without_director(
    *, case_id: int, user, body: str = "", expected_version: int | None = None
) -> Case:
    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="release_without_director",
        change=partial(_respond, body=body),
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
    *,
    case_id: int,
    user,
    outcome: str,
    response_text: str,
    body: str = "",
    expected_version: int | None = None,
) -> Case:
    if outcome not in ReviewOutcome.values or not outcome:
        raise ActionRefused("Choose the review outcome.")
    _require_text(response_text, "Write the review response.")

    def change(case):
        case.review_outcome, case.response_text, case.decided_by = outcome, response_text, user
        message = _respond(case, body)
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
