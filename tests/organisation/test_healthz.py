import datetime as dt
import time

import pytest
import time_machine
from django.urls import reverse

from organisation.models import Heartbeat
from organisation.tasks import heartbeat
from organisation.views import HEARTBEAT_TASK

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)


def test_health_without_a_worker_says_so(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["broker"] == "ok"
    assert body["worker"] == "no recent heartbeat"
    assert body["status"] == "degraded"


@time_machine.travel(NOW, tick=False)
def test_health_reports_recent_and_stale_heartbeats(client, db):
    Heartbeat.objects.create(name=HEARTBEAT_TASK, last_run=NOW - dt.timedelta(minutes=2))
    Heartbeat.objects.create(name="deadlines.tasks.sync_bank_holidays", last_run=NOW)
    body = client.get(reverse("healthz")).json()
    assert body["worker"] == "ok"
    assert body["status"] == "ok"
    assert body["periodic_tasks"]["deadlines.tasks.sync_bank_holidays"] == NOW.isoformat()

    Heartbeat.objects.filter(name=HEARTBEAT_TASK).update(last_run=NOW - dt.timedelta(minutes=4))
    assert client.get(reverse("healthz")).json()["worker"] == "no recent heartbeat"


def test_health_names_no_hosts_or_secrets(client, db, settings):
    text = client.get(reverse("healthz")).content.decode()
    assert settings.SECRET_KEY not in text
    assert settings.DATABASES["default"]["HOST"] not in text
    assert "redis://" not in text and "postgres" not in text


@pytest.mark.integration
def test_a_real_worker_processes_the_heartbeat_and_health_says_so(client, celery_worker_process):
    assert client.get(reverse("healthz")).json()["worker"] == "no recent heartbeat"
    heartbeat.delay()
    for _ in range(100):
        if Heartbeat.objects.filter(name=HEARTBEAT_TASK).exists():
            break
        time.sleep(0.1)
    body = client.get(reverse("healthz")).json()
    assert body["worker"] == "ok"
    assert body["status"] == "ok"


def test_health_lists_every_scheduled_task_even_before_it_runs(client, db):
    from config.celery import app

    tasks = client.get(reverse("healthz")).json()["periodic_tasks"]
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in tasks
    assert tasks["deadlines.tasks.sync_bank_holidays"] is None
