from celery.schedules import crontab

BEAT = {
    # Hourly in the working day: the email is stored once per week, so the first run of the
    # week sends it and a missed Monday is made up on Tuesday.
    "weekly-manager-compliance-email": {
        "task": "reports.tasks.sweep_manager_compliance_emails",
        "schedule": crontab(minute=18, hour="7-18", day_of_week="mon-fri"),
    },
}
