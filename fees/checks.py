"""Conditions of the fees actions in the case table, and the lookups they share. Each check sees
the case and the acting user and returns None when met, or the reason in words to act on."""

from django.utils import timezone

from deadlines import rules
from fees.models import AggregationMember, Estimate, FeeNotice
from fees.selectors import aggregation_candidates
from requests_app import clock
from requests_app.models import Regime


def current_estimate(case) -> Estimate | None:
    """The latest estimate that covers the case: its group's when it is aggregated."""
    member = aggregation_of(case)
    if member is not None:
        return Estimate.objects.filter(group_id=member.group_id).first()
    return Estimate.objects.filter(case=case, group__isnull=True).first()


def aggregation_of(case) -> AggregationMember | None:
    try:
        return case.aggregation
    except AggregationMember.DoesNotExist:
        return None


def outstanding_notice(case) -> FeeNotice | None:
    return FeeNotice.objects.filter(case=case, status=FeeNotice.Status.ISSUED).first()


def foi_notice_last_day(case):
    """FOIA s9(1): a fees notice is given within the 20 working days (from a clarification
    when one restarted the clock)."""
    start = case.clarified_on or clock.received_date(case)
    return rules.add_working_days(start, 20)


def chargeable_regime(case, user) -> str | None:
    if case.regime in (Regime.UNCLASSIFIED, Regime.NOT_VALID):
        return "Classify the request as FOI, EIR or a data-protection right first."
    if case.is_review:
        return "An internal review is not charged for."
    return None


def foi_only(case, user) -> str | None:
    if case.regime != Regime.FOI:
        return "Aggregation and the cost limit apply to FOI requests (FOIA s12)."
    return None


def not_aggregated(case, user) -> str | None:
    return "This request is already in an aggregation group." if aggregation_of(case) else None


def aggregation_possible(case, user) -> str | None:
    if not aggregation_candidates(case).exists():
        return "No other open FOI request was received within 60 working days of this one."
    return None


def over_limit_estimate(case, user) -> str | None:
    estimate = current_estimate(case)
    if estimate is None:
        return "Estimate the cost first."
    if not estimate.over_limit:
        return f"The estimate (£{estimate.staff_cost}) is within the appropriate limit."
    return None


def notice_due(case, user) -> str | None:
    """A notice can be issued: an estimate asks for a charge, none is outstanding or paid, and
    (FOI) the 20 working days have not passed."""
    estimate = current_estimate(case)
    if estimate is None:
        return "Estimate the cost first."
    if case.regime in Regime.data_protection() and not estimate.sar_basis:
        return (
            "Subject access is free: a fee may only be charged for a manifestly unfounded or "
            "excessive or a repeat request, or for further copies. Record the basis in the "
            "estimate."
        )
    if case.regime == Regime.FOI and estimate.over_limit and not estimate.charge_over_limit:
        return (
            "The estimate exceeds the appropriate limit: refuse under s12, or estimate again "
            "choosing to charge under s13."
        )
    if estimate.charge <= 0:
        return "The estimate charges nothing, so there is no fee to ask for."
    if case.fee_notices.filter(status=FeeNotice.Status.PAID).exists():
        return "A fee has already been paid on this request."
    if case.regime == Regime.FOI:
        last_day = foi_notice_last_day(case)
        if timezone.localdate() > last_day:
            return (
                f"A fees notice must be given within the 20 working days (FOIA s9(1)); the "
                f"20th working day was {last_day:%A %-d %B %Y}."
            )
    return None


def has_outstanding_notice(case, user) -> str | None:
    return None if outstanding_notice(case) else "There is no fees notice awaiting payment."


def resume_status(case) -> str:
    """Where a case goes when its fee is settled: back to the state it was in at the notice."""
    notice = case.fee_notices.order_by("-id").first()
    return notice.resume_status if notice else case.status
