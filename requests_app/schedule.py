BEAT = {
    # Letters are queued as they are written; this catches any the broker could not take.
    "send-pending-correspondence": {
        "task": "requests_app.tasks.send_pending_correspondence",
        "schedule": 300.0,
    },
}
