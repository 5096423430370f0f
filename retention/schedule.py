"""Periodic tasks for retention, in Europe/London time (config.celery merges this in)."""

from celery.schedules import crontab

BEAT = {
    # The month's batch, prepared on the first of the month for the IG manager to review.
    "prepare-disposal-run": {
        "task": "retention.tasks.prepare_disposal_run",
        "schedule": crontab(day_of_month=1, hour=4, minute=30),
    },
    # Carries on any approved run a crash or a broker outage interrupted.
    "resume-disposal": {
        "task": "retention.tasks.resume_disposal",
        "schedule": crontab(hour=2, minute=30),
    },
}
