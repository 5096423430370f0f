"""Estimates, fees notices, payments and their effect on the clock, through the services.

Dates are worked by hand (FOI working days skip weekends and every UK bank holiday); the SPEC's
worked example 4 is the first test. A refused action changes nothing."""

import datetime as dt
from decimal import Decimal as D

import pytest

from fees import services as fees
from fees import sweeps
from fees.models import Estimate, FeeNotice
from requests_app import services
from requests_app.models import Case, Correspondence, Event, Outcome, Regime, Status
from tests.fees.helpers import estimate, logged, notice_of, on, with_notice
from workflow.engine import ActionRefused

D0 = D("0")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def snapshot(case):
    return (
        Case.objects.filter(pk=case.pk).values().get(),
        Event.objects.filter(case=case).count(),
        list(FeeNotice.objects.filter(case=case).values()),
        Estimate.objects.filter(case=case).count(),
        Correspondence.objects.filter(case=case).count(),
    )


def refused(call, case, match):
    before = snapshot(case)
    with pytest.raises(ActionRefused, match=match):
        call()
    assert snapshot(case) == before


def test_spec_example_4_fee_paid_moves_the_due_date_by_the_disregarded_days(cast, org):
    # Received Mon 2 Feb 2026: due Mon 2 Mar. Notice Mon 9 Feb (day 5); fee Fri 20 Feb: the
    # ten working days 9-20 Feb are disregarded, so the due date is Mon 16 Mar 2026.
    case = logged(cast, dt.date(2026, 2, 2))
    assert case.statutory_due == dt.date(2026, 3, 2)
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    assert case.status == Status.AWAITING_FEE
    assert case.statutory_due is None  # the clock is stopped
    assert case.fee_notice_on == dt.date(2026, 2, 9)
    notice = notice_of(case)
    assert (notice.amount, notice.pay_by) == (D("10.00"), dt.date(2026, 5, 8))
    with on(dt.date(2026, 2, 20)):
        fees.fee_payment_record(
            case_id=case.pk, user=cast.ig_officer, method="card", received_on=dt.date(2026, 2, 20)
        )
    case.refresh_from_db()
    assert case.status == Status.RECEIVED
    assert case.fee_paid_on == dt.date(2026, 2, 20)
    assert case.statutory_due == dt.date(2026, 3, 16)
    assert notice_of(case).status == FeeNotice.Status.PAID


def test_a_fee_paid_on_the_notice_day_disregards_that_one_day(cast, org):
    # Notice and payment on Mon 9 Feb: one working day disregarded, Mon 2 Mar -> Tue 3 Mar.
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    with on(dt.date(2026, 2, 9), hour=15):
        fees.fee_payment_record(
            case_id=case.pk, user=cast.ig_officer, method="cash", received_on=dt.date(2026, 2, 9)
        )
    case.refresh_from_db()
    assert case.statutory_due == dt.date(2026, 3, 3)


def test_a_cheque_clears_four_working_days_later_over_a_weekend_and_a_bank_holiday(cast, org):
    # Received Mon 13 Apr 2026 (due Tue 12 May). Notice Wed 15 Apr. Cheque arrives Thu 30 Apr
    # and clears on the 4th working day: Fri 1 May (1), [Sat 2, Sun 3, Mon 4 May bank
    # holiday], Tue 5 (2), Wed 6 (3), Thu 7 May (4). Disregarded: 15 Apr - 7 May inclusive,
    # 16 working days; the 36th working day after 13 Apr (25 May skipped) is Thu 4 Jun 2026.
    case = with_notice(cast, dt.date(2026, 4, 13), dt.date(2026, 4, 15))
    with on(dt.date(2026, 4, 30)):
        fees.fee_payment_record(
            case_id=case.pk, user=cast.ig_officer, method="cheque", received_on=dt.date(2026, 4, 30)
        )
    case.refresh_from_db()
    notice = notice_of(case)
    assert notice.payment_received_on == dt.date(2026, 4, 30)
    assert notice.paid_on == case.fee_paid_on == dt.date(2026, 5, 7)
    assert case.statutory_due == dt.date(2026, 6, 4)
    message = Event.objects.filter(case=case, kind="record_fee_payment").get().message
    assert "Thursday 7 May 2026" in message


def test_a_cheque_cleared_on_a_recorded_day(cast, org):
    case = with_notice(cast, dt.date(2026, 4, 13), dt.date(2026, 4, 15))
    with on(dt.date(2026, 4, 30)):
        fees.fee_payment_record(
            case_id=case.pk,
            user=cast.ig_officer,
            method="cheque",
            received_on=dt.date(2026, 4, 30),
            cleared=dt.date(2026, 5, 1),
        )
    assert Case.objects.get(pk=case.pk).fee_paid_on == dt.date(2026, 5, 1)


