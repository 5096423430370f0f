"""Month rows: a period read as whole months plus the days left at each end gives exactly the
figures counted from the cases, and a case's month rows follow it like its day rows.

The council is tests/reports/dataset.py: cases received from 19 May to 14 July 2026, answered
from 3 to 10 July, "now" Wednesday 15 July 2026.
"""

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps
from django.db.models import Sum
from django.urls import reverse

from reports import dashboard, drilldown, statistics, summaries
from reports.models import DAY, MONTH, ReportCount
from reports.periods import Period
from reports.summary_counts import months_and_days
from requests_app.models import Case, IcoComplaint
from tests.reports import dataset
from tests.reports.dataset import d

TODAY = dt.date(2026, 7, 15)


@pytest.mark.parametrize(
    ("start", "end", "months", "days"),
    [
        # A week inside a month, and one across two: day rows only.
        (d(7, 6), d(7, 12), None, [(d(7, 6), d(7, 12))]),
        (d(6, 29), d(7, 5), None, [(d(6, 29), d(7, 5))]),
        # A whole month, and a month still running (as at the 15th).
        (d(6, 1), d(6, 30), (d(6, 1), d(6, 1)), []),
        (d(7, 1), d(7, 15), None, [(d(7, 1), d(7, 15))]),
        # Whole months with days left at either end, or both.
        (d(4, 1), d(7, 15), (d(4, 1), d(6, 1)), [(d(7, 1), d(7, 15))]),
        (d(5, 10), d(6, 30), (d(6, 1), d(6, 1)), [(d(5, 10), d(5, 31))]),
        (d(5, 10), d(7, 12), (d(6, 1), d(6, 1)), [(d(5, 10), d(5, 31)), (d(7, 1), d(7, 12))]),
        # Across a year's end, and February of a leap year to its last day.
        (
            dt.date(2027, 12, 2),
            dt.date(2028, 2, 29),
            (dt.date(2028, 1, 1), dt.date(2028, 2, 1)),
            [(dt.date(2027, 12, 2), dt.date(2027, 12, 31))],
        ),
        # The last day of a month alone, and the first.
        (d(6, 30), d(6, 30), None, [(d(6, 30), d(6, 30))]),
        (d(7, 1), d(7, 1), None, [(d(7, 1), d(7, 1))]),
        (d(5, 31), d(7, 1), (d(6, 1), d(6, 1)), [(d(5, 31), d(5, 31)), (d(7, 1), d(7, 1))]),
    ],
)
def test_a_period_is_whole_months_and_the_days_left(start, end, months, days):
    assert months_and_days(start, end) == (months, days)


@pytest.fixture
def built(cast, org, now, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cases = dataset.build(cast, org)
    assert summaries.differences() == []
    return cases


def figures(data) -> dict:
    """Every count and percentage on a built page, by table, row and column."""
    found = {}
    for tile in getattr(data, "headline", []) + getattr(data, "now", []):
        for index, cell in enumerate([tile.cell, *tile.detail]):
            found[("tile", tile.key, index)] = cell.value
    for table in data.tables.values():
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                found[(table.key, row.label, index, cell.key)] = cell.value
    return found


def both_ways(settings, build):
    settings.REPORTS_FROM_SUMMARIES = False
    counted = figures(build())
    settings.REPORTS_FROM_SUMMARIES = True
    read = figures(build())
    return counted, read


# Periods made by hand as well as the pages' own: the month rows must serve any run of days.
PERIODS = [
    Period.containing("week", d(6, 29), TODAY),  # across the end of June
    Period.containing("month", d(6, 1), TODAY),
    Period.containing("month", d(7, 1), TODAY),  # running: as at today, the 15th
    Period.containing("quarter", d(4, 1), TODAY),
    Period.containing("quarter", d(7, 1), TODAY),
    Period.containing("year", d(7, 1), TODAY),  # April to today: three months and 15 days
    Period("quarter", d(5, 10), d(7, 12), TODAY),  # mid-May to mid-July
    Period("month", d(5, 19), d(6, 30), TODAY),  # mid-May to the end of June
    Period("month", d(6, 1), d(7, 9), TODAY),  # the start of June to mid-July
]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.start}-{p.end}")
def test_the_dashboard_from_month_rows_equals_the_cases(built, org, settings, period):
    for directorate in (org.place.pk, org.people.pk, None):
        counted, read = both_ways(
            settings, lambda d=directorate: dashboard.build(period=period, directorate_id=d)
        )
        assert read == counted, directorate
    assert any(v for k, v in read.items() if k[0] in ("tile", "regime"))


