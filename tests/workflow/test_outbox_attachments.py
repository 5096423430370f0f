"""Several attachments on one outgoing email: written with the email in one transaction, read
when it is sent, in order after the email's own attachment; an email never goes without one it
was written with, is never sent twice, and takes no attachment once it may have been sent."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from workflow import outbox
from workflow.models import OutgoingAttachment, OutgoingEmail

NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def setup(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    settings.OUTBOX_MAX_ATTEMPTS = 3
    monkeypatch.setattr("workflow.tasks.send_email.delay", lambda email_id: None)
    with time_machine.travel(NOW, tick=False):
        yield


def stored(name: str, content: bytes) -> str:
    return default_storage.save(f"cases/{name}", ContentFile(content))


def queue_with_files(files):
    with transaction.atomic():
        email = outbox.email_queue(to="jo@example.org", subject="Response", text="Dear Jo,")
        outbox.email_add_files(email=email, files=files)
    return email


def test_every_attachment_goes_in_order_with_its_name_and_type_once(db):
    a, b = stored("a.xlsx", b"PK-spreadsheet"), stored("b.pdf", b"%PDF-1.7 two")
    email = queue_with_files(
        [(b, "records.pdf", "application/pdf"), (a, "figures.xlsx", "application/vnd.ms-excel")]
    )
    assert outbox.email_send(email_id=email.pk) is True
    assert outbox.email_send(email_id=email.pk) is False
    assert outbox.outbox_sweep().sent == 0
    (sent,) = mail.outbox
    assert sent.attachments == [
        ("records.pdf", b"%PDF-1.7 two", "application/pdf"),
        ("figures.xlsx", b"PK-spreadsheet", "application/vnd.ms-excel"),
    ]


def test_an_attachment_that_cannot_be_read_keeps_the_email_back_until_it_fails_visibly(db):
    email = queue_with_files([("cases/gone.pdf", "gone.pdf", "application/pdf")])
    for _ in range(3):
        assert outbox.email_send(email_id=email.pk) is False
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("failed", 3)
    assert email.last_error.startswith("FileNotFoundError")
    assert mail.outbox == []  # never without the document it was written with


def test_attachments_and_email_commit_together_or_not_at_all(db):
    name = stored("a.pdf", b"%PDF")
    with pytest.raises(RuntimeError), transaction.atomic():
        email = outbox.email_queue(to="jo@example.org", subject="Response", text="Dear Jo,")
        outbox.email_add_files(email=email, files=[(name, "a.pdf", "application/pdf")])
        raise RuntimeError("the case change was refused")
    assert not OutgoingEmail.objects.exists()
    assert not OutgoingAttachment.objects.exists()


def test_no_attachment_is_added_to_an_email_that_may_have_gone(db):
    name = stored("a.pdf", b"%PDF")
    email = queue_with_files([])
    claimed = outbox.email_claim(email_id=email.pk)
    with pytest.raises(outbox.OutboxRefused):
        outbox.email_add_files(email=claimed, files=[(name, "a.pdf", "application/pdf")])
    assert not OutgoingAttachment.objects.exists()
