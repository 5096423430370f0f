from celery.schedules import crontab

BEAT = {
    "sync-bank-holidays": {
        "task": "deadlines.tasks.sync_bank_holidays",
        "schedule": crontab(hour=3, minute=15),
    },
}
