"""The public form's hourly limit counts atomically in the shared cache (django-ratelimit on
the suite's real Redis): many submissions at the same moment cannot overshoot it."""

from concurrent.futures import ThreadPoolExecutor

from django.conf import settings as django_settings
from django.test import RequestFactory

from requests_app.public_views import _over_hourly_limit


def test_simultaneous_submissions_never_exceed_the_limit(settings):
    assert "redis" in django_settings.CACHES["default"]["BACKEND"].lower()
    settings.PUBLIC_FORM_MAX_PER_HOUR = 5
    request = RequestFactory().post("/make-a-request/", REMOTE_ADDR="198.51.100.77")
    with ThreadPoolExecutor(max_workers=16) as pool:
        refused = list(pool.map(lambda _: _over_hourly_limit(request), range(40)))
    assert refused.count(False) == 5
    other = RequestFactory().post("/make-a-request/", REMOTE_ADDR="198.51.100.78")
    assert _over_hourly_limit(other) is False
