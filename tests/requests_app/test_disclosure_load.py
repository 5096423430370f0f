"""The public disclosure log cannot be used to load the database: pages come from the cache,
an address that asks for too many is refused for a minute, and a page costs the same whatever
the number of published answers."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from requests_app import disclosure
from requests_app.transitions import CASES
from tests.requests_app.test_public import LOG_URL, RESPONDED, make_case, page_references


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.parametrize("url", [LOG_URL, LOG_URL + "?q=request", LOG_URL + "?page=3"])
def test_a_page_costs_the_same_with_10_and_200_answers(client, db, settings, url):
    settings.DISCLOSURE_LOG_CACHE_SECONDS = 0
    for n in range(10):
        make_case(responded_at=RESPONDED - dt.timedelta(hours=n))
    small, _ = queries_for(client, url)
    for n in range(190):
        make_case(responded_at=RESPONDED - dt.timedelta(days=1, hours=n))
    large, response = queries_for(client, url)
    assert large == small <= 3, (small, large)
    assert page_references(response)


def test_the_same_page_again_comes_from_the_cache(client, db, settings):
    settings.DISCLOSURE_LOG_CACHE_SECONDS = 300
    make_case(responded_at=RESPONDED)
    first, response = queries_for(client, LOG_URL)
    assert first > 0
    again, cached = queries_for(client, LOG_URL)
    assert again == 0
    assert page_references(cached) == page_references(response)
    # Another search is another page: it is worked out.
    other, _ = queries_for(client, LOG_URL + "?q=nothing-like-it")
    assert other > 0


def test_too_many_pages_from_one_address_are_refused_for_a_minute(client, db, settings):
    settings.DISCLOSURE_LOG_RATE_PER_MINUTE = 3
    make_case(responded_at=RESPONDED)
    for _ in range(3):
        assert client.get(LOG_URL, REMOTE_ADDR="203.0.113.9").status_code == 200
    refused = client.get(LOG_URL + "?q=x", REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Too many searches" in refused.content.decode()
    # Someone else is served.
    assert client.get(LOG_URL, REMOTE_ADDR="198.51.100.7").status_code == 200


def test_a_change_to_any_case_forgets_the_cached_pages(client, db, settings):
    settings.DISCLOSURE_LOG_CACHE_SECONDS = 300
    assert disclosure.forget_cached_pages in CASES.after_commit
    make_case(responded_at=RESPONDED)
    queries_for(client, LOG_URL)
    assert queries_for(client, LOG_URL)[0] == 0
    disclosure.forget_cached_pages(1)
    assert queries_for(client, LOG_URL)[0] > 0