def test_a_payment_dated_before_the_notice_or_in_the_future_is_refused(cast, org):
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    with on(dt.date(2026, 2, 12)):
        refused(
            lambda: fees.fee_payment_record(
                case_id=case.pk,
                user=cast.ig_officer,
                method="card",
                received_on=dt.date(2026, 2, 6),
            ),
            case,
            "before the fees notice",
        )
        refused(
            lambda: fees.fee_payment_record(
                case_id=case.pk,
                user=cast.ig_officer,
                method="card",
                received_on=dt.date(2026, 2, 13),
            ),
            case,
            "in the future",
        )


def test_a_notice_after_the_20th_working_day_is_refused(cast, org):
    # Received Mon 2 Feb 2026: the 20th working day is Mon 2 Mar; on Tue 3 Mar it is too late.
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 3)):
        estimate(cast, case)
    case.refresh_from_db()
    with on(dt.date(2026, 3, 3)):
        refused(
            lambda: fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer),
            case,
            r"within the 20 working days .* Monday 2 March 2026",
        )
    with on(dt.date(2026, 3, 2)):
        fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    assert Case.objects.get(pk=case.pk).status == Status.AWAITING_FEE


def test_negative_hours_are_refused(cast, org):
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 3)):
        refused(
            lambda: estimate(cast, case, hours={"locating": D("-2")}),
            case,
            "cannot be negative",
        )


def test_hours_prefilled_from_recorded_time_need_a_reason_to_change(cast, org):
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 3)):
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk]
        )
        for activity, minutes in (("locating", 90), ("determining", 30), ("locating", 30)):
            services.case_record_time(
                case_id=case.pk,
                user=cast.officer_a,
                service_area_id=org.area_a.pk,
                activity=activity,
                minutes=minutes,
                searches="",
            )
        recorded = {
            "determining": D("0.50"),
            "locating": D("2.00"),
            "retrieving": D0,
            "extracting": D0,
        }
        case.refresh_from_db()
        refused(
            lambda: fees.fee_estimate_record(
                case_id=case.pk, user=cast.ig_officer, hours={**recorded, "extracting": D("3")}
            ),
            case,
            "say why",
        )
        fees.fee_estimate_record(case_id=case.pk, user=cast.ig_officer, hours=recorded)
    saved = Estimate.objects.get(case=case)
    assert saved.recorded_minutes == {
        "determining": 30,
        "locating": 120,
        "retrieving": 0,
        "extracting": 0,
    }
    assert (saved.staff_cost, saved.over_limit, saved.charge) == (D("62.50"), False, D("0.00"))


def test_over_the_limit_the_ig_manager_refuses_under_s12_with_advice(cast, org):
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 4)):
        estimate(cast, case, hours={"locating": D("10"), "extracting": D("8.01")}, sheets=0)
        case.refresh_from_db()
        refused(
            lambda: fees.fee_cost_limit_refuse(
                case_id=case.pk, user=cast.ig_officer, advice="Ask for one year."
            ),
            case,
            "permission",
        )
        refused(
            lambda: fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer),
            case,
            "refuse under s12",
        )
        fees.fee_cost_limit_refuse(
            case_id=case.pk, user=cast.ig_manager, advice="Ask for 2025 only: about 6 hours."
        )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.decided_by) == (
        Status.DRAFT_READY,
        Outcome.COST_LIMIT,
        cast.ig_manager,
    )
    assert "18.01 hours at £25.00 an hour = £450.25" in case.decision_reasons
    assert "Ask for 2025 only" in case.response_text


def test_exactly_at_the_limit_there_is_no_s12_refusal(cast, org):
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 4)):
        estimate(cast, case, hours={"locating": D("18")}, sheets=0)
        case.refresh_from_db()
        refused(
            lambda: fees.fee_cost_limit_refuse(
                case_id=case.pk, user=cast.ig_manager, advice="Narrow it."
            ),
            case,
            "within the appropriate limit",
        )


def test_below_the_de_minimis_there_is_no_notice(cast, org):
    case = logged(cast, dt.date(2026, 2, 2))
    with on(dt.date(2026, 2, 4)):
        estimate(cast, case, sheets=57)  # £5.70
        case.refresh_from_db()
        refused(
            lambda: fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer),
            case,
            "charges nothing",
        )
        estimate(cast, case, sheets=58)  # £5.80
        fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    assert notice_of(case).amount == D("5.80")


