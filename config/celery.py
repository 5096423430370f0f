"""The Celery application. The beat schedule lives in code, in Europe/London time: each app
lists its periodic tasks in its own `schedule.py` (plain data, no models), merged here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("ig_casework")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def _beat_schedule() -> dict:
    from breaches.schedule import BEAT as breaches_beat
    from deadlines.schedule import BEAT as deadlines_beat
    from fees.schedule import BEAT as fees_beat
    from organisation.schedule import BEAT as organisation_beat
    from reports.schedule import BEAT as reports_beat
    from requests_app.schedule import BEAT as requests_beat
    from retention.schedule import BEAT as retention_beat
    from sharing.schedule import BEAT as sharing_beat
    from workflow.schedule import BEAT as workflow_beat

    schedule = {}
    for part in (
        organisation_beat,
        workflow_beat,
        deadlines_beat,
        requests_beat,
        fees_beat,
        reports_beat,
        breaches_beat,
        sharing_beat,
        retention_beat,
    ):
        clash = schedule.keys() & part.keys()
        if clash:
            raise ValueError(f"Two apps schedule the same periodic task: {sorted(clash)}")
        schedule.update(part)
    return schedule


app.conf.beat_schedule = _beat_schedule()
