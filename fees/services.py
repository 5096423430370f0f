"""Every write the fees work makes. Case actions go through `workflow.engine.apply` (lock,
table, version, history, timeline); the notice's PDF is rendered after the commit, never while
the case row is locked."""

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from deadlines import reviews, rules
from fees import charges, letters
from fees.checks import aggregation_of, current_estimate, notice_due, outstanding_notice
from fees.models import AggregationGroup, AggregationMember, Estimate, FeeNotice, PaymentMethod
from requests_app.models import Case, Correspondence, Outcome, Regime, TimeEntry
from workflow.engine import ActionRefused, Change, apply, record_event

logger = logging.getLogger(__name__)
ACTIVITIES = ("determining", "locating", "retrieving", "extracting")


def _apply(*, case_id: int, user, action: str, change, expected_version: int | None) -> Case:
    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action=action,
        change=change,
        expected_version=expected_version,
    )


def group_cases(case: Case) -> list[Case]:
    """The requests an estimate for `case` covers: its aggregation group, or itself."""
    member = aggregation_of(case)
    if member is None:
        return [case]
    return list(
        Case.objects.filter(aggregation__group_id=member.group_id).order_by("received_at", "pk")
    )


def recorded_minutes(cases: list[Case]) -> dict[str, int]:
    """Minutes the service areas recorded per chargeable activity on these cases."""
    minutes = dict.fromkeys(ACTIVITIES, 0)
    for activity, value in TimeEntry.objects.filter(case__in=cases).values_list(
        "activity", "minutes"
    ):
        minutes[activity] = minutes.get(activity, 0) + value
    return minutes


def inputs_for(estimate: Estimate, regime: str) -> charges.Inputs:
    return charges.Inputs(
        regime=regime,
        hours=estimate.hours,
        hourly_rate=estimate.hourly_rate,
        limit=estimate.appropriate_limit,
        sheets=estimate.sheets,
        pence_per_sheet=estimate.pence_per_sheet,
        postage=estimate.postage,
        format_hours=estimate.format_hours,
        inspection_only=estimate.inspection_only,
        vat_applies=estimate.vat_applies,
        vat_percent=estimate.vat_percent,
        de_minimis=estimate.de_minimis,
        charge_over_limit=estimate.charge_over_limit,
        requests=estimate.requests,
    )


def result_for(estimate: Estimate, case: Case) -> charges.Result:
    return charges.calculate(inputs_for(estimate, case.regime))


def fee_estimate_record(
    *,
    case_id: int,
    user,
    hours: dict[str, Decimal],
    adjustment_reason: str = "",
    sheets: int = 0,
    postage: Decimal = Decimal("0"),
    format_hours: Decimal = Decimal("0"),
    inspection_only: bool = False,
    vat_applies: bool = False,
    charge_over_limit: bool = False,
    sar_basis: str = "",
    expected_version: int | None = None,
) -> Case:
    hours = {activity: Decimal(hours.get(activity) or 0) for activity in ACTIVITIES}
    if any(value < 0 for value in hours.values()) or min(postage, format_hours) < 0 or sheets < 0:
        raise ActionRefused("Hours, sheets and amounts cannot be negative.")
    if sar_basis not in Estimate.SarBasis.values:
        raise ActionRefused("Choose the basis for a subject-access fee from the list.")

    def change(case):
        cases = group_cases(case)
        recorded = recorded_minutes(cases)
        prefilled = {a: charges.hours_from_minutes(recorded[a]) for a in ACTIVITIES}
        if hours != prefilled and not adjustment_reason.strip():
            raise ActionRefused(
                "The hours differ from the time the service areas recorded: say why."
            )
        member = aggregation_of(case)
        estimate = Estimate(
            case=case,
            group_id=member.group_id if member else None,
            requests=len(cases),
            determining_hours=hours["determining"],
            locating_hours=hours["locating"],
            retrieving_hours=hours["retrieving"],
            extracting_hours=hours["extracting"],
            recorded_minutes=recorded,
            adjustment_reason=adjustment_reason.strip(),
            hourly_rate=settings.HOURLY_RATE,
            appropriate_limit=settings.APPROPRIATE_LIMIT,
            sheets=sheets,
            pence_per_sheet=settings.PHOTOCOPY_PENCE_PER_SHEET,
            postage=postage,
            format_hours=format_hours,
            inspection_only=inspection_only and case.regime == Regime.EIR,
            vat_applies=vat_applies,
            vat_percent=settings.FEES_VAT_PERCENT,
            de_minimis=settings.FEES_DE_MINIMIS,
            charge_over_limit=charge_over_limit and case.regime == Regime.FOI,
            sar_basis=sar_basis if case.regime in Regime.data_protection() else "",
        )
        result = result_for(estimate, case)
        estimate.staff_cost, estimate.over_limit = result.staff_cost, result.over_limit
        estimate.group_total, estimate.charge = result.group_total, result.charge
        estimate.made_by = user
        estimate.save()
        summary = f"Estimated {result.staff_hours} hours of chargeable work: £{result.staff_cost}"
        if case.regime == Regime.FOI:
            verdict = "over" if result.over_limit else "within"
            summary += f", {verdict} the £{estimate.appropriate_limit} appropriate limit"
        summary += f". Charge for this request: £{result.charge}."
        if estimate.adjustment_reason:
            summary += f" Hours adjusted: {estimate.adjustment_reason}"
        return summary

    return _apply(
        case_id=case_id,
        user=user,
        action="estimate_fees",
        change=change,
        expected_version=expected_version,
    )


