from celery import shared_task

from organisation import escalations
from reports import sweeps


@shared_task(name="reports.tasks.sweep_manager_compliance_emails")
def sweep_manager_compliance_emails() -> dict:
    return escalations.run(sweeps.MANAGER_COMPLIANCE).as_dict()
