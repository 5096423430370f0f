"""List pages cost a fixed number of queries whatever the number of cases."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from requests_app.models import Assignment, Case, Regime, Requester, Status

STATUSES = [Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_AUTHORISATION]


def bulk_cases(n, cast, org, start=0):
    """Volume data written directly: these tests measure reads, not the services."""
    requester = Requester.objects.create(name="Volume Requester", email="volume@example.org")
    now = timezone.now()
    cases = Case.objects.bulk_create(
        Case(
            reference=f"IG-VOL-{start + i:05d}",
            regime=Regime.FOI,
            requester=requester,
            channel="email",
            received_at=now - dt.timedelta(days=i % 60),
            title=f"Request {i}",
            request_text="Volume",
            status=STATUSES[i % len(STATUSES)],
            statutory_due=timezone.localdate() + dt.timedelta(days=(i % 10) - 3),
            sensitive=i % 3 == 0,
            owner=cast.ig_officer,
        )
        for i in range(n)
    )
    Assignment.objects.bulk_create(
        Assignment(
            case=case,
            service_area=area,
            internal_due=case.statutory_due,
            assigned_by=cast.ig_officer,
        )
        for case in cases
        for area in (org.area_a, org.area_c)[: 1 + case.pk % 2]
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


PAGES = [
    ("ig_officer", "requests:queue", ""),
    ("ig_officer", "requests:queue", "?tab=overdue&sort=-received_at&flag=sensitive"),
    ("ig_officer", "requests:queue", "?tab=due_soon&q=Request&page=2"),
    # Every filter of the panel chosen, each shown as a removable tag.
    (
        "ig_officer",
        "requests:queue",
        "?tab=open&q=Request&regime=foi&status=received&flag=sensitive"
        "&due_from_day=1&due_from_month=1&due_from_year=2020",
    ),
    ("officer_a", "requests:inbox", ""),
    ("officer_a", "requests:inbox", "?tab=all&sort=reference"),
    ("director", "requests:authorisations", ""),
]


@pytest.mark.parametrize(("who", "name", "query"), PAGES)
def test_list_queries_do_not_grow_with_cases(client, cast, org, who, name, query):
    client.force_login(getattr(cast, who))
    url = reverse(name) + query
    bulk_cases(10, cast, org)
    client.get(url)  # warm per-process caches (the bank-holiday calendar) before counting
    small, _ = count_queries(client, url)
    bulk_cases(190, cast, org, start=10)
    large, response = count_queries(client, url)
    assert large == small, (small, large)
    assert large <= 14
    assert "IG-VOL-" in response.content.decode()


def test_queue_paginates_and_counts(client, cast, org):
    bulk_cases(60, cast, org)
    client.force_login(cast.ig_officer)
    html = client.get(reverse("requests:queue") + "?sort=reference&page=3").content.decode()
    assert "60 cases" in html
    assert "IG-VOL-00050" in html and "IG-VOL-00049" not in html


def test_inbox_shows_only_my_areas(client, cast, org):
    bulk_cases(20, cast, org)
    client.force_login(cast.officer_b)
    html = client.get(reverse("requests:inbox") + "?tab=all").content.decode()
    assert "IG-VOL-" not in html
    assert "No cases match" in html


# --- bounded pages: a capped count, a handful of page links, and the search -----------------


def test_a_long_list_counts_only_up_to_the_cap(client, cast, org, settings):
    settings.LIST_MAX_ROWS = 100
    bulk_cases(130, cast, org)
    client.force_login(cast.ig_officer)
    url = reverse("requests:queue") + "?sort=reference"
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url + "&page=999").content.decode()
    assert "More than 100 cases" in html
    # The last page offered is the cap's (page 4 of 25), and no query walks past the cap.
    assert "IG-VOL-00075" in html and "IG-VOL-00099" in html and "IG-VOL-00100" not in html
    offsets = [int(n) for q in queries for n in re.findall(r"OFFSET (\d+)", q["sql"])]
    assert offsets and max(offsets) < 100
    assert 'aria-label="Page 4"' in html and 'aria-label="Page 5"' not in html


def test_an_outsider_cannot_see_the_queue(client, cast, org):
    bulk_cases(5, cast, org)
    client.force_login(cast.outsider)
    assert client.get(reverse("requests:queue")).status_code in (302, 403)


@pytest.mark.parametrize(
    ("text", "found"),
    [("request 7", {"IG-VOL-00007"}), ("IG-VOL-00003", {"IG-VOL-00003"}), ("volume@", "all")],
)
def test_search_finds_reference_title_and_requester(client, cast, org, text, found):
    bulk_cases(12, cast, org)
    client.force_login(cast.ig_officer)
    html = client.get(reverse("requests:queue"), {"q": text, "tab": "open"}).content.decode()
    shown = {ref for ref in (f"IG-VOL-{i:05d}" for i in range(12)) if ref in html}
    assert shown == ({f"IG-VOL-{i:05d}" for i in range(12)} if found == "all" else found)


@pytest.mark.parametrize(
    ("who", "name"), [("ig_officer", "requests:queue"), ("officer_a", "requests:inbox")]
)
def test_list_rows_do_not_read_the_long_texts(client, cast, org, who, name):
    """A page of 25 rows reads no request or answer text (searching still looks in the request)."""
    bulk_cases(30, cast, org)
    Case.objects.update(
        request_text="A very long request. " * 500, response_text="An answer. " * 500
    )
    client.force_login(getattr(cast, who))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name), {"tab": "all", "q": "Request"})
    assert response.status_code == 200 and "IG-VOL-" in response.content.decode()
    page = [q["sql"] for q in queries if "LIMIT 25" in q["sql"]]
    assert len(page) == 1
    selected = page[0].split(" FROM ", 1)[0]
    assert '"request_text"' not in selected and '"response_text"' not in selected
    assert '"request_text"' in page[0]  # the search's own condition