def test_a_subject_access_fee_needs_a_basis_and_the_month_starts_on_payment(cast, org):
    case = logged(cast, dt.date(2026, 3, 2), regime=Regime.SAR)
    with on(dt.date(2026, 3, 3)):
        estimate(cast, case, hours={"locating": D("3")}, sheets=0)
        case.refresh_from_db()
        refused(
            lambda: fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer),
            case,
            "manifestly unfounded or excessive",
        )
        estimate(cast, case, hours={"locating": D("3")}, sheets=0, sar_basis="excessive")
        fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    assert notice_of(case).amount == D("75.00")
    with on(dt.date(2026, 3, 10)):
        fees.fee_payment_record(
            case_id=case.pk, user=cast.ig_officer, method="card", received_on=dt.date(2026, 3, 10)
        )
    # One month from the fee (Tue 10 Mar 2026): Fri 10 Apr 2026.
    assert Case.objects.get(pk=case.pk).statutory_due == dt.date(2026, 4, 10)


def test_waiving_is_the_ig_managers_decision_and_restarts_the_clock(cast, org):
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    with on(dt.date(2026, 2, 11)):
        refused(
            lambda: fees.fee_waive(case_id=case.pk, user=cast.ig_officer, reason="Hardship."),
            case,
            "permission",
        )
        fees.fee_waive(case_id=case.pk, user=cast.ig_manager, reason="Hardship.")
    case.refresh_from_db()
    # 9-11 Feb disregarded (3 working days): Mon 2 Mar -> Thu 5 Mar.
    assert (case.status, case.fee_paid_on, case.statutory_due) == (
        Status.RECEIVED,
        dt.date(2026, 2, 11),
        dt.date(2026, 3, 5),
    )
    assert notice_of(case).status == FeeNotice.Status.WAIVED


def test_cancelling_a_notice_puts_the_clock_back_as_if_never_given(cast, org):
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    with on(dt.date(2026, 2, 11)):
        fees.fee_notice_cancel(case_id=case.pk, user=cast.ig_officer, reason="Issued in error.")
    case.refresh_from_db()
    assert (case.status, case.fee_notice_on, case.statutory_due) == (
        Status.RECEIVED,
        None,
        dt.date(2026, 3, 2),
    )
    assert notice_of(case).status == FeeNotice.Status.CANCELLED


def test_withdrawing_a_request_awaiting_its_fee_cancels_the_notice_at_the_next_sweep(cast, org):
    case = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    other = with_notice(cast, dt.date(2026, 2, 2), dt.date(2026, 2, 9))
    with on(dt.date(2026, 2, 11)):
        services.case_withdraw(case_id=case.pk, user=cast.ig_officer, reason="")
        services.case_lapse(case_id=other.pk, user=cast.ig_officer, reason="Told us to stop.")
        assert sweeps.lapse_due() == 0  # nothing is past its last day to pay
    assert notice_of(case).status == FeeNotice.Status.CANCELLED
    assert notice_of(other).status == FeeNotice.Status.LAPSED


def test_an_eir_charge_is_payable_within_60_working_days(cast, org):
    # Notice Mon 9 Feb 2026: the 60th working day after it is Fri 8 May 2026 (skipping
    # 17 Mar (Northern Ireland), Good Friday 3 Apr, Easter Monday 6 Apr and 4 May).
    case = logged(cast, dt.date(2026, 2, 2), regime=Regime.EIR)
    with on(dt.date(2026, 2, 9)):
        estimate(cast, case, hours={"locating": D("2")}, sheets=20)
        fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    notice = notice_of(case)
    assert (notice.amount, notice.pay_by) == (D("52.00"), dt.date(2026, 5, 8))


def test_an_eir_charge_paid_moves_the_due_date_by_the_disregarded_days(cast, org):
    # EIR received Mon 2 Feb 2026: due Mon 2 Mar. Notice Mon 9 Feb, paid Fri 13 Feb: the five
    # working days 9-13 Feb are disregarded (reg 8, as FOIA s10(2)), so the due date is Mon 9 Mar.
    case = logged(cast, dt.date(2026, 2, 2), regime=Regime.EIR)
    assert case.statutory_due == dt.date(2026, 3, 2)
    with on(dt.date(2026, 2, 9)):
        estimate(cast, case, hours={"locating": D("2")}, sheets=20)
        fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    case.refresh_from_db()
    assert (case.status, case.statutory_due) == (Status.AWAITING_FEE, None)
    with on(dt.date(2026, 2, 13)):
        fees.fee_payment_record(
            case_id=case.pk, user=cast.ig_officer, method="card", received_on=dt.date(2026, 2, 13)
        )
    case.refresh_from_db()
    assert case.statutory_due == dt.date(2026, 3, 9)
