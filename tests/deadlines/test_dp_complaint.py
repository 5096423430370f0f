"""Data-protection complaints (decision 10): acknowledge within 30 days, rolled to a working day
of the council's own nation; no statutory date for complaints received before 19 June 2026.

Every expected date below was worked out by hand against a wall calendar and GOV.UK's list.
"""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deadlines.complaints import dp_complaint_due
from deadlines.errors import DeadlineError

E_W, SCO, NI = "england-and-wales", "scotland", "northern-ireland"


@pytest.mark.parametrize(
    ("received", "england", "scotland", "northern_ireland"),
    [
        # The first day of the duty, a Friday: day 30 is Sun 19 July -> Mon 20 July.
        (date(2026, 6, 19), date(2026, 7, 20), date(2026, 7, 20), date(2026, 7, 20)),
        # Mon 22 June: day 30 is Wed 22 July, a working day everywhere.
        (date(2026, 6, 22), date(2026, 7, 22), date(2026, 7, 22), date(2026, 7, 22)),
        # Thu 25 June: day 30 is Sat 25 July -> Mon 27 July.
        (date(2026, 6, 25), date(2026, 7, 27), date(2026, 7, 27), date(2026, 7, 27)),
        # Sat 4 July: day 30 is Mon 3 Aug, Scotland's summer bank holiday -> Tue 4 Aug there.
        (date(2026, 7, 4), date(2026, 8, 3), date(2026, 8, 4), date(2026, 8, 3)),
        # Fri 31 July (month end): day 30 is Sun 30 Aug; Mon 31 Aug is the summer bank
        # holiday in England and Wales and Northern Ireland -> Tue 1 Sep there.
        (date(2026, 7, 31), date(2026, 9, 1), date(2026, 8, 31), date(2026, 9, 1)),
        # Sat 1 Aug: day 30 is Mon 31 Aug itself.
        (date(2026, 8, 1), date(2026, 9, 1), date(2026, 8, 31), date(2026, 9, 1)),
        # Sat 31 Oct (month end): day 30 is Mon 30 Nov, St Andrew's Day in Scotland.
        (date(2026, 10, 31), date(2026, 11, 30), date(2026, 12, 1), date(2026, 11, 30)),
        # Wed 25 Nov: day 30 is Christmas Day (Fri); Boxing Day is a Saturday, so its
        # substitute is Mon 28 Dec -> Tue 29 Dec everywhere.
        (date(2026, 11, 25), date(2026, 12, 29), date(2026, 12, 29), date(2026, 12, 29)),
        # Wed 2 Dec: day 30 is Fri 1 Jan 2027 (year end). 2 January is a Saturday, so
        # Scotland's substitute is Mon 4 Jan -> Tue 5 Jan there; elsewhere Mon 4 Jan.
        (date(2026, 12, 2), date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 4)),
        # Sat 30 Jan 2027: day 30 is Mon 1 Mar (February has 28 days).
        (date(2027, 1, 30), date(2027, 3, 1), date(2027, 3, 1), date(2027, 3, 1)),
        # Mon 15 Feb 2027: day 30 is Wed 17 Mar, St Patrick's Day in Northern Ireland.
        (date(2027, 2, 15), date(2027, 3, 17), date(2027, 3, 17), date(2027, 3, 18)),
        # Wed 24 Feb 2027: day 30 is Good Friday, 26 Mar; Easter Monday (29 Mar) is not a
        # holiday in Scotland.
        (date(2027, 2, 24), date(2027, 3, 30), date(2027, 3, 29), date(2027, 3, 30)),
        # Sat 12 June 2027: day 30 is Mon 12 July, the Battle of the Boyne in Northern Ireland.
        (date(2027, 6, 12), date(2027, 7, 12), date(2027, 7, 12), date(2027, 7, 13)),
        # Sun 30 Jan 2028: day 30 is Tue 29 Feb, a leap day.
        (date(2028, 1, 30), date(2028, 2, 29), date(2028, 2, 29), date(2028, 2, 29)),
    ],
)
def test_acknowledgement_due_in_each_nation(
    calendar, received, england, scotland, northern_ireland
):
    due = {
        nation: dp_complaint_due(received, nation=nation, calendar=calendar).due
        for nation in (E_W, SCO, NI)
    }
    assert due == {E_W: england, SCO: scotland, NI: northern_ireland}


