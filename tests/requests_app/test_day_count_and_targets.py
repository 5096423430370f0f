"""'Day N of 20' on the case page and in every list; the service areas' own internal targets;
the director's service-area filter. Dates counted by hand: received Monday 2 November 2026,
seen on Monday 9 November (Tue 3 .. Fri 6 and Mon 9: day 5)."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from requests_app import services
from requests_app.models import Assignment, Case, Channel, Regime, Status

LONDON = ZoneInfo("Europe/London")
RECEIVED = dt.datetime(2026, 11, 2, 10, tzinfo=LONDON)
SEEN = dt.datetime(2026, 11, 9, 12, tzinfo=LONDON)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def case(cast, org):
    with time_machine.travel(RECEIVED, tick=False):
        case = services.case_log(
            user=cast.ig_officer,
            requester={"name": "Jo Bloggs", "email": "jo@example.org"},
            channel=Channel.EMAIL,
            received_at=RECEIVED,
            title="Pothole claims 2025",
            request_text="Please send the number of pothole compensation claims in 2025.",
            regime=Regime.FOI,
        )
        services.case_assign(
            case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk, org.area_b.pk]
        )
    return Case.objects.get(pk=case.pk)


@pytest.mark.parametrize(
    ("who", "url_name", "query"),
    [
        ("ig_officer", "requests:queue", "?tab=open"),
        ("ig_officer", "requests:queue", "?tab=mine"),
        ("officer_a", "requests:inbox", ""),
        ("officer_b", "requests:inbox", "?tab=all"),
    ],
)
def test_lists_show_the_day_of_the_period(client, cast, case, who, url_name, query):
    client.force_login(getattr(cast, who))
    with time_machine.travel(SEEN, tick=False):
        page = text(client.get(reverse(url_name) + query))
    assert case.reference in page
    assert "Day 5 of 20" in page


def test_case_page_shows_the_day_and_how_it_was_counted(client, cast, case):
    client.force_login(cast.ig_officer)
    with time_machine.travel(SEEN, tick=False):
        page = text(client.get(reverse("requests:case", args=[case.pk])))
    assert '<p class="govuk-body" id="day-count"> <strong>Day 5 of 20</strong>' in page
    assert "Tue 2026-11-03 to Fri 2026-11-06 working days 1–4" in page
    assert "Mon 2026-11-09 today: day 5 of 20, 15 working days to the due date" in page


def test_a_stopped_clock_shows_where_it_stopped(client, cast, case):
    # A data-subject request waiting for clarification since Thursday 5 November: calendar
    # days after Monday 2 November, Tue 3 and Wed 4, count; the clock stopped on the 5th.
    with time_machine.travel(RECEIVED, tick=False):
        sar = services.case_log(
            user=cast.ig_officer,
            requester={"name": "Sam Subject", "email": "sam@example.org"},
            channel=Channel.EMAIL,
            received_at=RECEIVED,
            title="My records",
            request_text="All my records.",
            regime=Regime.SAR,
        )
    with time_machine.travel(dt.datetime(2026, 11, 5, 10, tzinfo=LONDON), tick=False):
        services.case_ask_clarification(
            case_id=sar.pk,
            user=cast.ig_officer,
            question="Which service?",
            asked_on=dt.date(2026, 11, 5),
            concerns="dealings",
            concerns_reason="The council runs many services; the request names none.",
        )
    client.force_login(cast.ig_officer)
    with time_machine.travel(SEEN, tick=False):
        page = text(client.get(reverse("requests:queue") + "?tab=waiting"))
    assert Case.objects.get(pk=sar.pk).status == Status.AWAITING_CLARIFICATION
    assert "Clock stopped at day 2 of the month" in page


def test_the_day_count_is_not_shown_to_someone_who_may_not_see_the_case(client, cast, case):
    client.force_login(cast.outsider)
    assert client.get(reverse("requests:case", args=[case.pk])).status_code == 404
    client.force_login(cast.director_other)  # the case is in People's Housing too: may see it
    assert client.get(reverse("requests:case", args=[case.pk])).status_code == 200


def test_service_area_list_shows_each_areas_internal_target_and_its_own_flag(
    client, cast, org, case
):
    # The internal target is 10 working days before the statutory date (Tue 1 Dec 2026, with
    # St Andrew's Day skipped): Monday 16 November. Housing's target is moved a week earlier
    # and Planning has already answered, so only Housing's target is missed on 12 November.
    with time_machine.travel(SEEN, tick=False):
        services.case_submit_draft(
            case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="312."
        )
    Assignment.objects.filter(case=case, service_area=org.area_b).update(
        internal_due=dt.date(2026, 11, 9)
    )
    client.force_login(cast.officer_b)
    with time_machine.travel(dt.datetime(2026, 11, 12, 9, tzinfo=LONDON), tick=False):
        page = text(client.get(reverse("requests:inbox")))
    assert "Service areas and internal targets" in page
    assert (
        'Housing <br> <span class="govuk-!-font-size-16">Target 9 Nov 2026</span> '
        '<strong class="govuk-tag govuk-tag--red">Target missed</strong>'
    ) in page
    assert (
        'Planning <br> <span class="govuk-!-font-size-16">Target 16 Nov 2026</span> '
        '<strong class="govuk-tag govuk-tag--green">Submitted</strong>'
    ) in page
    # The statutory date is not overdue: its own flag is not raised.
    assert "1 Dec 2026" in page
    assert 'govuk-tag--red">Overdue' not in page


def test_director_service_area_filter_lists_their_own_areas(client, cast, org):
    client.force_login(cast.director)
    page = text(client.get(reverse("requests:authorisations")))
    options = re.findall(r'<option value="(\d+)"\s*>([^<]+)</option>', page)
    assert sorted(name for _, name in options) == ["Environmental Health", "Planning"]
    client.force_login(cast.officer_a)  # not a director: refused
    assert client.get(reverse("requests:authorisations")).status_code == 403
