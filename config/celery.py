"""The Celery application. The beat schedule lives here, in code, in Europe/London time."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ig_casework")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # The health page reads the last heartbeat to say whether a worker is processing tasks.
    "heartbeat": {"task": "organisation.tasks.heartbeat", "schedule": 60.0},
    # Letters are queued as they are written; this catches any the broker could not take.
    "send-pending-correspondence": {
        "task": "requests_app.tasks.send_pending_correspondence",
        "schedule": 300.0,
    },
    "sync-bank-holidays": {
        "task": "deadlines.tasks.sync_bank_holidays",
        "schedule": crontab(hour=3, minute=15),
    },
}
