from celery import shared_task

from requests_app import complaint_sweeps, recompute, sweeps
from workflow import escalations

# --- sweeps: thin, no arguments, safe to run twice or in two workers at once -------------------


@shared_task(name="requests_app.tasks.sweep_internal_due_reminders")
def sweep_internal_due_reminders() -> dict:
    return escalations.run(sweeps.INTERNAL_DUE_REMINDERS).as_dict()


@shared_task(name="requests_app.tasks.sweep_statutory_due_ig_alerts")
def sweep_statutory_due_ig_alerts() -> dict:
    return escalations.run(sweeps.IG_ALERTS).as_dict()


@shared_task(name="requests_app.tasks.sweep_statutory_due_director_escalations")
def sweep_statutory_due_director_escalations() -> dict:
    return escalations.run(sweeps.DIRECTOR_ESCALATIONS).as_dict()


@shared_task(name="requests_app.tasks.sweep_overdue_escalations")
def sweep_overdue_escalations() -> dict:
    return escalations.run(sweeps.OVERDUE_ESCALATIONS).as_dict()


@shared_task(name="requests_app.tasks.sweep_acknowledgement_alerts")
def sweep_acknowledgement_alerts() -> dict:
    return escalations.run(sweeps.ACKNOWLEDGEMENT_ALERTS).as_dict()


@shared_task(name="requests_app.tasks.sweep_authorisation_alerts")
def sweep_authorisation_alerts() -> dict:
    return escalations.run(sweeps.AUTHORISATION_ALERTS).as_dict()


@shared_task(name="requests_app.tasks.sweep_siro_overdue_summaries")
def sweep_siro_overdue_summaries() -> dict:
    return escalations.run(sweeps.SIRO_SUMMARIES).as_dict()


@shared_task(name="requests_app.tasks.sweep_director_sensitive_digests")
def sweep_director_sensitive_digests() -> dict:
    return escalations.run(sweeps.DIRECTOR_DIGESTS).as_dict()


@shared_task(name="requests_app.tasks.recompute_open_cases")
def recompute_open_cases() -> int:
    """Daily, after the bank-holiday sync: the sync's own recompute runs when the list changes;
    this catches a recompute that a worker restart interrupted. Finds nothing to do otherwise."""
    return recompute.open_cases_recompute()


@shared_task(name="requests_app.tasks.poll_ig_mailbox")
def poll_ig_mailbox() -> dict | None:
    """Read the IG mailbox (off when MAIL_INTAKE_HOST is empty). Safe to run twice at once:
    each message is stored once by its Message-ID."""
    from requests_app import mail_intake

    result = mail_intake.poll()
    return result.as_dict() if result else None


@shared_task(name="requests_app.tasks.sweep_complaint_acknowledgement_alerts")
def sweep_complaint_acknowledgement_alerts() -> dict:
    return escalations.run(complaint_sweeps.ACKNOWLEDGEMENT_ALERTS).as_dict()


@shared_task(name="requests_app.tasks.sweep_complaint_outcome_alerts")
def sweep_complaint_outcome_alerts() -> dict:
    return escalations.run(complaint_sweeps.OUTCOME_ALERTS).as_dict()
