BEAT = {
    # The health page reads the last heartbeat to say whether a worker is processing tasks.
    "heartbeat": {"task": "organisation.tasks.heartbeat", "schedule": 60.0},
    # Notification emails are queued as they are written; this sends any the broker could not
    # take or the mail server refused.
    "send-pending-notifications": {
        "task": "organisation.tasks.send_pending_notifications",
        "schedule": 300.0,
    },
}
