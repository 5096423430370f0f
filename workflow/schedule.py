BEAT = {
    # Emails are queued as they are written; this sends any the broker could not take or the
    # mail server refused, and marks those whose worker died mid-handover for IG to check.
    "sweep-outbox": {"task": "workflow.tasks.sweep_outbox", "schedule": 300.0},
}
