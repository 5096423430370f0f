from celery import shared_task

from breaches import sweeps
from workflow import escalations

# Thin, no arguments, safe to run twice or in two workers at once.


@shared_task(name="breaches.tasks.sweep_ico_clock_alerts")
def sweep_ico_clock_alerts() -> dict:
    return escalations.run(sweeps.ICO_CLOCK_ALERTS).as_dict()


@shared_task(name="breaches.tasks.sweep_overdue_actions")
def sweep_overdue_actions() -> dict:
    return escalations.run(sweeps.ACTIONS_OVERDUE).as_dict()
