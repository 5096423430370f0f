"""The outbox in real Celery workers on the suite's Redis, sending to a real SMTP server that
this test runs (aiosmtpd), which counts what it accepts by Message-ID.

The crash that matters is the one no retry can see: the mail server has accepted the email
(250 after DATA) and the worker dies before it writes "sent". Here the SMTP server itself
SIGKILLs the worker when its QUIT arrives (after DATA was accepted), before answering, so
nothing in the product needs a test hook. A restarted worker must then send every other email
once, never the one in doubt, and leave that one marked "delivery uncertain"."""

import os
import re
import signal
import socket
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from tests.integration.conftest import wait_until
from workflow.models import OutgoingEmail
from workflow.tasks import sweep_outbox

pytestmark = pytest.mark.integration

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.M | re.I)


class Relay:
    """An SMTP handler: accepts every email and records its Message-ID. `kill_on_quit(n, pid)`
    makes the n-th QUIT (counted from then) SIGKILL that process before it is answered."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay
        self.lock = threading.Lock()
        self.accepted: list[str] = []
        self.quits = 0
        self.victim: tuple[int, int] | None = None  # (QUIT number, pid)

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)  # a slow relay: two sweeps overlap
        found = MESSAGE_ID.search(envelope.original_content or envelope.content)
        with self.lock:
            self.accepted.append(found.group(1).decode() if found else "<none>")
        return "250 Message accepted for delivery"

    async def handle_QUIT(self, server, session, envelope):
        with self.lock:
            self.quits += 1
            if self.victim and self.quits == self.victim[0]:
                os.kill(self.victim[1], signal.SIGKILL)
                self.victim = None
        return "221 Bye"

    def kill_on_quit(self, number: int, pid: int) -> None:
        with self.lock:
            self.victim = (self.quits + number, pid)

    def counts(self) -> Counter:
        with self.lock:
            return Counter(self.accepted)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def relay():
    handler = Relay()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    yield handler
    controller.stop()


def smtp_environment(relay: Relay, **extra) -> dict:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(relay.port),
        **extra,
    }


SWEEP_RESULT = re.compile(r"sweep_outbox\[[^\]]+\] succeeded in [\d.]+s: \{[^}]*'sent': (\d+)")


def emails(count: int) -> list[OutgoingEmail]:
    """Committed pending emails, oldest first, not queued: only the sweep sends them."""
    return [
        OutgoingEmail.objects.create(
            to=f"person{n}@example.org", subject=f"Email {n}", body_text=f"Number {n}."
        )
        for n in range(count)
    ]


def states() -> dict[str, str]:
    return dict(OutgoingEmail.objects.order_by("id").values_list("subject", "state"))


def test_a_worker_killed_after_the_relay_accepted_leaves_it_uncertain_and_resends_nothing(
    start_worker, relay
):
    written = emails(5)
    doomed = start_worker("doomed", **smtp_environment(relay))
    relay.kill_on_quit(2, doomed.process.pid)  # dies after the relay accepted "Email 1"
    sweep_outbox.delay()
    doomed.process.wait(timeout=60)
    assert doomed.process.returncode == -signal.SIGKILL
    accepted = relay.counts()
    assert sorted(accepted) == sorted(email.message_id for email in written[:2])
    assert states() == {
        "Email 0": "sent",
        "Email 1": "sending",  # accepted by the relay; the worker died before recording it
        "Email 2": "pending",
        "Email 3": "pending",
        "Email 4": "pending",
    }

    # A new worker, whose claim timeout has passed for the dead worker's claim.
    start_worker("replacement", **smtp_environment(relay, OUTBOX_CLAIM_TIMEOUT_SECONDS="1"))
    time.sleep(1.5)
    sweep_outbox.delay()
    wait_until(
        lambda: not OutgoingEmail.objects.filter(state__in=["pending", "sending"]).exists(),
        message="the replacement's sweep",
        state=lambda: f"{states()}\n{relay.counts()}",
    )
    sweep_outbox.delay()  # and beat's next run, which finds nothing to do
    time.sleep(2)

    counts = relay.counts()
    assert [message_id for message_id, n in counts.items() if n > 1] == []  # 0 twice
    assert set(counts) == {email.message_id for email in written}  # 0 lost
    assert states() == {
        "Email 0": "sent",
        "Email 1": "uncertain",  # for IG to check, never resent by itself
        "Email 2": "sent",
        "Email 3": "sent",
        "Email 4": "sent",
    }


def test_two_workers_sweeping_at_once_send_each_email_once(start_worker, relay):
    relay.delay = 0.05
    written = emails(30)
    first = start_worker("first", **smtp_environment(relay))
    second = start_worker("second", **smtp_environment(relay))
    sweep_outbox.delay()
    sweep_outbox.delay()
    wait_until(
        lambda: not OutgoingEmail.objects.exclude(state="sent").exists(),
        timeout=60,
        message="every email sent",
        state=lambda: f"{states()}\n{relay.counts()}",
    )
    # Each worker ran one of the sweeps, at the same time: both did some of the sending.
    for worker in (first, second):
        wait_until(
            lambda w=worker: SWEEP_RESULT.search(w.log.read_text()),
            message=f"{worker.name}'s sweep to end",
        )
    sent = [int(n) for w in (first, second) for n in SWEEP_RESULT.findall(w.log.read_text())]
    assert len(sent) == 2 and sum(sent) == 30 and min(sent) > 0, sent

    counts = relay.counts()
    assert [message_id for message_id, n in counts.items() if n > 1] == []
    assert set(counts) == {email.message_id for email in written}
    assert sum(counts.values()) == 30
