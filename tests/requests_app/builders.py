"""Cases in any state, built through the real services (so history, events and dates are real)."""

import datetime as dt

from django.utils import timezone

from fees import services as fee_services
from requests_app import services
from requests_app.models import Case, Channel, Exemption, Outcome, Regime, Status


def logged(cast, *, regime=Regime.FOI, days_ago=3, title="Pothole claims 2025", **requester):
    return services.case_log(
        user=cast.ig_officer,
        requester={"name": "Jo Bloggs", "email": "jo@example.org", **requester},
        channel=Channel.EMAIL,
        received_at=timezone.now() - dt.timedelta(days=days_ago),
        title=title,
        request_text="Please send the number of pothole compensation claims in 2025.",
        regime=regime,
    )


def _decided(cast, org, case, outcome=Outcome.GRANTED):
    services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk])
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="312 claims."
    )
    return services.case_decide(
        case_id=case.pk,
        user=cast.ig_manager,
        outcome=outcome,
        reasons="",
        response_text="We received 312 claims in 2025.",
    )


def case_in(status: str, cast, org, *, regime=Regime.FOI) -> Case:
    """A case in `status`, assigned (where the state implies it) to service area A."""
    today = timezone.localdate()
    if status == Status.AWAITING_ID:
        regime = Regime.SAR
    case = logged(cast, regime=regime)
    pk, ig = case.pk, cast.ig_officer
    if status == Status.RECEIVED:
        pass
    elif status in (Status.AWAITING_CLARIFICATION, Status.LAPSED):
        services.case_ask_clarification(case_id=pk, user=ig, question="Which year?", asked_on=today)
        if status == Status.LAPSED:
            services.case_lapse(case_id=pk, user=ig, reason="No reply in three months.")
    elif status == Status.AWAITING_ID:
        services.case_ask_id(case_id=pk, user=ig, asked_on=today)
    elif status == Status.AWAITING_FEE:
        # A real fees notice: 100 sheets of photocopying at the default 10p (£10.00).
        fee_services.fee_estimate_record(
            case_id=pk, user=ig, hours={}, adjustment_reason="", sheets=100
        )
        fee_services.fee_notice_issue(case_id=pk, user=ig)
    elif status == Status.ASSIGNED:
        services.case_assign(case_id=pk, user=ig, service_area_ids=[org.area_a.pk])
    elif status == Status.IN_PROGRESS:
        services.case_assign(case_id=pk, user=ig, service_area_ids=[org.area_a.pk])
        services.case_record_time(
            case_id=pk,
            user=cast.officer_a,
            service_area_id=org.area_a.pk,
            activity="locating",
            minutes=30,
            searches="Claims database",
        )
    elif status == Status.WITHDRAWN:
        services.case_withdraw(case_id=pk, user=ig, reason="Requester no longer needs it.")
    else:
        _decided(cast, org, case)
        steps = [
            (Status.AWAITING_AUTHORISATION, services.case_send_for_authorisation, ig),
            (Status.AUTHORISED, services.case_authorise, cast.director),
            (Status.RESPONDED, services.case_send_response, ig),
            (Status.CLOSED, services.case_close, ig),
        ]
        for reached, step, user in steps:
            if Case.objects.get(pk=pk).status == status:
                break
            step(case_id=pk, user=user)
            if reached == status:
                break
    case = Case.objects.get(pk=pk)
    assert case.status == status, (case.status, status)
    return case


def qualified_exemption():
    return Exemption.objects.filter(qualified=True, law="foi").first()
