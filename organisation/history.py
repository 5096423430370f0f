"""Who made a change, for django-simple-history, outside a web request.

The history middleware tells simple-history the acting user during a request; services also run
from Celery tasks, commands and the demo seed, where there is no request. Wrapping a service's
work in `acting_user(user)` makes every history row written inside it name that user, whichever
model is saved."""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords


@contextmanager
def acting_user(user):
    previous = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = previous
