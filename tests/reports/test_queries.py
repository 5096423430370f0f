"""The reports cost a fixed number of queries whatever the number of cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports import volume


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


PAGES = [
    ("manager", "reports:dashboard", [], "", 16),
    ("manager_place", "reports:dashboard", [], "?period=quarter", 16),
    # IG's pages add one query: the complaint figures (reports.complaints), IG only.
    ("ig_manager", "reports:dashboard", [], "?directorate={place}", 17),
    # A drill-down's total is the figure on the page it came from, read from the summaries
    # (reports.drilldown: only the rows it needs, none of them cases); who may open which
    # case is one query about the page's cases.
    ("manager", "reports:cases", ["open_now"], "?sort=-received_at&page=2", 9),
    ("manager", "reports:cases", ["answered_late"], "?period=year&dim=area:{area}", 10),
    ("director", "reports:cases", ["st_received"], "?period=quarter&dim=regime:foi", 12),
    ("manager", "reports:cases", ["received"], "?period=year&page=9999", 9),
    ("siro", "reports:quarterly", [], "", 12),
    ("ig_officer", "reports:annual", [], "", 13),
]


@pytest.mark.parametrize(("who", "name", "args", "query", "most"), PAGES)
def test_report_queries_do_not_grow_with_cases(client, cast, org, who, name, args, query, most):
    client.force_login(getattr(cast, who))
    url = reverse(name, args=args) + query.format(place=org.place.pk, area=org.area_a.pk)
    volume.seed(30, seed=1)
    client.get(url)  # warm per-process caches (the bank-holiday calendar) before counting
    small, response = count_queries(client, url)
    # A list with no cases skips its page's queries: compare two lists that have some (a few
    # more cases until this one has, whatever the data puts in its area).
    for more in range(2, 8):
        if name != "reports:cases" or volume.PREFIX.encode() in response.content:
            break
        volume.seed(30, seed=more)
        small, response = count_queries(client, url)
    volume.seed(400, seed=2)
    large, _ = count_queries(client, url)
    assert large == small, (small, large)
    assert large <= most, large
