"""The dashboard's and the statistics' figures on the fixed data set, worked out by hand.

See tests/reports/dataset.py for each case. The week is Mon 6 – Sun 12 July 2026; "now" is
Wed 15 July 2026. Every figure below is counted by hand from that table.
"""

import datetime as dt

import pytest

from reports import dashboard, statistics
from reports import measures as m
from reports.periods import Period
from requests_app.models import Case
from tests.reports.dataset import WEEK, d


def week(today=dt.date(2026, 7, 15)):
    return Period.containing("week", WEEK, today)


def tiles(data):
    return {tile.key: tile for tile in data.headline + data.now}


def row(table, label):
    found = [r for r in table.rows if r.label == label]
    assert found, [r.label for r in table.rows]
    return {cell.key: cell.value for cell in found[0].cells}


def test_the_week_for_the_whole_council(council):
    data = dashboard.build(period=week())
    t = tiles(data)
    # Received Mon 6 .. Sun 12 July (London dates): C7, C8 and C14 — C14 arrived at 00:30 BST
    # on the Monday (23:30 UTC on the Sunday); C13 at 23:30 BST on Sunday 5 July does not.
    assert t["received"].cell.value == 3
    # Answered: C9 (Mon), C1 (Tue, its due date: in time), C2 (Wed, the day after: late),
    # C5 (Wed; in time thanks to the fee pause), C4 (Thu; in time thanks to the extension),
    # C3 (Fri; received on a Saturday, so due that Friday). Plus C11 withdrawn = 7 closed.
    assert t["closed"].cell.value == 7
    assert [c.value for c in t["answered_pct"].detail] == [5, 6]
    assert t["answered_pct"].cell.value == 83.3
    # Open at the end of Sunday 12 July: C6 (due Tue 7 Jul: late); C7, C8 (clock stopped),
    # C13, C14, C15 (due Thu 16 Jul): in time. C10 was answered the week before; C11 withdrawn;
    # C16 not classified; R1 is an internal review.
    # Performance = (5 answered in time + 5 open in time) / (6 answered + 6 open) = 10/12.
    assert [c.value for c in t["performance"].detail] == [10, 12]
    assert t["performance"].cell.value == 83.3
    assert t["performance"].cell.rag == "red"  # below 85
    regime = data.tables["regime"]
    assert row(regime, "All requests") == {
        "received": 3,
        "answered_in_time": 5,
        "answered_late": 1,
        "answered_pct": 83.3,
        "open_in_time": 5,
        "open_late": 1,
        "performance": 83.3,
        "overdue_now": 1,
    }
    assert row(regime, "Freedom of Information") == {
        "received": 3,
        "answered_in_time": 4,  # C1, C3, C4, C5
        "answered_late": 1,  # C2
        "answered_pct": 80.0,
        "open_in_time": 5,
        "open_late": 1,
        "performance": 81.8,  # 9 of 11
        "overdue_now": 1,
    }
    assert row(regime, "Subject access")["answered_in_time"] == 1  # C9, on its due date
    assert row(regime, "Subject access")["performance"] == 100.0
    assert row(regime, "Environmental Information")["performance"] is None  # nothing to rate


def test_now_figures(council):
    t = tiles(dashboard.build(period=week()))
    assert t["open_now"].cell.value == 6  # C6, C7, C8, C13, C14, C15
    assert t["overdue_now"].cell.value == 1  # C6
    # Wed 15 July + 5 working days = Wed 22 July: C15 (due Thu 16 July).
    assert t["due_soon"].cell.value == 1
    assert t["clock_stopped"].cell.value == 1  # C8
    assert t["unclassified"].cell.value == 1  # C16


def test_breakdowns_by_directorate_and_area(council, org):
    data = dashboard.build(period=week())
    # Place (A, C): C1, C3, C4, C5 answered in time; C6 open late; C15 open in time.
    assert row(data.tables["directorate"], "Place") == {
        "received": 0,
        "answered_in_time": 4,
        "answered_late": 0,
        "answered_pct": 100.0,
        "open_in_time": 1,
        "open_late": 1,
        "performance": 83.3,
        "overdue_now": 1,
    }
    # People (B): C9 in time, C2 late, C7 open in time (received this week).
    people = row(data.tables["directorate"], "People")
    assert (people["received"], people["answered_in_time"], people["answered_late"]) == (1, 1, 1)
    assert (people["open_in_time"], people["performance"]) == (1, 66.7)
    # Never assigned: C8, C13, C14 (C8 and C14 received this week).
    unassigned = row(data.tables["directorate"], "Not assigned to a service area")
    assert (unassigned["received"], unassigned["open_in_time"]) == (2, 3)
    assert row(data.tables["area"], "Planning")["answered_in_time"] == 3  # C1, C3, C5
    assert row(data.tables["area"], "Environmental Health")["answered_in_time"] == 1  # C4
    assert row(data.tables["area"], "Housing")["answered_late"] == 1  # C2


def test_outcomes_exemptions_late_areas_reviews_and_ico(council):
    data = dashboard.build(period=week())
    outcomes = {r.label: r.cells[0].value for r in data.tables["outcomes"].rows}
    assert outcomes["Granted in full"] == 4  # C1, C3, C5, C9
    assert outcomes["Granted in part"] == 1  # C4
    assert outcomes["Information not held"] == 1  # C2
    assert outcomes["Withdrawn or lapsed (not answered)"] == 1  # C11
    exemptions = {r.label: r.cells[0].value for r in data.tables["exemptions"].rows}
    assert exemptions == {"FOI s43 Commercial interests": 1}
    # C2 was late; Housing submitted after its internal date (Tue 23 June).
    late = {r.label: r.cells[0].value for r in data.tables["late"].rows}
    assert late == {"Housing": 1}
    reviews = {r.label: r.cells[0].value for r in data.tables["reviews"].rows}
    assert reviews["Internal reviews received"] == 1  # R1
    assert reviews["Internal reviews open now"] == 1
    assert reviews["Internal reviews answered"] == 0
    ico = {r.label: r.cells[0].value for r in data.tables["ico"].rows}
    assert ico == {
        "ICO complaints received": 1,
        "ICO decision notices": 0,
        "Awaiting an ICO decision": 1,
    }
    assert [t.key for t in data.other_records] == ["fees", "breaches", "agreements"]