@pytest.mark.parametrize("received", [date(2026, 6, 18), date(2025, 1, 6), date(2011, 5, 3)])
def test_no_statutory_date_before_19_june_2026(calendar, received):
    deadline = dp_complaint_due(received, nation=E_W, calendar=calendar)
    assert deadline.due is None
    assert deadline.stopped == (
        "complaints received before Fri 2026-06-19 have no statutory acknowledgement date "
        "(DPA 2018 s164A applies from that day)"
    )


def test_receipt_is_the_london_date_of_an_aware_moment(calendar):
    # 23:30 UTC on 18 June is 00:30 on 19 June in London (summer time): inside the duty.
    received = datetime(2026, 6, 18, 23, 30, tzinfo=UTC)
    assert dp_complaint_due(received, nation=E_W, calendar=calendar).due == date(2026, 7, 20)


def test_nation_defaults_to_the_councils(calendar, settings):
    settings.COUNCIL_NATION = SCO
    assert dp_complaint_due(date(2026, 7, 4), calendar=calendar).due == date(2026, 8, 4)
    settings.COUNCIL_NATION = E_W
    assert dp_complaint_due(date(2026, 7, 4), calendar=calendar).due == date(2026, 8, 3)


def test_unknown_nation_refused(calendar):
    with pytest.raises(DeadlineError, match="Unknown nation 'wales'"):
        dp_complaint_due(date(2026, 7, 4), nation="wales", calendar=calendar)


def test_explanation_shows_the_period_and_each_skipped_day(calendar):
    lines = dp_complaint_due(date(2026, 7, 31), nation=E_W, calendar=calendar).explanation
    assert lines[1:] == [
        "Fri 2026-07-31  complaint received — not counted",
        "Sat 2026-08-01  day 1 of the 30 days",
        "Sun 2026-08-30  day 30: the last day of the period",
        "Sun 2026-08-30  weekend",
        "Mon 2026-08-31  Summer bank holiday (England and Wales) — not a working day in "
        "England and Wales",
        "Tue 2026-09-01  moved to the next working day in England and Wales",
        "Tue 2026-09-01  acknowledgement due",
    ]
    assert "30 days (DPA 2018 s164A)" in lines[0]


def command(*args):
    from io import StringIO

    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("args", "last_line"),
    [
        (["dp-complaint", "2026-07-04"], "2026-08-03"),
        (["dp-complaint", "2026-07-04", "--nation", "scotland"], "2026-08-04"),
        (["dp-complaint", "2026-10-31", "--nation", "scotland"], "2026-12-01"),
        (["dp-complaint", "2027-06-12", "--nation", "northern-ireland"], "2027-07-13"),
        (
            ["dp-complaint", "2026-06-18"],
            "no due date: complaints received before Fri 2026-06-19 have no statutory "
            "acknowledgement date (DPA 2018 s164A applies from that day)",
        ),
    ],
)
def test_command_last_line(args, last_line):
    assert command(*args)[-1] == last_line


def test_command_explain_shows_the_working():
    lines = command("dp-complaint", "2026-07-04", "--nation", "scotland", "--explain")
    assert "Mon 2026-08-03  Summer bank holiday (Scotland) — not a working day in Scotland" in (
        lines
    )
    assert lines[-1] == "2026-08-04"


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["dp-complaint", "2026-07-04", "--extended"], "--extended does not apply to dp-complaint"),
        (["dp-complaint", "4 July"], "is not a date"),
        (["dp-complaint", "2026-07-04", "--nation", "wales"], "Unknown nation"),
    ],
)
def test_command_refuses(args, error):
    with pytest.raises(CommandError, match=error):
        command(*args)
