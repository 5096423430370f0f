"""A Celery worker for the integration tests, able to make a sweep observable and to stop it.

Run as `python -m tests.integration.worker worker ...` (the arguments of `celery -A config`).
Environment variables switch on the hooks, all inside the escalation's transaction, after its
notifications are written and before it commits:

- IG_TEST_PROGRESS_FILE: append one line per escalation written ("written <pid> <object id>"),
  plus "sweep-start"/"sweep-end" lines with times, so the test can see where the sweep is;
- IG_TEST_ESCALATION_DELAY: seconds to wait there, so that two workers' sweeps overlap;
- IG_TEST_FREEZE_AFTER: after that many escalations, block forever inside the next one's
  transaction (written "frozen"), so that the test can kill the worker in the middle of a sweep
  with an uncommitted escalation.
"""

import os
import sys
import time


def _progress(line: str) -> None:
    path = os.environ.get("IG_TEST_PROGRESS_FILE")
    if path:
        with open(path, "a") as progress:
            progress.write(f"{line}\n")


def install_hooks() -> None:
    from workflow import escalations, notifications

    delay = float(os.environ.get("IG_TEST_ESCALATION_DELAY", "0"))
    freeze_after = int(os.environ.get("IG_TEST_FREEZE_AFTER", "-1"))
    written = 0
    original_notify = notifications.notify
    original_run = escalations.run

    def notify(**kwargs):
        nonlocal written
        rows = original_notify(**kwargs)
        written += 1
        escalation = kwargs["escalation"]
        _progress(f"written {os.getpid()} {escalation.object_id}")
        if written == freeze_after + 1:
            _progress("frozen")
            while True:  # until the test kills this process
                time.sleep(1)
        if delay:
            time.sleep(delay)
        return rows

    def run(sweep, **kwargs):
        _progress(f"sweep-start {sweep.name} {os.getpid()} {time.time():.6f}")
        result = original_run(sweep, **kwargs)
        _progress(f"sweep-end {sweep.name} {os.getpid()} {time.time():.6f} {result.created}")
        return result

    notifications.notify = notify
    escalations.run = run


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    install_hooks()
    from config.celery import app

    app.worker_main(sys.argv[1:])
