"""Edge cases of taking in one message, straight through the service (no mailbox needed)."""

import datetime as dt
from email.message import EmailMessage

import pytest
from django.utils import timezone

from requests_app import mail_intake, services
from requests_app.mail_models import InboundEmail
from requests_app.mail_parsing import parse_eml
from requests_app.models import Case, Channel, EventKind
from tests.mail.messages import email


def _receive(raw: bytes):
    return mail_intake.email_receive(parsed=parse_eml(raw), source=InboundEmail.Source.MAILBOX)


@pytest.mark.django_db
def test_a_long_subject_is_cut_to_a_title_and_a_bad_address_is_not_kept():
    _receive(email(subject="x" * 280, sender="Someone <not an address>"))
    case = Case.objects.get()
    assert case.title == "x" * 200
    assert case.requester.email == "" and case.requester.name == "Someone"


@pytest.mark.django_db
def test_a_message_without_a_message_id_is_still_taken_in_only_once():
    message = EmailMessage()
    message["From"] = "ann@example.org"
    message["Subject"] = "No id"
    message.set_content("Please send the data.")
    raw = message.as_bytes()
    first, second = _receive(raw), _receive(raw)
    assert (first.created, second.created) == (True, False)
    assert Case.objects.count() == 1
    assert first.email.message_id.startswith("<sha256-")


@pytest.mark.django_db
def test_a_reply_from_someone_else_says_so_on_the_timeline(cast):
    case = services.case_log(
        user=cast.ig_officer,
        requester={"name": "Ann Example", "email": "ann@example.org"},
        channel=Channel.EMAIL,
        received_at=timezone.now() - dt.timedelta(days=1),
        title="Potholes",
        request_text="Pothole data please.",
    )
    _receive(email(sender="mallory@example.com", subject=f"Re: {case.reference}"))
    event = case.events.get(kind=EventKind.EMAIL_RECEIVED)
    assert "The sender is not the requester's email address." in event.message


@pytest.mark.django_db
def test_an_unnamed_inline_image_is_judged_by_its_type():
    message = EmailMessage()
    message["From"] = "ann@example.org"
    message["Subject"] = "With a logo"
    message.set_content("Please send the data.")
    message.add_attachment(b"\x89PNG\r\n\x1a\n rest", maintype="image", subtype="png")
    _receive(message.as_bytes())
    (document,) = Case.objects.get().documents.all()
    assert document.original_name == "attachment-1.png"


def test_two_workers_taking_in_the_same_message_at_once_log_it_once(transactional_db):
    """The first worker is held inside its transaction; the second waits on the unique
    Message-ID and then finds the first one's row instead of logging a second case."""
    import threading

    from django.db import connection

    raw = email(subject="Raced")
    inside, release = threading.Event(), threading.Event()
    real_kind = mail_intake.automatic_kind
    results = {}

    def held_kind(parsed, own):
        if threading.current_thread().name == "first":
            inside.set()
            release.wait(10)
        return real_kind(parsed, own)

    def worker():
        try:
            results[threading.current_thread().name] = _receive(raw)
        finally:
            connection.close()

    mail_intake.automatic_kind = held_kind
    try:
        first = threading.Thread(target=worker, name="first")
        second = threading.Thread(target=worker, name="second")
        first.start()
        assert inside.wait(10)
        second.start()
        second.join(1)
        assert second.is_alive()  # waiting on the first one's uncommitted Message-ID
        release.set()
        first.join(10)
        second.join(10)
    finally:
        mail_intake.automatic_kind = real_kind
    assert (results["first"].created, results["second"].created) == (True, False)
    assert Case.objects.count() == 1
    assert InboundEmail.objects.count() == 1
