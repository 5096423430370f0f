from celery import shared_task

from workflow import outbox


@shared_task(name="workflow.tasks.send_email")
def send_email(email_id: int) -> bool:
    """Queued once the transaction that wrote the email commits. Safe to run twice: only a
    pending email is claimed, so a redelivered task finds nothing to do."""
    return outbox.email_send(email_id=email_id)


@shared_task(name="workflow.tasks.sweep_outbox")
def sweep_outbox() -> dict:
    """Sends what the broker never delivered or the mail server refused, prepares held emails
    and marks stale claims "delivery uncertain"."""
    return outbox.outbox_sweep().as_dict()