# --- aggregation ----------------------------------------------------------------------------


def fee_aggregate(
    *,
    case_id: int,
    user,
    others: list[Case],
    basis: str,
    reason: str,
    expected_version: int | None = None,
) -> Case:
    if not others:
        raise ActionRefused("Choose at least one other request to aggregate with this one.")
    if basis not in AggregationGroup.Basis.values:
        raise ActionRefused("Choose why the requests may be aggregated.")
    if not reason.strip():
        raise ActionRefused("Say how the requests relate to the same or similar information.")

    def change(case):
        members = [case, *[o for o in others if o.pk != case.pk]]
        for other in members:
            other.refresh_from_db()
            if other.regime != Regime.FOI or other.is_finished or other.is_review:
                raise ActionRefused(f"{other.reference} is not an open FOI request.")
            if AggregationMember.objects.filter(case=other).exists():
                raise ActionRefused(f"{other.reference} is already in an aggregation group.")
            if other.fee_paid_on:
                raise ActionRefused(
                    f"{other.reference} has been paid for; its costs are not averaged."
                )
        if basis == AggregationGroup.Basis.SAME_REQUESTER and any(
            o.requester_id != case.requester_id for o in members
        ):
            raise ActionRefused(
                "Not every request is from the same requester: choose 'acting in concert' or "
                "'campaign' if that is the link."
            )
        days = sorted(timezone.localdate(o.received_at) for o in members)
        window_end = reviews.aggregation_window(days[0]).due
        if days[-1] > window_end:
            raise ActionRefused(
                f"The requests were not all received within 60 consecutive working days: the "
                f"period beginning {days[0]:%-d %B %Y} ends {window_end:%-d %B %Y}."
            )
        group = AggregationGroup.objects.create(
            basis=basis, reason=reason.strip(), confirmed_by=user
        )
        AggregationMember.objects.bulk_create(
            AggregationMember(group=group, case=o) for o in members
        )
        references = ", ".join(o.reference for o in members)
        message = (
            f"Aggregated for the cost estimate with {references} "
            f"({AggregationGroup.Basis(basis).label.lower()}): {reason.strip()}"
        )
        for other in members[1:]:
            record_event(other, user, "aggregate_requests", message)
        return message

    return _apply(
        case_id=case_id,
        user=user,
        action="aggregate_requests",
        change=change,
        expected_version=expected_version,
    )


# --- s12 refusal ----------------------------------------------------------------------------


