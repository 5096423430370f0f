"""Reads the fees work shares between checks, forms and services."""

from django.db.models import Q
from django.utils import timezone

from deadlines import reviews, rules
from deadlines.errors import DeadlineError
from requests_app.models import Case, Regime, Status


def aggregation_candidates(case: Case, visible=None):
    """Open FOI requests that could be aggregated with `case`: received within 60 working days
    either side of it, not already grouped and not yet paid for (Leicester/Melton Appendix A
    1.10: requests already paid for are not averaged). `visible`: the user's visible cases."""
    visible = Case.objects.all() if visible is None else visible
    received = timezone.localdate(case.received_at)
    try:
        earliest = rules.working_days_before(received, 59)
        latest = reviews.aggregation_window(received).due
    except DeadlineError:
        return visible.none()
    return visible.filter(
        regime=Regime.FOI,
        received_at__date__gte=earliest,
        received_at__date__lte=latest,
        status__in=[Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.DRAFT_READY],
        aggregation__isnull=True,
        fee_paid_on__isnull=True,
        review_of__isnull=True,
    ).exclude(pk=case.pk)


def aggregation_suggestions(case: Case, visible=None) -> list[Case]:
    """The candidates from the same requester: the same record, email or organisation. Others
    (people acting in concert, a campaign) the officer adds by reference."""
    requester = case.requester
    match = Q(requester=requester)
    if requester.email:
        match |= Q(requester__email__iexact=requester.email)
    if requester.organisation_name:
        match |= Q(requester__organisation_name__iexact=requester.organisation_name)
    candidates = aggregation_candidates(case, visible).filter(match)
    return list(candidates.select_related("requester").order_by("received_at")[:20])
