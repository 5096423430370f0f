import datetime as dt
import time

import pytest
import time_machine
from django.urls import reverse

from organisation.models import Heartbeat
from organisation.tasks import heartbeat
from organisation.views import HEARTBEAT_TASK

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
TOKEN = "monitoring-token-0123456789"
BEARER = f"Bearer {TOKEN}"


@pytest.fixture(autouse=True)
def health_token(settings):
    settings.HEALTHZ_TOKEN = TOKEN


def test_anyone_gets_only_ok_or_not_ok(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize(
    "header", ["", "Bearer wrong-token", f"Basic {TOKEN}", "Bearer ", f"Bearer {TOKEN}x"]
)
def test_a_wrong_or_missing_token_gets_no_detail(client, db, header):
    response = client.get(reverse("healthz"), HTTP_AUTHORIZATION=header)
    assert response.json() == {"status": "ok"}


def test_no_token_configured_means_no_token_works(client, db, settings):
    settings.HEALTHZ_TOKEN = ""
    for header in ["Bearer ", "Bearer", "Bearer  "]:
        assert client.get(reverse("healthz"), HTTP_AUTHORIZATION=header).json() == {"status": "ok"}


def test_a_signed_in_administrator_sees_the_detail_and_other_staff_do_not(client, cast):
    client.force_login(cast.ig_manager)
    assert client.get(reverse("healthz")).json() == {"status": "ok"}
    client.force_login(cast.administrator)
    body = client.get(reverse("healthz")).json()
    assert body["database"] == "ok"
    assert "periodic_tasks" in body


@pytest.mark.two_factor
def test_an_administrator_without_the_second_factor_sees_no_detail(client, cast):
    client.force_login(cast.administrator)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_without_a_database_the_answer_is_503(client, db, monkeypatch):
    from organisation import views

    monkeypatch.setattr(views, "_database_ok", lambda: False)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_health_without_a_worker_says_so(client, db):
    response = client.get(reverse("healthz"), HTTP_AUTHORIZATION=BEARER)
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
    body = client.get(reverse("healthz"), HTTP_AUTHORIZATION=BEARER).json()
    assert body["worker"] == "ok"
    assert body["status"] == "ok"
    assert body["periodic_tasks"]["deadlines.tasks.sync_bank_holidays"] == NOW.isoformat()

    Heartbeat.objects.filter(name=HEARTBEAT_TASK).update(last_run=NOW - dt.timedelta(minutes=4))
    assert (
        client.get(reverse("healthz"), HTTP_AUTHORIZATION=BEARER).json()["worker"]
        == "no recent heartbeat"
    )


def test_health_names_no_hosts_or_secrets(client, db, settings):
    text = client.get(reverse("healthz"), HTTP_AUTHORIZATION=BEARER).content.decode()
    assert settings.SECRET_KEY not in text
    assert settings.DATABASES["default"]["HOST"] not in text
    assert "redis://" not in text and "postgres" not in text


@pytest.mark.integration
def test_a_real_worker_processes_the_heartbeat_and_health_says_so(client, celery_worker_process):
    assert (
        client.get(reverse("healthz"), HTTP_AUTHORIZATION=BEARER).json()["worker"]
        == "no recent heartbeat"
    )
    heartbeat.delay()
    for _ in range(300):
        if Heartbeat.objects.filter(name=HEARTBEAT_TASK).exists():
            break
        time.sleep(0.1)
    body = client.get(reverse("healthz"), HTTP_AUTHORIZATION=BEARER).json()
    assert body["worker"] == "ok"
    assert body["status"] == "ok"


def test_health_lists_every_scheduled_task_even_before_it_runs(client, db):
    from config.celery import app

    tasks = client.get(reverse("healthz"), HTTP_AUTHORIZATION=BEARER).json()["periodic_tasks"]
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in tasks
    assert tasks["deadlines.tasks.sync_bank_holidays"] is None
