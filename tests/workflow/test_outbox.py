"""The outbox's delivery protocol on PostgreSQL: claim before handover, refusals counted, stale
claims marked "delivery uncertain" and never resent, every pending email tried oldest first,
and IG's decisions recorded with their name."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from workflow import outbox
from workflow.models import OutgoingEmail

NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.DEFAULT_FROM_EMAIL = "information.governance@council.example"
    settings.OUTBOX_CLAIM_TIMEOUT_SECONDS = 600
    settings.OUTBOX_MAX_ATTEMPTS = 3
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def queued(monkeypatch):
    """The ids the outbox asks the worker to send (no worker runs here)."""
    ids = []
    monkeypatch.setattr("workflow.tasks.send_email.delay", ids.append)
    return ids


def queue(to="jo@example.org", subject="Your request", **fields) -> OutgoingEmail:
    return outbox.email_queue(to=to, subject=subject, text="Dear Jo,\n\nHello.", **fields)


def state(email) -> tuple:
    email.refresh_from_db()
    return email.state, email.attempts


@pytest.fixture
def refusing(monkeypatch):
    """The mail server refuses every email until `refusing.stop()`."""
    original = outbox.EmailMultiAlternatives.send

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("relay down")

    class Switch:
        def stop(self):
            monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", original)

    monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", refuse)
    return Switch()


# --- claiming and sending ------------------------------------------------------------------------


def test_a_claimed_email_cannot_be_claimed_again(db):
    email = queue()
    claimed = outbox.email_claim(email_id=email.pk)
    assert (claimed.state, claimed.attempts, claimed.claimed_at) == ("sending", 1, NOW)
    assert outbox.email_claim(email_id=email.pk) is None
    assert outbox.email_send(email_id=email.pk) is False
    assert mail.outbox == []


def test_an_email_is_sent_once_with_its_stable_message_id(db):
    email = queue(html="<p>Hello.</p>", reply_to="ig@council.example")
    assert outbox.email_send(email_id=email.pk) is True
    assert outbox.email_send(email_id=email.pk) is False
    assert outbox.outbox_sweep().sent == 0
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == f"<outbox-{email.uuid}@council.example>"
    assert (sent.to, sent.reply_to, sent.subject) == (
        ["jo@example.org"],
        ["ig@council.example"],
        "Your request",
    )
    assert sent.alternatives[0] == ("<p>Hello.</p>", "text/html")
    email.refresh_from_db()
    assert (email.state, email.sent_at, email.last_error) == ("sent", NOW, "")


def test_the_email_is_queued_only_when_the_transaction_commits(
    db, django_capture_on_commit_callbacks, queued
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue()
        assert queued == []
    assert len(callbacks) == 1
    assert queued == [email.pk]


def test_a_refusal_returns_the_email_to_the_queue_and_the_last_one_fails_it(db, refusing, caplog):
    email = queue()
    assert outbox.email_send(email_id=email.pk) is False
    assert state(email) == ("pending", 1)
    assert email.last_error == "ConnectionRefusedError: relay down"
    assert f"could not send email {email.pk} (attempt 1)" in caplog.text
    assert outbox.outbox_sweep().not_sent == 1
    assert state(email) == ("pending", 2)
    assert outbox.outbox_sweep().not_sent == 1
    assert state(email) == ("failed", 3)  # OUTBOX_MAX_ATTEMPTS = 3: listed for IG
    assert list(outbox.needing_attention()) == [email]

    refusing.stop()
    assert outbox.outbox_sweep().as_dict() == {
        "uncertain": 0,
        "prepared": 0,
        "sent": 0,
        "not_sent": 0,
    }
    assert mail.outbox == []  # a failed email is never retried by itself


def test_the_sweep_tries_every_pending_email_oldest_first(db, frozen, monkeypatch):
    emails = []
    for n in range(5):
        emails.append(queue(subject=f"Email {n}"))
        frozen.shift(dt.timedelta(seconds=1))
    # The oldest is one the mail server refuses: it must not hold up the others.
    original = outbox.EmailMultiAlternatives.send

    def picky(self, *args, **kwargs):
        if self.subject == "Email 0":
            raise ConnectionRefusedError("mailbox full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", picky)
    result = outbox.outbox_sweep()
    assert (result.sent, result.not_sent) == (4, 1)
    assert [m.subject for m in mail.outbox] == ["Email 1", "Email 2", "Email 3", "Email 4"]
    assert state(emails[0]) == ("pending", 1)


@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_one_email_at_once_one_gets_it():
    """Real concurrency on PostgreSQL: each thread has its own connection and transaction."""
    email = queue()
    start = threading.Barrier(2, timeout=10)
    results = []

    def worker():
        try:
            start.wait()
            results.append(outbox.email_claim(email_id=email.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(result is None for result in results) == [False, True]
    assert state(email) == ("sending", 1)


# --- a worker that died mid-handover -------------------------------------------------------------


def test_a_stale_claim_is_marked_uncertain_and_never_resent(db, frozen, caplog):
    email = queue()
    outbox.email_claim(email_id=email.pk)  # ... and the worker died before recording
    frozen.shift(dt.timedelta(seconds=599))
    assert outbox.outbox_sweep().uncertain == 0
    assert state(email) == ("sending", 1)  # perhaps still being sent: left alone

    frozen.shift(dt.timedelta(seconds=2))
    assert outbox.outbox_sweep().as_dict() == {
        "uncertain": 1,
        "prepared": 0,
        "sent": 0,
        "not_sent": 0,
    }
    assert state(email) == ("uncertain", 1)
    assert "may or may not have been delivered" in email.last_error
    assert "marked delivery uncertain for IG to check" in caplog.text
    frozen.shift(dt.timedelta(days=1))
    assert outbox.outbox_sweep().sent == 0
    assert outbox.email_send(email_id=email.pk) is False
    assert mail.outbox == []
    assert state(email) == ("uncertain", 1)
    assert list(outbox.needing_attention()) == [email]


def test_a_slow_worker_that_finishes_after_being_marked_uncertain_records_sent(
    db, frozen, monkeypatch
):
    email = queue()
    original = outbox.EmailMultiAlternatives.send

    def slow(self, *args, **kwargs):
        # Meanwhile another worker's sweep marks the claim uncertain.
        frozen.shift(dt.timedelta(seconds=700))
        assert outbox.stale_claims_mark_uncertain() == 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", slow)
    assert outbox.email_send(email_id=email.pk) is True
    assert state(email) == ("sent", 1)
    assert len(mail.outbox) == 1


# --- IG's decisions ------------------------------------------------------------------------------


def uncertain_email(frozen) -> OutgoingEmail:
    email = queue()
    outbox.email_claim(email_id=email.pk)
    frozen.shift(dt.timedelta(hours=1))
    outbox.stale_claims_mark_uncertain()
    email.refresh_from_db()
    return email


def test_ig_marks_an_uncertain_email_as_sent_with_their_name(cast, frozen):
    email = uncertain_email(frozen)
    outbox.email_mark_sent(email_id=email.pk, user=cast.ig_manager)
    email.refresh_from_db()
    assert (email.state, email.resolution, email.resolved_by) == (
        "sent",
        "marked_sent",
        cast.ig_manager,
    )
    assert email.resolved_at == NOW + dt.timedelta(hours=1)
    assert list(outbox.needing_attention()) == []
    with pytest.raises(outbox.OutboxRefused, match="no longer needs a decision: it is now “Sent”"):
        outbox.email_send_again(email_id=email.pk, user=cast.ig_officer)
    email.refresh_from_db()
    assert (email.state, email.resolved_by) == ("sent", cast.ig_manager)
    assert mail.outbox == []


def test_ig_sends_an_uncertain_email_again_with_the_same_message_id(
    cast, frozen, django_capture_on_commit_callbacks, queued
):
    email = uncertain_email(frozen)
    with django_capture_on_commit_callbacks(execute=True):
        outbox.email_send_again(email_id=email.pk, user=cast.ig_officer)
    assert queued == [email.pk]
    email.refresh_from_db()
    assert (email.state, email.attempts, email.resolution, email.resolved_by) == (
        "pending",
        0,
        "sent_again",
        cast.ig_officer,
    )
    assert outbox.email_send(email_id=email.pk) is True
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"] == email.message_id


def test_a_pending_email_needs_no_decision(cast):
    email = queue()
    with pytest.raises(outbox.OutboxRefused):
        outbox.email_mark_sent(email_id=email.pk, user=cast.ig_officer)
    assert state(email) == ("pending", 0)


# --- attachments ---------------------------------------------------------------------------------


def test_an_attachment_provider_is_called_when_sending_and_dropped_after_repeated_failures(db):
    calls = []

    def provider(email):
        calls.append(email.pk)
        if len(calls) <= 3:
            raise RuntimeError("report will not render")
        return [("report.pdf", b"%PDF-1.4", "application/pdf")]

    outbox.register_attachment("test.report", provider)
    email = queue(attachment_provider="test.report", data={"week": "2026-03-02"})
    for _ in range(3):
        assert outbox.email_send(email_id=email.pk) is False
        OutgoingEmail.objects.filter(pk=email.pk).update(state="pending")
    assert state(email) == ("pending", 3)
    assert email.last_error == "RuntimeError: report will not render"
    # The fourth attempt goes without the attachment rather than never.
    assert outbox.email_send(email_id=email.pk) is True
    (sent,) = mail.outbox
    assert sent.attachments == []
    assert len(calls) == 3


def test_a_held_email_waits_for_its_preparer_and_fails_visibly_if_it_never_can(
    cast, frozen, queued, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    working = []

    def preparer(email):
        if not working:
            raise OSError("renderer down")
        email.attachment.name = default_storage.save("outbox/x.pdf", ContentFile(b"%PDF-1.4"))
        email.attachment_filename = "IG-1.pdf"

    outbox.register_preparer("test.pdf", preparer)
    with django_capture_on_commit_callbacks(execute=True):
        email = queue(preparer="test.pdf")
    assert state(email) == ("held", 1)  # tried after commit, and failed
    for _ in range(2):
        frozen.shift(dt.timedelta(minutes=2))
        assert outbox.outbox_sweep().prepared == 0
    assert state(email) == ("failed", 3)
    assert email.last_error == "OSError: renderer down"
    assert queued == [] and mail.outbox == []

    working.append(True)  # IG had the cause fixed
    with django_capture_on_commit_callbacks(execute=True):
        outbox.email_send_again(email_id=email.pk, user=cast.ig_officer)
    assert state(email) == ("pending", 0)
    assert queued == [email.pk]
    assert outbox.email_send(email_id=email.pk) is True
    (sent,) = mail.outbox
    assert sent.attachments == [("IG-1.pdf", b"%PDF-1.4", "application/pdf")]
