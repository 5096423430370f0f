BEAT = {
    # The health page reads the last heartbeat to say whether a worker is processing tasks.
    "heartbeat": {"task": "organisation.tasks.heartbeat", "schedule": 60.0},
}
