"""Every worked example in SPEC-statutory.md sections 1-5, with the dates written out."""

from datetime import date, datetime

import pytest

from deadlines import breach_clock, reviews, rules
from deadlines.rules import LONDON

E_W, SCO, NI = "england-and-wales", "scotland", "northern-ireland"


# --- 1.11 FOIA -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "received", "due"),
    [
        ("1.11.1 Christmas and Scotland's 2 January", date(2025, 12, 15), date(2026, 1, 16)),
        ("1.11.2 received on a Saturday (ICO method)", date(2026, 1, 10), date(2026, 2, 6)),
        ("1.11.3 17 March, Good Friday, Easter Monday", date(2026, 3, 9), date(2026, 4, 9)),
        ("1.11.4 without the fees notice", date(2026, 2, 2), date(2026, 3, 2)),
        ("1.11.5 20th working day", date(2026, 1, 5), date(2026, 2, 2)),
    ],
)
def test_foi_examples(example, received, due):
    assert rules.foi_due(received).due == due


def test_foi_example_1_would_be_a_day_early_without_scotlands_2_january():
    assert rules.add_working_days(date(2025, 12, 15), 20, nation=E_W) == date(2026, 1, 15)


def test_foi_example_2_differs_from_the_next_working_day_method():
    # The s45 Code variant treats Saturday's request as received Monday 12 January.
    ico = rules.foi_due(date(2026, 1, 10)).due
    code_variant = rules.foi_due(date(2026, 1, 12)).due
    assert (ico, code_variant) == (date(2026, 2, 6), date(2026, 2, 9))


def test_foi_example_4_fees_notice_disregards_ten_working_days():
    deadline = rules.foi_due(
        date(2026, 2, 2), fee_notice=date(2026, 2, 9), fee_paid=date(2026, 2, 20)
    )
    assert deadline.due == date(2026, 3, 16)
    assert rules.working_days_between(date(2026, 2, 2), date(2026, 2, 9)) == 5  # notice on day 5
    assert "10 working days disregarded" in "\n".join(deadline.explanation)


def test_foi_example_4_last_day_to_pay():
    assert rules.fee_lapse_date(date(2026, 2, 9)) == date(2026, 5, 8)


def test_foi_example_5_public_interest_extension():
    assert rules.foi_due(date(2026, 1, 5), extended=True).due == date(2026, 3, 2)


def test_foi_example_6_aggregation_window():
    window = reviews.aggregation_window(date(2026, 1, 5))
    assert window.due == date(2026, 3, 30)
    assert date(2026, 3, 31) > window.due  # a request on Tue 31 March falls outside
    assert rules.working_days_between(date(2026, 1, 4), date(2026, 3, 30)) == 60


@pytest.mark.parametrize(("extended", "due"), [(False, date(2026, 5, 1)), (True, date(2026, 6, 2))])
def test_foi_example_7_internal_review(extended, due):
    assert reviews.foi_review_due(date(2026, 4, 1), extended=extended).due == due


def test_foi_example_7_skips_easter_and_may_holidays():
    text = "\n".join(reviews.foi_review_due(date(2026, 4, 1), extended=True).explanation)
    for skipped in (
        "2026-04-03  Good Friday",
        "2026-04-06  Easter Monday",
        "2026-05-04",
        "2026-05-25",
    ):
        assert skipped in text


# --- 2. EIR ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extended", "due"), [(False, date(2026, 7, 30)), (True, date(2026, 8, 28))]
)
def test_eir_example(extended, due):
    deadline = rules.eir_due(date(2026, 7, 1), extended=extended)
    assert deadline.due == due
    text = "\n".join(deadline.explanation)
    assert (
        "Mon 2026-07-13  Battle of the Boyne (Orangemen’s Day) (substitute day) (Northern Ireland)"
        in text
    )
    if extended:
        assert "Mon 2026-08-03  Summer bank holiday (Scotland)" in text


