"""With the broker (Redis) unreachable, staff still save their work: what would have been queued
waits in the database, and the periodic catch-up sweeps send it once the broker is back.

The broker is pointed at a port where nothing listens; the cache (also Redis in the suite) is
left alone, as it is a separate setting."""

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from config.celery import app
from organisation.models import Notification
from requests_app import services, sweeps
from requests_app.models import Case, Correspondence, Regime
from workflow import escalations, outbox
from workflow.tasks import sweep_outbox

pytestmark = pytest.mark.integration

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=LONDON)  # Wednesday 4 March 2026
DEAD_BROKER = "redis://127.0.0.1:1/0"  # port 1: connection refused at once


def _reset_connections():
    # Celery builds its connection and producer pools once, from broker_url; drop them so
    # the next publish uses the URL now configured.
    app._pool = None
    app.amqp._producer_pool = None


class Broker:
    def __init__(self):
        self.url = app.conf.broker_url

    def down(self):
        app.conf.broker_url = DEAD_BROKER
        _reset_connections()

    def up(self):
        app.conf.broker_url = self.url
        _reset_connections()


@pytest.fixture
def broker():
    """The broker starts down; `broker.up()` brings it back (and so does the end of the test)."""
    switch = Broker()
    switch.down()
    yield switch
    switch.up()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_broker_really_is_unreachable(broker):
    with pytest.raises(Exception):  # noqa: B017 - whatever kombu raises for "refused"
        sweep_outbox.delay()


def test_acknowledging_a_case_saves_and_the_letter_goes_later(
    client, cast, django_capture_on_commit_callbacks, broker, caplog
):
    case = services.case_log(
        user=cast.ig_officer,
        requester={"name": "Jo Bloggs", "email": "jo@example.org"},
        channel="email",
        received_at=NOW - dt.timedelta(days=1),
        title="Pothole claims",
        request_text="How many?",
        regime=Regime.FOI,
    )
    client.force_login(cast.ig_officer)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(
            reverse("requests:case_action", args=[case.pk, "acknowledge"]),
            {"version": case.version, "body": "We have your request."},
        )
    assert time.monotonic() - started < 10
    assert response.status_code == 302, response.content.decode()[:500]
    # The letter's send was attempted once, after commit, and failed (the other callbacks are
    # the reporting summaries and the disclosure-log cache, which need no broker).
    sends = [c for c in callbacks if getattr(c, "func", None) is outbox.queue_send]
    assert len(sends) == 1
    assert "the outbox sweep will send it" in caplog.text
    assert Case.objects.get(pk=case.pk).acknowledged_at is not None
    letter = Correspondence.objects.get(case=case, kind="acknowledgement")
    assert outbox.delivery_of(letter).state == "pending"
    assert mail.outbox == []

    # The broker is back; beat's catch-up task sends the letter.
    broker.up()
    assert sweep_outbox.apply().get()["sent"] == 1
    assert outbox.delivery_of(letter).state == "sent"
    assert [m.to for m in mail.outbox] == [["jo@example.org"]]


def test_a_sweep_with_the_broker_down_stores_its_notifications_and_they_go_later(
    cast, org, django_capture_on_commit_callbacks, broker, caplog
):
    case = services.case_log(
        user=cast.ig_officer,
        requester={"name": "Jo Bloggs", "email": "jo@example.org"},
        channel="email",
        received_at=NOW - dt.timedelta(days=40),
        title="Pothole claims",
        request_text="How many?",
        regime=Regime.FOI,
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = escalations.run(sweeps.OVERDUE_ESCALATIONS)
    assert result.created == 1
    note = Notification.objects.get()
    assert note.escalation.object_id == case.pk
    email = outbox.delivery_of(note)
    assert email.state == "pending"
    assert f"could not queue email {email.pk}" in caplog.text

    broker.up()
    assert sweep_outbox.apply().get()["sent"] == 1
    assert [m.to for m in mail.outbox] == [[cast.ig_manager.email]]
    assert sweep_outbox.apply().get()["sent"] == 0
