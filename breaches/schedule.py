"""Periodic tasks for breaches, in Europe/London time (config.celery merges this in).

Unlike the request sweeps (working hours only), the ICO clock alerts run every 15 minutes,
around the clock, every day: the 72 hours count nights, weekends and bank holidays, and an
alert at "6 hours left" sent the next working morning could be too late. Each alert is stored
once per breach, level and due time, so the frequent runs send nothing twice.
"""

from celery.schedules import crontab

BEAT = {
    "breach-ico-clock-alerts": {
        "task": "breaches.tasks.sweep_ico_clock_alerts",
        "schedule": crontab(minute="*/15"),
    },
    # Owners are told the morning after an action's due date (and a missed run catches up).
    "breach-overdue-actions": {
        "task": "breaches.tasks.sweep_overdue_actions",
        "schedule": crontab(minute=20, hour="7-18"),
    },
}
