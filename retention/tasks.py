"""Thin Celery tasks; each is safe to run twice or in two workers at once."""

from celery import shared_task
from django.utils import timezone

from retention import disposal, services
from retention.disposal import dispose_run  # noqa: F401 - registers the task under this module


@shared_task(name="retention.tasks.prepare_disposal_run")
def prepare_disposal_run() -> int | None:
    run = services.run_prepare(today=timezone.localdate())
    return run.pk if run else None


@shared_task(name="retention.tasks.resume_disposal")
def resume_disposal() -> int:
    return disposal.resume_approved()
