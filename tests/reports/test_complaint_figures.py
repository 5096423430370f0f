"""Complaint figures (DPA 2018 s164A) on the dashboard and in the statistics: written-out
counts for a month of complaints, each tile and row agreeing with its drill-down list, and
shown to IG and the DPO only."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from reports import complaints as complaint_reports
from reports.periods import Period
from requests_app import complaints
from requests_app.models import Channel

LONDON = ZoneInfo("Europe/London")


def at(day, hour=10):
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def log(cast, day):
    with time_machine.travel(at(day), tick=False):
        return complaints.complaint_log(
            user=cast.ig_officer,
            name="Jo Bloggs",
            email="jo@example.org",
            address="",
            channel=Channel.EMAIL,
            received_at=at(day),
            what_happened="You sent my file to someone else.",
        )


@pytest.fixture
def november(cast, settings):
    """Five complaints received in November 2026 (acknowledge-by dates written out):
    A Mon 2 Nov (by Wed 2 Dec): acknowledged Tue 10 Nov -> in time; outcome upheld.
    B Tue 3 Nov (by Thu 3 Dec): acknowledged Mon 7 Dec -> late.
    C Wed 4 Nov (by Fri 4 Dec): no acknowledgement, outcome "not upheld" Fri 20 Nov -> in time.
    D Thu 5 Nov (by Mon 7 Dec): nothing yet -> waiting, open.
    E Fri 6 Nov (by Mon 7 Dec): withdrawn Mon 9 Nov.
    And one received Tue 1 Dec (another period)."""
    settings.COUNCIL_NATION = "england-and-wales"
    a, b, c, d, e = (log(cast, dt.date(2026, 11, n)) for n in (2, 3, 4, 5, 6))
    log(cast, dt.date(2026, 12, 1))
    assert [x.acknowledge_by.day for x in (a, b, c, d, e)] == [2, 3, 4, 7, 7]
    ig = cast.ig_officer
    with time_machine.travel(at(dt.date(2026, 11, 9)), tick=False):
        complaints.complaint_withdraw(complaint_id=e.pk, user=ig)
    with time_machine.travel(at(dt.date(2026, 11, 10)), tick=False):
        complaints.complaint_acknowledge(complaint_id=a.pk, user=ig)
    with time_machine.travel(at(dt.date(2026, 11, 20)), tick=False):
        complaints.complaint_send_outcome(
            complaint_id=c.pk, user=ig, outcome="not_upheld", outcome_text="Sent correctly."
        )
        complaints.complaint_send_outcome(
            complaint_id=a.pk, user=ig, outcome="upheld", outcome_text="Sorry."
        )
    with time_machine.travel(at(dt.date(2026, 12, 7)), tick=False):
        complaints.complaint_acknowledge(complaint_id=b.pk, user=ig)
    return Period.containing("month", dt.date(2026, 11, 1), dt.date(2026, 12, 8))


EXPECTED = {
    "dpc_received": 5,
    "dpc_ack_in_time": 2,
    "dpc_ack_late": 1,
    "dpc_ack_waiting": 1,
    "dpc_no_date": 0,
    "dpc_outcome_upheld": 1,
    "dpc_outcome_partly": 0,
    "dpc_outcome_not_upheld": 1,
    "dpc_open": 2,
    "dpc_withdrawn": 1,
}


def test_the_figures_for_the_month_written_out(november):
    assert complaint_reports.counts(november) == EXPECTED


def test_a_complaint_before_19_june_2026_is_counted_apart(cast, settings):
    settings.COUNCIL_NATION = "england-and-wales"
    log(cast, dt.date(2026, 6, 18))
    june = Period.containing("month", dt.date(2026, 6, 1), dt.date(2026, 7, 1))
    found = complaint_reports.counts(june)
    assert (found["dpc_no_date"], found["dpc_ack_waiting"], found["dpc_ack_late"]) == (1, 0, 0)


def _count_on(client, url) -> int:
    html = client.get(url).content.decode()
    total = int(re.search(r'data-total="(\d+)"', html).group(1))
    assert html.count("data-reference=") == total  # every complaint counted is listed
    return total


def test_every_figure_agrees_with_its_drill_down_list(client, cast, november):
    with time_machine.travel(at(dt.date(2026, 12, 8)), tick=False):
        client.force_login(cast.ig_manager)
        cells = [c for row in complaint_reports.table(november).rows for c in row.cells]
        for tile in complaint_reports.tiles(november):
            cells += [tile.cell, *tile.detail]
        linked = [c for c in cells if c.url]
        assert len(linked) == len(EXPECTED) + 4
        for cell in linked:
            assert _count_on(client, cell.url) == cell.value == EXPECTED[cell.key], cell.key
            path, _, query = cell.url.partition("?")
            exported = client.get(path.rstrip("/") + ".csv?" + query)
            lines = b"".join(exported.streaming_content).decode().strip().splitlines()
            assert len(lines) - 2 == cell.value, cell.key  # title and heading rows
        # The tile's percentage: 2 of the 3 acknowledged (or answered) were in time.
        share = complaint_reports.tiles(november)[1].cell.value
        assert share == 66.7


@pytest.mark.parametrize(
    "who, sees",
    [
        ("ig_officer", True),
        ("ig_manager", True),
        ("manager", False),
        ("siro", False),
        ("director", False),
    ],
)
def test_the_pages_show_complaint_figures_to_ig_and_the_dpo_only(client, cast, november, who, sees):
    params = {"period": "month", "start": "2026-11-01"}
    with time_machine.travel(at(dt.date(2026, 12, 8)), tick=False):
        client.force_login(getattr(cast, who))
        dashboard = client.get(reverse("reports:dashboard"), params).content.decode()
        quarterly = client.get(reverse("reports:quarterly"), {"start": "2026-10-01"})
        drill = client.get(reverse("reports:complaints", args=["dpc_received"]), params)
    assert ('id="tiles-complaints"' in dashboard) is sees
    assert ("Data-protection complaints (DPA 2018 s164A)" in quarterly.content.decode()) is sees
    assert drill.status_code == (200 if sees else 403)


def test_an_unknown_figure_is_not_found(client, cast):
    client.force_login(cast.ig_officer)
    assert client.get(reverse("reports:complaints", args=["nope"])).status_code == 404


def test_the_drill_down_list_costs_the_same_for_more_complaints(
    client, cast, november, django_assert_num_queries, django_assert_max_num_queries
):
    params = {"period": "month", "start": "2026-11-01"}
    url = reverse("reports:complaints", args=["dpc_received"])
    with time_machine.travel(at(dt.date(2026, 12, 8)), tick=False):
        client.force_login(cast.ig_officer)
        with django_assert_max_num_queries(8) as few:
            assert client.get(url, params).status_code == 200
        for day in range(9, 30):
            log(cast, dt.date(2026, 11, day))
        with django_assert_num_queries(len(few.captured_queries)):
            assert _count_on(client, url + "?period=month&start=2026-11-01") == 26
