"""Records straight into the state a retention test needs (no workflow involved)."""

import datetime as dt
import importlib
import itertools
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app.models import Case, Channel, Document, Outcome, Regime, Requester, Status

LONDON = ZoneInfo("Europe/London")
_numbers = itertools.count(1)


def at(year, month, day, hour=12, minute=0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def make_case(
    *,
    regime=Regime.FOI,
    closed_at=None,
    status=Status.CLOSED,
    outcome=Outcome.GRANTED,
    requester=None,
    **fields,
) -> Case:
    number = next(_numbers)
    requester = requester or Requester.objects.create(
        name=f"Private Person {number}",
        email=f"private.person{number}@example.net",
        address=f"{number} Secret Lane",
    )
    closed_at = closed_at or at(2023, 3, 10)
    case = Case.objects.create(
        reference=f"IG-2023-{number:05d}",
        regime=regime,
        status=status,
        requester=requester,
        channel=Channel.EMAIL,
        received_at=closed_at - dt.timedelta(days=30),
        title=f"Request {number} from Private Person {number}",
        request_text=f"Secret request text {number}",
        response_text=f"Dear Private Person {number}, here is the answer.",
        responded_at=closed_at - dt.timedelta(days=1),
        closed_at=closed_at if status in Status.finished() else None,
        outcome=outcome,
        **fields,
    )
    # A change through history, as the services make: disposal must prune these rows.
    case.title = case.title + " (amended)"
    case.save()
    return case


def add_document(case, *, name="working.txt", content=b"personal notes", publish=False):
    return Document.objects.create(
        case=case,
        kind=Document.Kind.RELEASED if publish else Document.Kind.WORKING,
        file=SimpleUploadedFile(name, content),
        original_name=name,
        content_type="text/plain",
        size=len(content),
        publish=publish,
    )


def default_schedule() -> None:
    """The default schedule, as its data migration seeds it. A test on a live server or with
    real transactions runs after others have flushed the tables (the migration's rows with
    them), so such a test puts the schedule back first."""
    from django.apps import apps

    for name in ("0002_default_schedule", "0004_default_schedule_bulk_types"):
        importlib.import_module(f"retention.migrations.{name}").seed(apps, None)
