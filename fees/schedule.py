"""Periodic fees work, in Europe/London time (config.celery merges this in)."""

from celery.schedules import crontab

BEAT = {
    # Early, so a request whose last day to pay was yesterday is closed before the day starts.
    "lapse-unpaid-fees": {
        "task": "fees.tasks.sweep_fee_lapses",
        "schedule": crontab(hour="6-18", minute=20),
    },
    "remind-unpaid-fees": {
        "task": "fees.tasks.sweep_fee_reminders",
        "schedule": crontab(hour="7-18", minute=22, day_of_week="mon-fri"),
    },
    # A notice whose PDF could not be made after its commit is made and sent here.
    "render-pending-fee-notices": {
        "task": "fees.tasks.render_pending_fee_notices",
        "schedule": 300.0,
    },
}
