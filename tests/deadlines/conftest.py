import pytest
from django.db import DatabaseError

from deadlines import services
from deadlines.holidays import bundled_calendar


@pytest.fixture(autouse=True)
def calendar_per_test(request, monkeypatch):
    """Tests without the database see the calendar a fresh clone sees (bundled data + rules);
    every test starts with an empty calendar cache, so no test sees another's holidays."""
    services.calendar_cache_clear()
    uses_database = request.node.get_closest_marker("django_db") or (
        {"db", "transactional_db"} & set(request.fixturenames)
    )
    if not uses_database:
        monkeypatch.setattr(services, "_database_version", _no_database)
    yield
    services.calendar_cache_clear()


def _no_database():
    raise DatabaseError("no database in this test")


@pytest.fixture
def calendar():
    return bundled_calendar()