@pytest.mark.parametrize("period", PERIODS[3:], ids=lambda p: f"{p.start}-{p.end}")
def test_the_statistics_from_month_rows_equal_the_cases(built, org, settings, period):
    for directorate in (org.place.pk, None):
        counted, read = both_ways(
            settings, lambda d=directorate: statistics.build(period=period, directorate_id=d)
        )
        assert read == counted, directorate
    assert any(counted.values())  # the whole council's


def month_and_day_rows(kind, day):
    rows = ReportCount.objects.filter(kind=kind, scope="all")
    total = {}
    for span, first in ((DAY, day), (MONTH, day.replace(day=1))):
        found = rows.filter(span=span, day=first).aggregate(n=Sum("n"))["n"]
        total[span] = found or 0
    return total


def test_a_case_moved_to_another_month_takes_its_month_rows_with_it(built, settings):
    """C13 was received at 23:30 on Sunday 5 July; say it had been on Tuesday 30 June."""
    case = built.C13
    july, june = month_and_day_rows("received", d(7, 5)), month_and_day_rows("received", d(6, 30))
    assert july[DAY] == 1 and july[MONTH] > 1  # C13 alone that day; C7, C8, C14... that month
    Case.objects.filter(pk=case.pk).update(received_at=dataset.at(6, 30, 23, 30))
    assert summaries.refresh([case.pk]) == 1
    assert month_and_day_rows("received", d(7, 5)) == {DAY: 0, MONTH: july[MONTH] - 1}
    assert month_and_day_rows("received", d(6, 30)) == {
        DAY: june[DAY] + 1,
        MONTH: june[MONTH] + 1,
    }
    assert summaries.differences() == []
    # And the figures that read the month rows follow it.
    for period in (PERIODS[1], PERIODS[5], PERIODS[7]):
        counted, read = both_ways(settings, lambda p=period: dashboard.build(period=p))
        assert read == counted


def test_a_case_due_on_the_day_counted_is_open_in_time_that_day(built, settings):
    """Open at the end of the day it is due: in time. Today (Wednesday 15 July) ends the week's
    period and the trend's last week, so say C7 (open, due 5 August) were due today."""
    week = Period.containing("week", TODAY, TODAY)

    def last_week_open_in_time():
        settings.REPORTS_FROM_SUMMARIES = False
        last = dashboard.build(period=week).tables["trend"].rows[-1]
        return next(cell.value for cell in last.cells if cell.key == "open_in_time")

    before = last_week_open_in_time()
    Case.objects.filter(pk=built.C7.pk).update(statutory_due=TODAY)
    summaries.refresh([built.C7.pk])
    assert last_week_open_in_time() == before  # in time today as on 5 August
    for period in (week, PERIODS[2]):
        counted, read = both_ways(settings, lambda p=period: dashboard.build(period=p))
        assert read == counted
    assert read[("tile", "due_soon", 0)] >= 1


@pytest.mark.parametrize("weeks", [1, 2, 3, 12])
def test_the_trend_weeks_agree_with_the_cases_however_many(built, org, settings, weeks):
    """The trend's open figures move cases received before the first week's end, and due
    before it or after the last, to those edges (reports.summary_counts._trend_positions):
    with one week C6 (received 9 June) is received before it and due (7 July) before it."""
    settings.REPORTS_TREND_WEEKS = weeks
    week = Period.containing("week", TODAY, TODAY)
    for directorate in (None, org.place.pk):
        counted, read = both_ways(
            settings, lambda d=directorate: dashboard.build(period=week, directorate_id=d)
        )
        assert read == counted, directorate
    trend = [key for key in read if key[0] == "trend"]
    assert len({key[1] for key in trend}) == weeks
    assert any(read[key] for key in trend if key[3] == "open_late")


def test_ico_figures_count_cases_not_complaints(built, org, settings):
    """Read from the complaints table, a case with two complaints still counts once, and a
    directorate's page counts its own areas' cases only."""
    IcoComplaint.objects.create(case=built.C2, ico_reference="IC-2", received_on=d(7, 13))
    IcoComplaint.objects.create(
        case=built.C2, ico_reference="IC-3", received_on=d(6, 1), decision_on=d(7, 14)
    )
    IcoComplaint.objects.create(case=built.C6, ico_reference="IC-4", received_on=d(7, 14))
    week = Period.containing("week", TODAY, TODAY)
    for directorate in (org.place.pk, org.people.pk, None):
        counted, read = both_ways(
            settings, lambda d=directorate: dashboard.build(period=week, directorate_id=d)
        )
        assert read == counted, directorate
        counted, read = both_ways(
            settings, lambda d=directorate: statistics.build(period=PERIODS[5], directorate_id=d)
        )
        assert read == counted, directorate
    ico = {
        row.cells[0].key: row.cells[0].value
        for row in dashboard.build(period=week).tables["ico"].rows
    }
    # C2 (two complaints awaiting a decision, one received this week) and C6.
    assert (ico["ico_received"], ico["ico_decided"], ico["ico_open"]) == (2, 1, 2)
    for key, value in ico.items():
        assert drilldown.figure(key=key, period=week, directorate_id=None, dim="") == value


