"""The dashboard's timeliness by language of correspondence: figures worked out by hand, each
the length of the drill-down list it links to, shown only when Welsh is in use."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils.http import urlencode

from reports import dashboard
from reports.periods import Period
from requests_app.models import Requester, Status
from tests.requests_app.builders import case_in, logged

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=LONDON)  # Tuesday; the week is Mon 30 Nov – Sun 6 Dec


@pytest.fixture
def mixed(settings, cast, org):
    """A: answered in time this week (received Sat 28 Nov, last week), Welsh.
    B: received this week, Welsh. C: received this week, bilingual. D: received, English."""
    settings.WELSH_LANGUAGE_STANDARDS = True
    with time_machine.travel(NOW, tick=False):
        answered = case_in(Status.RESPONDED, cast, org)
        Requester.objects.filter(pk=answered.requester_id).update(language="cy")
        logged(cast, days_ago=0, name="Siân Jones", email="sian@example.org", language="cy")
        logged(cast, days_ago=0, name="Bob Ap", email="bob@example.org", language="both")
        logged(cast, days_ago=0, name="Ann Lee", email="ann@example.org")
        yield Period.containing("week", NOW.date(), NOW.date())


def language_rows(data):
    return {
        row.label: {cell.key: cell.value for cell in row.cells}
        for row in data.tables["language"].rows
    }


def test_timeliness_by_language_worked_out_by_hand(mixed):
    with time_machine.travel(NOW, tick=False):
        data = dashboard.build(period=mixed, today=NOW.date())
    assert language_rows(data) == {
        "English": {"received": 1, "answered_in_time": 0, "answered_late": 0},
        "Welsh": {"received": 1, "answered_in_time": 1, "answered_late": 0},
        "Welsh and English (bilingual)": {
            "received": 1,
            "answered_in_time": 0,
            "answered_late": 0,
        },
    }


@pytest.mark.parametrize("from_summaries", [True, False])
def test_every_language_figure_is_the_length_of_its_list(
    client, cast, mixed, settings, from_summaries
):
    settings.REPORTS_FROM_SUMMARIES = from_summaries
    client.force_login(cast.ig_manager)
    with time_machine.travel(NOW, tick=False):
        data = dashboard.build(period=mixed, today=NOW.date())
        query = urlencode(mixed.params())
        page = client.get(reverse("reports:dashboard") + "?" + query).content.decode()
        assert "By language of correspondence" in page
        for row in data.tables["language"].rows:
            for cell in row.cells:
                assert cell.dim.startswith("language:")
                assert cell.url.replace("&", "&amp;") in page
                response = client.get(cell.url)
                assert response.status_code == 200
                listed = list(response.context["cases"].object_list)
                assert (len(listed), response.context["total"]) == (cell.value, cell.value), (
                    row.label,
                    cell.key,
                )
                languages = {case.requester.language for case in listed}
                assert languages <= {cell.dim.split(":")[1]}


def test_a_language_that_does_not_exist_is_not_a_breakdown(client, cast, mixed):
    client.force_login(cast.ig_manager)
    url = reverse("reports:cases", args=["received"]) + "?dim=language:fr"
    assert client.get(url).status_code == 404


def test_the_table_is_shown_only_when_welsh_is_in_use(cast, settings, db):
    settings.WELSH_LANGUAGE_STANDARDS = False
    period = Period.containing("week", NOW.date(), NOW.date())
    with time_machine.travel(NOW, tick=False):
        logged(cast, days_ago=0)
        assert "language" not in dashboard.build(period=period, today=NOW.date()).tables
        # The standards switched off later: the Welsh requests already made are still reported.
        Requester.objects.update(language="cy")
        assert "language" in dashboard.build(period=period, today=NOW.date()).tables


def test_people_without_the_dashboard_are_refused_the_language_lists(client, cast, mixed):
    url = reverse("reports:cases", args=["received"]) + "?dim=language:cy"
    client.force_login(cast.outsider)
    assert client.get(url).status_code in (403, 404)
