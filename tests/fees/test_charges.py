"""The charging rules, worked out by hand (SPEC-statutory.md 1.8-1.10, 2, 3.6; Leicester and
Melton Appendix A). No database: these are pure functions on Decimal."""

from decimal import Decimal as D

import pytest

from fees.charges import Inputs, calculate, hours_from_minutes, over_limit

NO_HOURS = {"determining": D(0), "locating": D(0), "retrieving": D(0), "extracting": D(0)}


def foi(**kwargs):
    base = {
        "regime": "foi",
        "hours": NO_HOURS,
        "hourly_rate": D("25.00"),
        "limit": D("450.00"),
        "pence_per_sheet": 10,
        "de_minimis": D("5.75"),
    }
    return Inputs(**{**base, **kwargs})


def hours(total: str) -> dict:
    # Spread over two activities so the sum is what is tested, not one field.
    half = D(total) / 2
    return {**NO_HOURS, "locating": half, "extracting": D(total) - half}


def test_exactly_450_pounds_is_within_the_limit():
    # 18 hours x £25 = £450.00: not over the appropriate limit; only disbursements are charged:
    # 60 sheets x 10p = £6.00, plus £1.50 postage = £7.50.
    result = calculate(foi(hours=hours("18"), sheets=60, postage=D("1.50")))
    assert result.staff_cost == D("450.00")
    assert result.over_limit is False and result.refuse is False
    assert [line.amount for line in result.lines] == [D("6.00"), D("1.50")]
    assert result.charge == D("7.50")


def test_a_penny_over_the_limit_is_over():
    assert over_limit(D("450.01"), D("450")) is True
    assert over_limit(D("450.00"), D("450")) is False
    # The smallest step the form allows, 0.01 hours, costs 25p: 18.01 hours = £450.25.
    result = calculate(foi(hours=hours("18.01"), sheets=60))
    assert result.staff_cost == D("450.25")
    assert result.over_limit is True and result.refuse is True
    assert result.charge == D("0.00")
    assert "s12" in result.notes[0]


def test_the_600_pound_limit_for_central_government():
    result = calculate(foi(hours=hours("20"), limit=D("600")))  # £500
    assert result.over_limit is False


def test_s13_charging_over_the_limit_adds_staff_time_to_disbursements():
    # 20 hours x £25 = £500.00; 30 sheets x 10p = £3.00; total £503.00.
    result = calculate(foi(hours=hours("20"), sheets=30, charge_over_limit=True))
    assert result.refuse is False
    assert [line.amount for line in result.lines] == [D("500.00"), D("3.00")]
    assert result.charge == D("503.00")


@pytest.mark.parametrize(
    ("sheets", "postage", "charge"),
    [
        (57, D("0"), D("0.00")),  # 57 x 10p = £5.70, below £5.75: nothing charged
        (58, D("0"), D("5.80")),  # £5.80: charged in full
        (0, D("5.75"), D("5.75")),  # exactly the threshold is charged ("less than £5.75" is free)
        (0, D("5.74"), D("0.00")),
    ],
)
def test_de_minimis(sheets, postage, charge):
    assert calculate(foi(sheets=sheets, postage=postage)).charge == charge


def test_melton_charges_20p_a_sheet():
    assert calculate(foi(sheets=30, pence_per_sheet=20)).charge == D("6.00")


def test_vat_only_when_the_information_is_available_elsewhere():
    # 100 sheets = £10.00; VAT at 20% = £2.00.
    assert calculate(foi(sheets=100)).charge == D("10.00")
    result = calculate(foi(sheets=100, vat_applies=True, vat_percent=D("20")))
    assert (result.vat, result.charge) == (D("2.00"), D("12.00"))


def test_three_aggregated_requests_are_each_charged_the_average():
    # The group: 21 hours x £25 = £525.00 (over £450), charged under s13, plus 90 sheets at
    # 10p = £9.00: £534.00 for the three requests, £178.00 each.
    result = calculate(foi(hours=hours("21"), sheets=90, charge_over_limit=True, requests=3))
    assert result.over_limit is True
    assert result.group_total == D("534.00")
    assert result.share == result.charge == D("178.00")


def test_an_average_is_rounded_to_the_penny():
    # £100.00 over three requests: £33.33 each (half up).
    result = calculate(foi(sheets=1000, requests=3))
    assert result.group_total == D("100.00") and result.charge == D("33.33")


def test_aggregation_decides_the_limit_on_the_group():
    # Each request alone (7 hours, £175) is within the limit; the group of three is not.
    assert calculate(foi(hours=hours("7"))).over_limit is False
    assert calculate(foi(hours=hours("21"), requests=3)).refuse is True


def test_eir_charges_staff_time_and_inspection_is_free():
    # 2 hours x £25 = £50.00 plus 20 sheets = £2.00: £52.00. Inspection only: nothing.
    assert calculate(foi(regime="eir", hours=hours("2"), sheets=20)).charge == D("52.00")
    assert calculate(foi(regime="eir", hours=hours("2"), inspection_only=True)).charge == 0


def test_a_subject_access_fee_is_administrative_cost():
    # A manifestly excessive SAR: 3 hours x £25 = £75.00 plus £4.20 postage = £79.20.
    result = calculate(foi(regime="sar", hours=hours("3"), postage=D("4.20")))
    assert result.charge == D("79.20")


def test_format_conversion_is_charged_at_the_hourly_rate():
    assert calculate(foi(format_hours=D("0.5"))).charge == D("12.50")


def test_recorded_minutes_become_hours_to_two_places():
    assert hours_from_minutes(90) == D("1.50")
    assert hours_from_minutes(20) == D("0.33")
    assert hours_from_minutes(50) == D("0.83")  # 0.8333 rounds down


def test_negative_input_is_refused():
    with pytest.raises(ValueError):
        calculate(foi(hours={**NO_HOURS, "locating": D("-1")}))
    with pytest.raises(ValueError):
        calculate(foi(sheets=-1))
