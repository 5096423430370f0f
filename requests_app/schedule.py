"""Periodic tasks for request cases, in Europe/London time (config.celery merges this in).

The sweeps run every hour of the working day rather than once: each escalation is stored once
per window, so later runs find nothing new, and a run missed while the worker was down is made
up within the hour instead of the next day. Weekly emails have a weekly window, so the first
run of the week (Monday 07:xx) sends them and a missed Monday is made up on Tuesday.
"""

from celery.schedules import crontab
from django.conf import settings

WORKING_HOURS = {"hour": "7-18", "day_of_week": "mon-fri"}


def _hourly(task: str, minute: int) -> dict:
    return {
        "task": f"requests_app.tasks.{task}",
        "schedule": crontab(minute=minute, **WORKING_HOURS),
    }


BEAT = {
    # Requests by email: every couple of minutes, day and night (a request received at the
    # weekend is received then). Does nothing when no mailbox is configured.
    "poll-ig-mailbox": {
        "task": "requests_app.tasks.poll_ig_mailbox",
        "schedule": float(settings.MAIL_INTAKE_INTERVAL_SECONDS),
    },
    # After deadlines' 03:15 bank-holiday sync, so the morning's sweeps use the right dates.
    "recompute-open-cases": {
        "task": "requests_app.tasks.recompute_open_cases",
        "schedule": crontab(hour=3, minute=45),
    },
    # Staggered so they do not all start at once.
    "remind-internal-due": _hourly("sweep_internal_due_reminders", 2),
    "alert-statutory-due-ig": _hourly("sweep_statutory_due_ig_alerts", 4),
    "escalate-statutory-due-director": _hourly("sweep_statutory_due_director_escalations", 6),
    "escalate-overdue": _hourly("sweep_overdue_escalations", 8),
    "alert-acknowledgement-overdue": _hourly("sweep_acknowledgement_alerts", 10),
    "alert-authorisation-waiting": _hourly("sweep_authorisation_alerts", 12),
    "weekly-siro-overdue-summary": _hourly("sweep_siro_overdue_summaries", 14),
    "weekly-director-sensitive-digest": _hourly("sweep_director_sensitive_digests", 16),
    # Data-protection complaints (requests_app/complaint_sweeps.py).
    "alert-complaint-acknowledgement": _hourly("sweep_complaint_acknowledgement_alerts", 18),
    "alert-complaint-outcome-overdue": _hourly("sweep_complaint_outcome_alerts", 20),
}
