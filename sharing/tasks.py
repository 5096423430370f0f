from celery import shared_task
from django.utils import timezone

from sharing import services, sweeps
from workflow import escalations

# Thin tasks, no arguments, safe to run twice or in two workers at once.


@shared_task(name="sharing.tasks.advance_agreements")
def advance_agreements() -> dict:
    return services.agreements_advance(today=timezone.localdate())


@shared_task(name="sharing.tasks.sweep_review_reminders")
def sweep_review_reminders() -> dict:
    return escalations.run(sweeps.REVIEW_REMINDERS).as_dict()


@shared_task(name="sharing.tasks.sweep_review_overdue")
def sweep_review_overdue() -> dict:
    return escalations.run(sweeps.REVIEW_OVERDUE).as_dict()
