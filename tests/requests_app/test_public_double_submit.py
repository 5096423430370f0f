"""A public request form sent twice makes one case, with the cache down (the form's nonce is
claimed in the database), including two submissions of one form arriving at the same moment."""

import threading

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from requests_app.models import Case, Correspondence, PublicFormToken, Requester
from requests_app.public_forms import issue_token

FORM_URL = "/make-a-request/"
DONE_URL = "/make-a-request/confirmation/"
VALID = {
    "request_type": "foi",
    "name": "Alex Requester",
    "email": "alex@example.org",
    "address": "",
    "title": "",
    "request_text": "Please send me the number of potholes repaired in each ward in 2024.",
    "website": "",
}


@pytest.fixture
def cache_down(settings):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    with pytest.raises(Exception):  # noqa: B017 - proves the cache really is down
        caches["default"].get("anything")


def test_same_form_sent_twice_with_the_cache_down_makes_one_case(db, cache_down):
    token = issue_token()
    first, second = Client(), Client()
    assert first.post(FORM_URL, {**VALID, "token": token})["Location"] == DONE_URL
    assert second.post(FORM_URL, {**VALID, "token": token})["Location"] == DONE_URL
    case = Case.objects.get()
    assert (Requester.objects.count(), Correspondence.objects.count()) == (1, 1)
    # Both are told the one reference.
    assert case.reference in first.get(DONE_URL).content.decode()
    assert case.reference in second.get(DONE_URL).content.decode()
    assert PublicFormToken.objects.get().case == case


def test_different_forms_make_different_cases(db, cache_down):
    client = Client()
    client.post(FORM_URL, {**VALID, "token": issue_token()})
    client.post(FORM_URL, {**VALID, "token": issue_token()})
    assert Case.objects.count() == 2


def test_a_refused_form_claims_nothing(db, cache_down):
    token = issue_token()
    response = Client().post(FORM_URL, {**VALID, "name": "", "token": token})
    assert response.status_code == 200
    assert not PublicFormToken.objects.exists()
    # Corrected and sent again with the same token, it makes the case.
    assert Client().post(FORM_URL, {**VALID, "token": token}).status_code == 302
    assert Case.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_submissions_of_one_form_at_the_same_moment_make_one_case(cache_down):
    token = issue_token()
    start = threading.Barrier(4)
    statuses = []

    def send():
        try:
            client = Client()
            start.wait()
            statuses.append(client.post(FORM_URL, {**VALID, "token": token}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert statuses == [302, 302, 302, 302]
    assert Case.objects.count() == 1
    assert Correspondence.objects.count() == 1
