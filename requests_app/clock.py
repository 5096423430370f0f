"""The bridge between a case and the statutory clock. No date arithmetic happens here: every
date comes from deadlines/, this module only chooses the rule and the inputs for the case."""

from django.conf import settings
from django.utils import timezone

from deadlines import progress, reviews, rules
from requests_app.models import Case, Regime
from requests_app.statuses import CLOCK_STOPPED


def received_date(case: Case):
    return timezone.localdate(case.received_at)


def statutory_deadline(case: Case, calendar=None):
    """The Deadline (date + working) for the case as it stands, or None before classification.
    `calendar`: the working-day calendar, fetched once by callers that date many cases."""
    received = received_date(case)
    if case.is_review:
        if case.regime == Regime.EIR:
            return reviews.eir_review_due(received=received, calendar=calendar)
        return reviews.foi_review_due(received=received, extended=case.extended, calendar=calendar)
    if case.regime == Regime.FOI:
        return rules.foi_due(
            received=received,
            clarified=case.clarified_on,
            fee_notice=case.fee_notice_on,
            fee_paid=case.fee_paid_on,
            extended=case.extended,
            calendar=calendar,
        )
    if case.regime == Regime.EIR:
        return rules.eir_due(
            received=received,
            clarified=case.clarified_on,
            fee_notice=case.fee_notice_on,
            fee_paid=case.fee_paid_on,
            extended=case.extended,
            calendar=calendar,
        )
    if case.regime in Regime.data_protection():
        return rules.sar_due(
            received=received,
            id_received=case.id_received_on,
            fee_received=case.fee_paid_on,
            clarification_asked=case.clarification_asked_on,
            clarified=case.clarified_on,
            extended=case.extended,
            nation=settings.COUNCIL_NATION,
            calendar=calendar,
        )
    return None


def refresh_dates(case: Case, calendar=None) -> None:
    """Store the statutory date, the internal target and the acknowledgement date on the case
    (not saved: the calling service saves it with everything else it changed)."""
    case.acknowledge_by = rules.add_working_days(
        received_date(case), settings.ACKNOWLEDGEMENT_WORKING_DAYS, calendar=calendar
    )
    deadline = None if case.status in CLOCK_STOPPED else statutory_deadline(case, calendar)
    if deadline is None:
        case.statutory_due = case.internal_due = None
        case.due_provisional = False
        return
    case.statutory_due = deadline.due
    case.due_provisional = deadline.provisional
    case.internal_due = max(
        rules.working_days_before(
            deadline.due, settings.INTERNAL_DUE_WORKING_DAYS_BEFORE, calendar=calendar
        ),
        received_date(case),
    )


def case_progress(case: Case, today, calendar=None):
    """'Day 7 of 20' for an open case (deadlines.progress), or None: a finished or unclassified
    case, or one waiting for the requester before its clock has started, has no day to show."""
    if case.is_finished:
        return None
    try:
        deadline = statutory_deadline(case, calendar)
    except ValueError:  # DeadlineError: the case page shows the error with the working
        return None
    if deadline is None:
        return None
    # While the council waits for the requester only a clock stopped part-way (FOI fee,
    # data-subject clarification) has a day to show; one that restarts or has not started, none.
    if case.status in CLOCK_STOPPED and deadline.stopped_on is None:
        return None
    return progress.progress(deadline, today, calendar=calendar)