def test_a_directorate_sees_only_its_own(council, org):
    data = dashboard.build(period=week(), directorate_id=org.place.pk)
    t = tiles(data)
    assert data.directorate_name == "Place"
    assert data.other_records == []  # fees, breaches and agreements are council-wide
    assert t["received"].cell.value == 0
    assert [c.value for c in t["answered_pct"].detail] == [4, 4]
    assert [c.value for c in t["performance"].detail] == [5, 6]
    assert t["open_now"].cell.value == 2  # C6, C15
    assert t["overdue_now"].cell.value == 1
    assert "directorate" not in data.tables
    assert [r.label for r in data.tables["area"].rows] == ["Environmental Health", "Planning"]


def test_the_trend_ends_with_the_chosen_week(council):
    data = dashboard.build(period=week())
    trend = data.tables["trend"]
    assert len(trend.rows) == 12
    last = {cell.key: cell.value for cell in trend.rows[-1].cells}
    assert last == {
        "received": 3,
        "answered_in_time": 5,
        "answered_late": 1,
        "open_in_time": 5,
        "open_late": 1,
        "performance": 83.3,
    }
    # The week before (29 Jun – 5 Jul): C10 answered late on Fri 3 July. Open at the end of
    # Sunday 5 July: C1, C2, C3, C4, C5, C6, C9, C11 (withdrawn only on 7 July), C13 and C15,
    # every one due on 6 July or later, so in time. Performance 10 / 11 = 90.9%: green.
    before = {cell.key: cell.value for cell in trend.rows[-2].cells}
    assert before["answered_late"] == 1
    assert before["answered_in_time"] == 0
    assert before["open_late"] == 0
    assert before["open_in_time"] == 10
    assert before["received"] == 1  # C13, Sunday 5 July 23:30 BST
    assert data.trend[-1].rag == "red" and data.trend[-2].rag == "green"


def test_a_week_still_running_is_worked_out_as_at_today(council):
    current = Period.containing("week", d(7, 13), dt.date(2026, 7, 15))
    assert current.as_at == d(7, 15)
    t = tiles(dashboard.build(period=current))
    # Open at the end of today: the six open now; nothing answered Mon 13 – Wed 15 July.
    # C6 is late (due 7 July); C15 (due tomorrow) and the rest are in time.
    assert [c.value for c in t["performance"].detail] == [5, 6]
    # C16 arrived on Tuesday 14 July but is not classified yet, so it is not counted.
    assert t["received"].cell.value == 0


def test_published_statistics_for_the_quarter(council):
    quarter = Period.containing("quarter", d(4, 1), dt.date(2026, 7, 15))
    stats = statistics.build(period=quarter)
    table = stats.tables["requests"]
    all_requests = {r.label: r.cells[-1].value for r in table.rows}
    # Received April–June: C1, C2, C3, C4, C5, C6, C9, C10, C11, C15.
    assert all_requests["Requests received"] == 10
    assert all_requests["Answered in time"] == 5  # C1, C3, C4, C5, C9
    assert all_requests["Answered late"] == 2  # C2, C10
    assert all_requests["% answered in time (of those answered)"] == 71.4
    assert all_requests["Still open, in time"] == 1  # C15, due tomorrow
    assert all_requests["Still open, overdue"] == 1  # C6
    assert all_requests["Withdrawn or lapsed"] == 1  # C11
    assert all_requests["Granted in full"] == 5  # C1, C3, C5, C9, C10
    assert all_requests["Granted in part (some information withheld)"] == 1  # C4
    assert all_requests["Information not held"] == 1  # C2
    assert {r.label: r.cells[0].value for r in stats.tables["exemptions"].rows} == {
        "FOI s43 Commercial interests": 1
    }
    sar = {r.label: r.cells[2].value for r in table.rows}
    assert sar["Requests received"] == 1 and sar["Answered in time"] == 1


def test_annual_figures_by_quarter(council):
    year = Period.containing("year", d(7, 1), dt.date(2026, 7, 15))
    assert (year.start, year.end) == (d(4, 1), dt.date(2027, 3, 31))
    stats = statistics.build(period=year)
    quarters = stats.tables["quarters"].rows
    assert [r.label for r in quarters] == ["April to June 2026", "July to September 2026"]
    q2 = {cell.key: cell.value for cell in quarters[1].cells}
    assert q2["st_received"] == 4  # C7, C8, C13 (Sunday 5 July) and C14


@pytest.mark.parametrize("start", [WEEK, d(6, 29), d(4, 6)])
def test_every_case_a_measure_counts_is_in_the_rows_it_is_counted_from(council, start):
    """`touching` narrows the rows before counting; it must never leave out a counted case."""
    period = Period.containing("week", start, dt.date(2026, 7, 15))
    everything = {
        **m.period_measures(period),
        **m.now_measures(period.today, d(7, 22)),
    }
    for key, measure in everything.items():
        if measure.kind != "case":
            continue
        missed = Case.objects.filter(measure.q).exclude(m.touching(period.start_at))
        assert not missed.exists(), key


def test_now_keys_are_the_now_measures():
    assert set(m.now_measures(d(7, 15), d(7, 22))) == m.NOW_KEYS
