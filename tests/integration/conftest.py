"""Real Celery workers on the suite's Redis and test database, whose emails can be counted.

Each worker writes its emails with Django's file-based backend into one folder (`mailbox`), and
its log into a file (a pipe nobody reads would fill up and stop the worker)."""

import email
import email.policy
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = b"\n" + b"-" * 79 + b"\n"  # between messages in a file-based backend's file


@dataclass
class Worker:
    name: str
    process: subprocess.Popen
    log: Path

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgement, an open transaction left behind."""
        self.process.kill()
        self.process.wait(timeout=10)


@pytest.fixture
def mailbox(tmp_path) -> Path:
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder


def read_mailbox(folder: Path) -> list[email.message.Message]:
    messages = []
    for path in sorted(folder.iterdir()):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(email.message_from_bytes(chunk, policy=email.policy.default))
    return messages


@pytest.fixture
def start_worker(transactional_db, settings, tmp_path, mailbox):
    """`start_worker(name, **environment)` starts a worker and waits until it is ready."""
    if not os.environ.get("REDIS_URL"):
        pytest.fail("REDIS_URL is not set: run the suite with `make test`, which starts Redis.")
    from config.celery import app

    # Messages left in the queue by earlier tests (tasks queued with no worker) are not ours.
    app.control.purge()
    database = settings.DATABASES["default"]
    base_environment = {
        **os.environ,
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
            f"{database['NAME']}"
        ),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mailbox),
        "SITE_URL": settings.SITE_URL,
    }
    workers: list[Worker] = []

    def start(name: str, **environment: str) -> Worker:
        log = tmp_path / f"{name}-{len(workers)}.log"
        with open(log, "w") as output:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.integration.worker",
                    "worker",
                    "--pool=solo",
                    f"--hostname={name}@%h",
                    "--loglevel=INFO",
                    "--without-mingle",
                    "--without-gossip",
                    "--without-heartbeat",
                ],
                cwd=ROOT,
                env={**base_environment, **environment},
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(name, process, log)
        workers.append(worker)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if " ready." in log.read_text():
                return worker
            if process.poll() is not None:
                pytest.fail(f"Celery worker {name} exited:\n{log.read_text()}")
            time.sleep(0.1)
        process.kill()
        pytest.fail(f"Celery worker {name} did not start:\n{log.read_text()}")

    yield start
    # Shown by pytest only when the test failed: what each worker did.
    for worker in workers:
        print(f"===== worker {worker.name} ({worker.log})\n{worker.log.read_text()[-20000:]}")
    for worker in workers:
        if worker.process.poll() is None:
            worker.process.terminate()
    for worker in workers:
        try:
            worker.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.process.kill()
    app.control.purge()


def wait_until(condition, *, timeout: float = 30, message: str = "", state=None) -> None:
    """Poll `condition`; on timeout fail with `message` and what `state()` says."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"Timed out waiting: {message}" + (f"\n{state()}" if state else ""))
