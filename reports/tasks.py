from celery import shared_task

from reports import sweeps
from workflow import escalations


@shared_task(name="reports.tasks.sweep_manager_compliance_emails")
def sweep_manager_compliance_emails() -> dict:
    return escalations.run(sweeps.MANAGER_COMPLIANCE).as_dict()
