import pytest
import time_machine

from deadlines import services as deadline_services
from reports import summaries
from tests.reports import dataset


@pytest.fixture(autouse=True)
def council_settings(settings, tmp_path):
    """The settings the hand-worked figures assume; letters are written under the test's own
    directory."""
    settings.COUNCIL_NATION = "england-and-wales"
    settings.ACKNOWLEDGEMENT_WORKING_DAYS = 2
    settings.INTERNAL_DUE_WORKING_DAYS_BEFORE = 10
    settings.PERFORMANCE_RED_BELOW = 85
    settings.PERFORMANCE_AMBER_BELOW = 90
    settings.MEDIA_ROOT = tmp_path / "media"
    deadline_services.calendar_cache_clear()
    yield
    deadline_services.calendar_cache_clear()


@pytest.fixture
def now():
    """Wednesday 15 July 2026, 12:00 BST, for the whole test."""
    with time_machine.travel(dataset.NOW, tick=False):
        yield dataset.NOW


@pytest.fixture(params=["summaries", "cases"])
def source(request, settings):
    """Every figure is checked twice: read from the summaries, and counted from the cases."""
    settings.REPORTS_FROM_SUMMARIES = request.param == "summaries"
    return request.param


@pytest.fixture
def council(cast, org, now, source, django_capture_on_commit_callbacks):
    """The fixed data set (tests/reports/dataset.py), with its dates checked. Built with the
    after-commit work run, so the summaries are the ones the services' listeners kept — and
    they must equal a fresh count."""
    with django_capture_on_commit_callbacks(execute=True):
        cases = dataset.build(cast, org)
    dataset.check_dates(cases)
    assert summaries.differences() == []
    return cases