def test_an_answer_moved_to_another_month_moves_its_exemption_rows(built):
    """C4 (s43 cited, received 19 May) was answered on 9 July; say it was 30 June."""
    case = built.C4
    exemption = ReportCount.objects.filter(kind="exemption", scope="all", span=MONTH)
    assert list(exemption.exclude(n=0).values_list("day", "day2", "n")) == [(d(7, 1), d(5, 1), 1)]
    Case.objects.filter(pk=case.pk).update(responded_at=dataset.at(6, 30, 12))
    summaries.refresh([case.pk])
    assert list(exemption.exclude(n=0).values_list("day", "day2", "n")) == [(d(6, 1), d(5, 1), 1)]
    assert summaries.differences() == []


def test_the_migration_adds_up_the_month_rows_from_the_day_rows(built):
    ReportCount.objects.filter(span=MONTH).delete()
    assert summaries.differences() != []
    migration = importlib.import_module("reports.migrations.0002_month_rollups")
    migration.add_month_rows(apps, None)
    assert summaries.differences() == []


# --- the drill-down's figure ----------------------------------------------------------------


def linked_cells(data):
    cells = []
    for tile in getattr(data, "headline", []) + getattr(data, "now", []):
        cells += [tile.cell, *tile.detail]
    for table in data.tables.values():
        for row in table.rows:
            cells += row.cells
    return [cell for cell in cells if cell.url and not cell.other_period]


@pytest.mark.parametrize("period", PERIODS[:6], ids=lambda p: f"{p.kind}-{p.start}")
def test_the_drill_down_figure_is_the_pages_figure(built, org, settings, period):
    settings.REPORTS_FROM_SUMMARIES = True
    settings.WELSH_LANGUAGE_STANDARDS = True  # the language table too
    checked = 0
    for directorate in (None, org.place.pk):
        pages = [dashboard.build(period=period, directorate_id=directorate)]
        if period.kind in ("quarter", "year"):
            pages.append(statistics.build(period=period, directorate_id=directorate))
        for page in pages:
            for cell in linked_cells(page):
                found = drilldown.figure(
                    key=cell.key, period=period, directorate_id=directorate, dim=cell.dim
                )
                assert found == cell.value, (cell.key, cell.dim, directorate)
                checked += 1
    assert checked > 100


def test_a_figure_no_page_shows_is_left_to_the_list(built, org, settings):
    settings.REPORTS_FROM_SUMMARIES = True
    week = PERIODS[0]
    year = PERIODS[5]
    place = org.place.pk
    for key, period, directorate, dim in [
        ("withheld", week, None, ""),  # shown only by exemption
        ("received", week, place, f"area:{org.area_b.pk}"),  # another directorate's area
        ("received", week, place, f"directorate:{org.people.pk}"),  # no such table for Place
        ("received", week, place, "unassigned:all"),
        ("review_received", week, None, "regime:foi"),  # the regime table has requests only
        ("received", week, None, "exemption:1"),
        ("st_received", week, None, ""),  # the statistics are quarters and years
        ("st_withheld", year, None, ""),
        ("ico_received", week, None, "regime:foi"),
    ]:
        assert drilldown.figure(key=key, period=period, directorate_id=directorate, dim=dim) is None
    settings.REPORTS_FROM_SUMMARIES = False
    assert drilldown.figure(key="received", period=week, directorate_id=None, dim="") is None


@pytest.mark.parametrize(
    ("key", "field", "start"),
    [("received", "received_at", "2026-04-01"), ("answered", "responded_at", "2026-07-01")],
)
def test_a_list_is_in_the_order_of_the_date_that_bounds_it(client, cast, built, key, field, start):
    """The index of that date gives the page in order (reports.views), not a sort of the
    period's every case; the manager may not open the SAR but sees it in its place."""
    client.force_login(cast.manager)
    url = reverse("reports:cases", args=[key]) + f"?period=quarter&start={start}"
    text = client.get(url).content.decode()
    shown = re.findall(r'data-reference="([^"]+)"', text)
    cases = Case.objects.filter(reference__in=shown)
    expected = [c.reference for c in cases.order_by(field, "id")]
    assert len(shown) > 3 and shown == expected
    assert f'data-total="{len(shown)}"' in text
    client.force_login(cast.officer_a)
    assert client.get(reverse("reports:cases", args=[key])).status_code == 403
