"""Search everywhere from the header, and saved queue filters (each person's own)."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from breaches import services as breach_services
from requests_app import services
from requests_app.models import Status
from search.models import SavedFilter
from tests.requests_app.builders import case_in, logged

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def search(client, q):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search:search"), {"q": q})
    assert response.status_code == 200
    return text(response), len(queries)


@pytest.fixture
def records(cast, org):
    mine = case_in(Status.ASSIGNED, cast, org)  # assigned to area A (Planning)
    theirs = logged(cast, title="Zebra crossings in Housing estates")
    services.case_assign(case_id=theirs.pk, user=cast.ig_officer, service_area_ids=[org.area_b.pk])
    by_email = logged(cast, title="Bins", email="quokka@example.org", name="Pat Quokka")
    breach = breach_services.breach_report(
        user=cast.officer_a,
        title="Zebra list emailed to the wrong school",
        what_happened="Sent to the wrong address.",
        discovered_at=timezone.now() - dt.timedelta(hours=2),
        service_area=org.area_a,
    )
    return {"mine": mine, "theirs": theirs, "by_email": by_email, "breach": breach}


def test_breach_team_and_reporter_find_the_breach(client, cast, records):
    for who in ("ig_manager", "siro", "officer_a"):  # the DPO, the SIRO, the reporter
        client.force_login(getattr(cast, who))
        page, _ = search(client, "zebra list")
        assert records["breach"].reference in page, who
    client.force_login(cast.ig_officer)  # IG officers do not see breaches
    page, _ = search(client, records["breach"].reference)
    assert "Nothing you can see matches" in page


def test_ig_finds_cases_by_reference_title_text_and_requester(client, cast, records):
    client.force_login(cast.ig_officer)
    page, _ = search(client, "zebra")
    assert records["theirs"].reference in page
    page, _ = search(client, "quokka@example")
    assert records["by_email"].reference in page
    page, _ = search(client, "Pat Quok")
    assert records["by_email"].reference in page
    page, _ = search(client, records["mine"].reference)
    assert records["mine"].reference in page
    page, _ = search(client, "compensation claims")  # the request's text
    assert records["mine"].reference in page


def test_service_area_officer_finds_only_what_they_may_see(client, cast, records):
    client.force_login(cast.officer_b)  # Housing: the zebra case, not Planning's, no breach
    page, _ = search(client, "zebra")
    assert records["theirs"].reference in page
    assert "Zebra list emailed" not in page  # another person's breach report
    page, _ = search(client, records["mine"].reference)
    assert reverse("requests:case", args=[records["mine"].pk]) not in page
    assert "Nothing you can see matches" in page
    client.force_login(cast.outsider)
    page, _ = search(client, "zebra")
    assert reverse("requests:case", args=[records["theirs"].pk]) not in page
    assert "Nothing you can see matches" in page


def test_search_costs_a_fixed_number_of_queries(client, cast, org, records):
    client.force_login(cast.ig_manager)
    search(client, "Pothole")  # warm per-process caches
    _, few = search(client, "Pothole")
    for _ in range(15):
        logged(cast)
    page, many = search(client, "Pothole")
    assert many == few, (few, many)
    assert many <= 14
    assert "The first 10 shown" in page


def test_too_short_a_search_says_so(client, cast):
    client.force_login(cast.ig_officer)
    page, _ = search(client, "a")
    assert "Enter at least 2 characters to search for" in page
    anonymous = client.__class__()
    assert anonymous.get(reverse("search:search"), {"q": "zebra"}).status_code == 302


def test_the_header_offers_search_to_signed_in_staff(client, cast):
    client.force_login(cast.officer_a)
    page = text(client.get(reverse("requests:inbox")))
    assert f'action="{reverse("search:search")}"' in page


# --- saved filters ------------------------------------------------------------------------


def test_save_list_apply_and_delete_own_filter(client, cast, org):
    client.force_login(cast.ig_officer)
    response = client.post(
        reverse("search:filter_save"),
        {"name": "Overdue FOI", "query": "tab=overdue&regime=foi&page=3&evil=1"},
    )
    saved = SavedFilter.objects.get()
    assert (saved.user, saved.name, saved.query) == (
        cast.ig_officer,
        "Overdue FOI",
        "tab=overdue&regime=foi",
    )
    assert response.url == reverse("requests:queue") + "?tab=overdue&regime=foi"
    page = text(client.get(reverse("requests:queue")))
    assert '<a class="govuk-link" href="?tab=overdue&amp;regime=foi">Overdue FOI</a>' in page
    # The same name again replaces the query.
    client.post(reverse("search:filter_save"), {"name": "Overdue FOI", "query": "tab=overdue"})
    assert SavedFilter.objects.get().query == "tab=overdue"
    response = client.post(reverse("search:filter_delete", args=[saved.pk]))
    assert response.status_code == 302
    assert not SavedFilter.objects.exists()


def test_another_person_cannot_see_or_delete_a_filter(client, cast):
    saved = SavedFilter.objects.create(user=cast.ig_officer, name="Mine", query="tab=overdue")
    client.force_login(cast.ig_manager)
    assert "Mine" not in text(client.get(reverse("requests:queue"))).split("Saved filters")[1][:500]
    assert client.post(reverse("search:filter_delete", args=[saved.pk])).status_code == 404
    assert SavedFilter.objects.filter(pk=saved.pk).exists()
    client.force_login(cast.officer_a)  # not IG: no queue, no filters
    assert client.post(reverse("search:filter_delete", args=[saved.pk])).status_code == 403
    assert (
        client.post(reverse("search:filter_save"), {"name": "x", "query": "tab=new"}).status_code
        == 403
    )
    assert SavedFilter.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "query": "tab=overdue"}, "Enter a name for the filter"),
        ({"name": "x" * 81, "query": "tab=overdue"}, "80 characters or fewer"),
        ({"name": "Nothing", "query": "page=2"}, "Choose at least one filter"),
        ({"name": "\x00", "query": "tab=overdue"}, "only letters, numbers and punctuation"),
        ({"name": "Nul", "query": "q=%00"}, "Choose at least one filter"),
    ],
)
def test_bad_filter_input_gets_a_message_and_saves_nothing(client, cast, data, message):
    client.force_login(cast.ig_officer)
    response = client.post(reverse("search:filter_save"), data, follow=True)
    assert message in text(response)
    assert not SavedFilter.objects.exists()
