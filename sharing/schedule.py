"""Periodic tasks for sharing agreements, in Europe/London time (config.celery merges this in).

The calendar moves agreements first (reviews falling due, end dates passing), then the sweeps
remind and escalate. They run several times each morning rather than once so that a run missed
while the worker was down is made up the same day; each escalation is stored once per review
date, so later runs find nothing new.
"""

from celery.schedules import crontab

MORNINGS = {"minute": 20, "hour": "6,8,10,12"}

BEAT = {
    "sharing-advance-agreements": {
        "task": "sharing.tasks.advance_agreements",
        "schedule": crontab(**MORNINGS),
    },
    "sharing-review-reminders": {
        "task": "sharing.tasks.sweep_review_reminders",
        "schedule": crontab(minute=25, hour="6,8,10,12"),
    },
    "sharing-review-overdue": {
        "task": "sharing.tasks.sweep_review_overdue",
        "schedule": crontab(minute=30, hour="6,8,10,12"),
    },
}