def fee_cost_limit_refuse(
    *, case_id: int, user, advice: str, expected_version: int | None = None
) -> Case:
    """FOIA s12 refusal with the advice and assistance s16 requires on narrowing the request."""
    if not advice.strip():
        raise ActionRefused("Give the requester advice and assistance on narrowing the request.")

    def change(case):
        estimate = current_estimate(case)
        result = result_for(estimate, case)
        case.outcome = Outcome.COST_LIMIT
        case.decided_by = user
        case.decision_reasons = letters.cost_limit_reasons(estimate, result)
        case.response_text = letters.cost_limit_response(case, estimate, result, advice.strip())
        return f"Refused under s12: £{result.staff_cost} exceeds £{estimate.appropriate_limit}."

    return _apply(
        case_id=case_id,
        user=user,
        action="refuse_cost_limit",
        change=change,
        expected_version=expected_version,
    )


# --- the fees notice ------------------------------------------------------------------------


def last_day_to_pay(case: Case, notice_day: dt.date) -> dt.date:
    """FOIA s9(2): three months beginning with the notice day (also used for SAR fees, for
    which no period is set). EIR advance payment: 60 working days (SPEC section 2)."""
    if case.regime == Regime.EIR:
        return rules.eir_payment_last_day(notice_day)
    return rules.fee_lapse_date(notice_day)


def fee_notice_issue(*, case_id: int, user, expected_version: int | None = None) -> Case:
    def change(case):
        reason = notice_due(case, user)  # checked again under the lock
        if reason:
            raise ActionRefused(reason)
        estimate = current_estimate(case)
        result = result_for(estimate, case)
        today = timezone.localdate()
        pay_by = last_day_to_pay(case, today)
        letter = Correspondence.objects.create(
            case=case,
            kind=Correspondence.Kind.FEES_NOTICE,
            to="",  # addressed once the PDF exists, so it is never sent without it
            subject=letters.subject(case, "Fees notice"),
            body=letters.notice_body(case, result, today, pay_by),
        )
        notice = FeeNotice.objects.create(
            case=case,
            estimate=estimate,
            amount=result.charge,
            lines=[[line.label, str(line.amount)] for line in result.lines],
            vat=result.vat,
            notes=list(result.notes),
            issued_on=today,
            pay_by=pay_by,
            resume_status=case.status,
            letter=letter,
            issued_by=user,
        )
        case.fee_notice_on, case.fee_paid_on = today, None
        return Change(
            f"Fees notice for £{notice.amount} issued; the clock is stopped until the fee "
            f"arrives. Last day to pay: {pay_by:%A %-d %B %Y}.",
            after_commit=[lambda: _render_or_leave_to_sweep(notice.pk)],
        )

    return _apply(
        case_id=case_id,
        user=user,
        action="issue_fee_notice",
        change=change,
        expected_version=expected_version,
    )


def fee_notice_render(*, notice_id: int) -> bool:
    """Render the notice's PDF and send it. Runs after the commit (and from the sweep if that
    failed); locks only the letter, so it is safe to run twice."""
    notice = FeeNotice.objects.select_related("case__requester", "letter").get(pk=notice_id)
    if notice.letter is None or notice.letter.pdf:
        return False
    pdf = letters.notice_pdf(notice)  # slow: outside any lock
    with transaction.atomic():
        letter = Correspondence.objects.select_for_update().get(pk=notice.letter_id)
        if letter.pdf:
            return False
        letters.attach_pdf(letter, pdf, f"{notice.case.reference}-fees-notice.pdf")
        letter.to = notice.case.requester.email
        letter.save()
        letters.email_letter(letter)
    return True


def _render_or_leave_to_sweep(notice_id: int) -> None:
    # The notice is committed whatever happens here: a PDF that cannot be made now (fonts,
    # disk) is made by the periodic sweep, and the person issuing it does not see an error.
    try:
        fee_notice_render(notice_id=notice_id)
    except Exception:
        logger.exception("could not make the PDF of fees notice %s; the sweep will", notice_id)


def render_pending() -> int:
    pending = FeeNotice.objects.filter(letter__isnull=False, letter__pdf="")
    return sum(fee_notice_render(notice_id=pk) for pk in pending.values_list("pk", flat=True))


def _outstanding(case: Case) -> FeeNotice:
    notice = outstanding_notice(case)
    if notice is None:
        raise ActionRefused("There is no fees notice awaiting payment.")
    return notice