# --- 3. SAR ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("example", "received", "due"),
    [
        ("ICO: 1 January, a bank holiday", date(2026, 1, 1), date(2026, 2, 2)),
        ("ICO: Mon 25 November 2024, past Christmas", date(2024, 11, 25), date(2024, 12, 27)),
        ("ICO: 31 January, leap year", date(2024, 1, 31), date(2024, 2, 29)),
        ("ICO: 31 January, 28 Feb a weekend", date(2026, 1, 31), date(2026, 3, 2)),
        ("ICO: 3 September", date(2025, 9, 3), date(2025, 10, 3)),
        ("3.2 Thu 1 Jan 2026", date(2026, 1, 1), date(2026, 2, 2)),
        ("3.2 Sat 31 Jan 2026", date(2026, 1, 31), date(2026, 3, 2)),
        ("3.2 Wed 31 Jan 2024", date(2024, 1, 31), date(2024, 2, 29)),
        ("3.2 Tue 31 Mar 2026", date(2026, 3, 31), date(2026, 4, 30)),
        ("3.2 Good Friday 2026 to the Early May holiday", date(2026, 4, 3), date(2026, 5, 5)),
        ("3.3 first deadline", date(2026, 5, 4), date(2026, 6, 4)),
    ],
)
def test_sar_examples(example, received, due):
    assert rules.sar_due(received, nation=E_W).due == due


@pytest.mark.parametrize(
    ("received", "due"),
    [(date(2026, 5, 4), date(2026, 8, 4)), (date(2024, 11, 25), date(2025, 2, 25))],
)
def test_sar_extension_examples(received, due):
    assert rules.sar_due(received, extended=True, nation=E_W).due == due


def test_sar_clarification_pause_example():
    deadline = rules.sar_due(
        date(2026, 3, 2),
        clarification_asked=date(2026, 3, 5),
        clarified=date(2026, 3, 16),
        nation=E_W,
    )
    assert rules.sar_due(date(2026, 3, 2), nation=E_W).due == date(2026, 4, 2)
    assert deadline.due == date(2026, 4, 14)
    assert "both days inclusive: 12 days added" in "\n".join(deadline.explanation)


# --- 4. Breach ---------------------------------------------------------------------------------


def test_breach_example_bank_holiday_still_counts():
    deadline = breach_clock.breach_due(datetime(2026, 5, 1, 16, 30, tzinfo=LONDON))
    assert deadline.due == datetime(2026, 5, 4, 16, 30, tzinfo=LONDON)
    assert deadline.due.isoformat() == "2026-05-04T16:30:00+01:00"


# --- 5. Bank holidays ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "nations"),
    [
        (date(2025, 1, 2), {SCO}),
        (date(2026, 1, 2), {SCO}),
        (date(2025, 3, 17), {NI}),
        (date(2026, 3, 17), {NI}),
        (date(2025, 4, 21), {E_W, NI}),
        (date(2026, 4, 6), {E_W, NI}),
        (date(2025, 7, 14), {NI}),
        (date(2026, 7, 13), {NI}),
        (date(2025, 8, 4), {SCO}),
        (date(2026, 8, 3), {SCO}),
        (date(2025, 8, 25), {E_W, NI}),
        (date(2026, 8, 31), {E_W, NI}),
        (date(2025, 12, 1), {SCO}),
        (date(2026, 11, 30), {SCO}),
    ],
)
def test_partial_nation_holidays_are_never_foi_working_days(calendar, day, nations):
    assert not calendar.is_working_day(day)
    assert {h.nation for h in calendar.holidays_on(day)} == nations
    for nation in (E_W, SCO, NI):
        assert calendar.is_working_day(day, nation) == (nation not in nations)


def test_bundled_rows_2016_to_2027_match_the_spec(calendar):
    in_years = [h for h in calendar.holidays() if 2016 <= h.date.year <= 2027]
    counts = {
        nation: len([h for h in in_years if h.nation == nation and h.source == "govuk"])
        for nation in (E_W, SCO, NI)
    }
    assert counts == {E_W: 99, SCO: 111, NI: 123}
    # The one day the holidays package adds to the bundled GOV.UK copy in those years.
    assert [(h.date, h.nation) for h in in_years if h.source != "govuk"] == [
        (date(2026, 6, 15), SCO)
    ]


@pytest.mark.parametrize(
    "day", [date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8), date(2020, 5, 8)]
)
def test_one_off_holidays_in_every_nation(calendar, day):
    assert {h.nation for h in calendar.holidays_on(day)} == {E_W, SCO, NI}


def test_2020_early_may_moved_to_ve_day(calendar):
    assert calendar.is_working_day(date(2020, 5, 4))
