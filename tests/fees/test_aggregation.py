"""Aggregated requests (FOIA s12(4), Fees Regs reg 5; Appendix A 1.9-1.10)."""

import datetime as dt
from decimal import Decimal as D

import pytest

from fees import services as fees
from fees.models import AggregationMember, FeeNotice
from fees.selectors import aggregation_suggestions
from requests_app.models import Case
from tests.fees.helpers import logged, on
from workflow.engine import ActionRefused


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_group_of_three_shares_the_estimate_and_each_is_charged_the_average(cast, org):
    first = logged(cast, dt.date(2026, 1, 5), title="Claims 2023")
    second = logged(cast, dt.date(2026, 1, 12), title="Claims 2024")
    third = logged(cast, dt.date(2026, 1, 19), title="Claims 2025")
    logged(cast, dt.date(2026, 1, 19), name="Someone Else", email="else@example.org")
    with on(dt.date(2026, 1, 20)):
        suggested = aggregation_suggestions(first)
        assert [c.pk for c in suggested] == [second.pk, third.pk]
        fees.fee_aggregate(
            case_id=first.pk,
            user=cast.ig_officer,
            others=[second, third],
            basis="same_requester",
            reason="All ask for pothole claims, by year.",
        )
        # The group: 21 hours (£525, over £450), charged under s13, plus 90 sheets (£9.00):
        # £534.00 for the three, £178.00 each.
        fees.fee_estimate_record(
            case_id=second.pk,
            user=cast.ig_officer,
            hours={"locating": D("12"), "extracting": D("9")},
            adjustment_reason="Sampled one year and multiplied by three.",
            sheets=90,
            charge_over_limit=True,
        )
        for case in (first, second, third):
            fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    notices = FeeNotice.objects.filter(case__in=[first, second, third])
    assert sorted(n.amount for n in notices) == [D("178.00")] * 3
    assert {n.estimate.group_total for n in notices} == {D("534.00")}
    assert "£534.00 ÷ 3 = £178.00" in " ".join(notices[0].notes)


def test_requests_more_than_60_working_days_apart_are_not_aggregated(cast, org):
    # The 60 working days beginning Mon 5 Jan 2026 end Mon 30 Mar (SPEC example 6).
    first = logged(cast, dt.date(2026, 1, 5))
    logged(cast, dt.date(2026, 2, 2))  # within the window, so aggregation is offered at all
    late = logged(cast, dt.date(2026, 3, 31))
    first.refresh_from_db()
    with on(dt.date(2026, 3, 31)):
        before = first.version
        with pytest.raises(ActionRefused, match="60 consecutive working days"):
            fees.fee_aggregate(
                case_id=first.pk,
                user=cast.ig_officer,
                others=[late],
                basis="same_requester",
                reason="Same topic.",
            )
    assert not AggregationMember.objects.exists()
    assert Case.objects.get(pk=first.pk).version == before
    with on(dt.date(2026, 3, 31)):
        on_the_last_day = logged(cast, dt.date(2026, 3, 30))
        fees.fee_aggregate(
            case_id=first.pk,
            user=cast.ig_officer,
            others=[on_the_last_day],
            basis="same_requester",
            reason="Same topic.",
        )
    assert AggregationMember.objects.count() == 2


def test_different_requesters_need_an_in_concert_or_campaign_basis(cast, org):
    first = logged(cast, dt.date(2026, 1, 5))
    other = logged(cast, dt.date(2026, 1, 6), name="A Friend", email="friend@example.org")
    with on(dt.date(2026, 1, 7)):
        with pytest.raises(ActionRefused, match="same requester"):
            fees.fee_aggregate(
                case_id=first.pk,
                user=cast.ig_officer,
                others=[other],
                basis="same_requester",
                reason="Same topic.",
            )
        fees.fee_aggregate(
            case_id=first.pk,
            user=cast.ig_officer,
            others=[other],
            basis="campaign",
            reason="Both use the campaign's template letter.",
        )
    assert AggregationMember.objects.count() == 2