def _settle(notice: FeeNotice, status: str, *, paid_on=None, reason: str = "") -> FeeNotice:
    notice.status = status
    notice.paid_on = paid_on
    notice.closed_reason = reason
    notice.closed_on = timezone.localdate()
    notice.save()
    return notice


def cleared_on(received_on: dt.date) -> dt.date:
    """A cheque counts as cleared this many working days after it arrives (Appendix A 1.4)."""
    return rules.add_working_days(received_on, settings.FEES_CHEQUE_CLEARING_WORKING_DAYS)


def fee_payment_record(
    *,
    case_id: int,
    user,
    method: str,
    received_on: dt.date,
    cleared: dt.date | None = None,
    expected_version: int | None = None,
) -> Case:
    if method not in PaymentMethod.values:
        raise ActionRefused("Choose how the fee was paid.")
    if received_on > timezone.localdate():
        raise ActionRefused("The payment date is in the future.")

    def change(case):
        notice = _outstanding(case)
        if received_on < notice.issued_on:
            raise ActionRefused(
                f"The payment is dated before the fees notice was given "
                f"({notice.issued_on:%-d %B %Y})."
            )
        if received_on > notice.pay_by:
            raise ActionRefused(
                f"The last day to pay was {notice.pay_by:%-d %B %Y}: the request has lapsed."
            )
        paid_on = received_on
        how = PaymentMethod(method).label.lower()
        detail = ""
        if method == PaymentMethod.CHEQUE:
            paid_on = cleared or cleared_on(received_on)
            if paid_on < received_on:
                raise ActionRefused("A cheque cannot clear before it arrives.")
            rule = (
                "as recorded"
                if cleared
                else (f"{settings.FEES_CHEQUE_CLEARING_WORKING_DAYS} working days after it arrived")
            )
            detail = f"; it counts as received when cleared, {paid_on:%A %-d %B %Y} ({rule})"
        if paid_on > notice.pay_by:
            raise ActionRefused(
                f"The cheque clears on {paid_on:%-d %B %Y}, after the last day to pay "
                f"({notice.pay_by:%-d %B %Y}): record the date it actually cleared."
            )
        notice.payment_method, notice.payment_received_on = method, received_on
        _settle(notice, FeeNotice.Status.PAID, paid_on=paid_on)
        case.fee_paid_on = paid_on
        return (
            f"Fee of £{notice.amount} received by {how} on {received_on:%A %-d %B %Y}{detail}. "
            "The clock restarts: the days from the notice to the fee are disregarded."
        )

    return _apply(
        case_id=case_id,
        user=user,
        action="record_fee_payment",
        change=change,
        expected_version=expected_version,
    )


def fee_waive(*, case_id: int, user, reason: str, expected_version: int | None = None) -> Case:
    if not reason.strip():
        raise ActionRefused("Say why the fee is waived.")

    def change(case):
        notice = _settle(_outstanding(case), FeeNotice.Status.WAIVED, reason=reason.strip())
        # The clock restarts today, as if the fee had arrived: the days the requester was
        # waiting on the notice stay disregarded.
        case.fee_paid_on = notice.closed_on
        return f"Fee of £{notice.amount} waived (decision): {reason.strip()}"

    return _apply(
        case_id=case_id,
        user=user,
        action="waive_fee",
        change=change,
        expected_version=expected_version,
    )


def fee_notice_cancel(
    *, case_id: int, user, reason: str, expected_version: int | None = None
) -> Case:
    if not reason.strip():
        raise ActionRefused("Say why the fees notice is cancelled.")

    def change(case):
        notice = _settle(_outstanding(case), FeeNotice.Status.CANCELLED, reason=reason.strip())
        # Withdrawn as if never given: the clock runs from receipt as before.
        case.fee_notice_on = case.fee_paid_on = None
        return f"Fees notice for £{notice.amount} cancelled: {reason.strip()}"

    return _apply(
        case_id=case_id,
        user=user,
        action="cancel_fee_notice",
        change=change,
        expected_version=expected_version,
    )
