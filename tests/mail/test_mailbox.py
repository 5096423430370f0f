"""The IG mailbox over IMAP against a real Dovecot: each message becomes a case, joins one, or is
recognised as automatic mail; nothing is lost or logged twice."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from organisation.models import Notification
from requests_app import mail_intake, services
from requests_app.mail_models import InboundEmail
from requests_app.models import (
    Case,
    Channel,
    Correspondence,
    Document,
    Event,
    EventKind,
    Regime,
    Requester,
)
from tests.mail.messages import PDF, bounce, email

LONDON = zoneinfo.ZoneInfo("Europe/London")


def _case_for(cast, *, owner=True):
    case = services.case_log(
        user=cast.ig_officer if owner else None,
        requester={"name": "Ann Example", "email": "ann@example.org"},
        channel=Channel.EMAIL,
        received_at=timezone.now() - dt.timedelta(days=2),
        title="Pothole repairs",
        request_text="Please send the pothole repair records.",
        regime=Regime.FOI,
    )
    return case


@pytest.mark.django_db
def test_a_new_email_becomes_an_unclassified_case_with_its_attachments(mailbox, cast):
    known = Requester.objects.create(name="Ann Example", email="ann@example.org")
    arrived = dt.datetime(2026, 7, 1, 23, 30, tzinfo=dt.UTC)  # 00:30 on 2 July in London
    mailbox.deliver(
        email(
            sender="Ann Example <ANN@example.org>",
            subject="FOI request: pothole repairs",
            date="Tue, 30 Jun 2026 08:00:00 +0000",  # the sender's clock: not the arrival
            attachments=[
                ("map.pdf", PDF, "application", "pdf"),
                ("run-me.exe", b"MZ\x90\x00", "application", "octet-stream"),
            ],
        ),
        arrived=arrived,
    )

    result = mail_intake.poll()

    assert result.as_dict() == {
        "new_cases": 1,
        "added": 0,
        "ignored": 0,
        "already_done": 0,
        "failed": 0,
    }
    case = Case.objects.get()
    assert case.requester == known
    assert case.channel == Channel.EMAIL
    assert case.regime == Regime.UNCLASSIFIED
    assert case.title == "FOI request: pothole repairs"
    assert case.request_text == "Please send me the pothole repair records for 2025."
    assert case.received_at == arrived
    assert timezone.localtime(case.received_at, LONDON).date() == dt.date(2026, 7, 2)
    assert case.reference.startswith("IG-2026-")
    (document,) = case.documents.all()
    assert (document.original_name, document.kind) == ("map.pdf", Document.Kind.RECEIVED)
    assert document.content_type == "application/pdf"
    assert document.file.read() == PDF
    note = case.events.get(kind=EventKind.ADD_NOTE).message
    assert "run-me.exe" in note and "must be one of" in note
    receipt = case.correspondence.get()
    assert (receipt.kind, receipt.to) == (Correspondence.Kind.RECEIPT, "ann@example.org")
    stored = InboundEmail.objects.get()
    assert (stored.case, stored.outcome) == (case, InboundEmail.Outcome.NEW_CASE)
    assert stored.raw.read().startswith(b"From: Ann Example")
    assert mailbox.subjects("INBOX") == []
    assert mailbox.subjects("Processed") == ["FOI request: pothole repairs"]


@pytest.mark.django_db
def test_an_html_only_email_is_kept_as_plain_text_without_its_scripts(mailbox):
    mailbox.deliver(
        email(
            text=None,
            html="<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
            "<body><p>Please send the <b>bin collection</b> contract.</p></body></html>",
        )
    )
    mail_intake.poll()
    text = Case.objects.get().request_text
    assert "Please send the bin collection contract." in text
    assert "alert" not in text and "<" not in text and "color" not in text


@pytest.mark.django_db
def test_a_reply_quoting_a_reference_joins_that_case_and_tells_its_owner(mailbox, cast):
    case = _case_for(cast)
    version = case.version
    mailbox.deliver(
        email(
            subject=f"Re: {case.reference}: Receipt – Pothole repairs",
            text="Here is the clarification: only the A-roads.",
            attachments=[("id.pdf", PDF, "application", "pdf")],
        )
    )

    result = mail_intake.poll()

    assert (result.new_cases, result.added) == (0, 1)
    assert Case.objects.count() == 1
    event = case.events.get(kind=EventKind.EMAIL_RECEIVED)
    assert event.message.startswith("Email received from Ann Example <ann@example.org>: Re: ")
    assert "Attachments kept: id.pdf." in event.message
    stored = InboundEmail.objects.get()
    assert (stored.case_id, stored.outcome) == (case.pk, InboundEmail.Outcome.ADDED)
    assert stored.body == "Here is the clarification: only the A-roads."
    assert [d.original_name for d in case.documents.all()] == ["id.pdf"]
    (told,) = Notification.objects.filter(kind="email_received")
    assert told.recipient == cast.ig_officer
    assert case.reference in told.subject
    assert (
        not Correspondence.objects.filter(kind=Correspondence.Kind.RECEIPT, case__isnull=False)
        .exclude(case=case)
        .exists()
    )
    case.refresh_from_db()
    assert case.version == version  # nobody's open form goes stale because an email came


@pytest.mark.django_db
def test_a_reply_to_a_case_without_an_owner_tells_the_ig_officers(mailbox, cast):
    case = _case_for(cast, owner=False)
    case.owner = None
    case.save()
    mailbox.deliver(email(subject="My request", text=f"About {case.reference}: any news?"))
    mail_intake.poll()
    told = set(
        Notification.objects.filter(kind="email_received").values_list(
            "recipient__username", flat=True
        )
    )
    assert told == {"ig_officer"}
    assert InboundEmail.objects.get().case_id == case.pk


@pytest.mark.django_db
def test_an_unknown_reference_makes_a_new_case(mailbox, cast):
    mailbox.deliver(email(subject="Re: IG-2019-00042"))
    mail_intake.poll()
    assert Case.objects.get().title == "Re: IG-2019-00042"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "outcome"),
    [
        (email(subject="Away", headers={"Auto-Submitted": "auto-replied"}), "auto_reply"),
        (email(subject="Out of Office: back Monday"), "auto_reply"),
        (email(subject="Automatic reply: FOI"), "auto_reply"),
        (email(subject="Hello", headers={"X-Autoreply": "yes"}), "auto_reply"),
        (email(subject="News", headers={"Precedence": "bulk"}), "auto_reply"),
        (bounce(), "bounce"),
        (email(sender="Postmaster <MAILER-DAEMON@example.org>", subject="Failure"), "bounce"),
        (email(sender="IG <information.governance@council.example>"), "loop"),
        (email(sender="IG <foi@council.example>"), "loop"),
    ],
)
def test_automatic_mail_never_becomes_a_case(mailbox, cast, raw, outcome):
    mailbox.deliver(raw)
    result = mail_intake.poll()
    assert (result.ignored, result.new_cases) == (1, 0)
    assert not Case.objects.exists()
    assert not Correspondence.objects.exists()
    assert InboundEmail.objects.get().outcome == outcome
    assert len(mailbox.subjects("Processed")) == 1


@pytest.mark.django_db
def test_a_person_writing_auto_submitted_no_is_a_request(mailbox):
    mailbox.deliver(email(headers={"Auto-Submitted": "no"}))
    assert mail_intake.poll().new_cases == 1


@pytest.mark.django_db
def test_a_message_that_fails_stays_in_the_inbox_and_nothing_is_half_written(mailbox, monkeypatch):
    mailbox.deliver(email(subject="First"))
    mailbox.deliver(email(subject="Second"))

    def broken(case, kind, **kwargs):
        raise RuntimeError("the letter template is broken")

    monkeypatch.setattr(mail_intake.correspondence, "write", broken)
    result = mail_intake.poll()

    assert len(result.failed) == 2
    assert not Case.objects.exists() and not InboundEmail.objects.exists()
    assert sorted(mailbox.subjects("INBOX")) == ["First", "Second"]
    assert mailbox.subjects("Processed") == []


def test_a_crash_between_commit_and_move_neither_loses_nor_duplicates(
    mailbox, cast, monkeypatch, transactional_db
):
    mailbox.deliver(email(subject="Crash test"))
    real_move = mail_intake.move_processed

    def killed(mailbox, uid):
        raise SystemExit("worker killed")

    monkeypatch.setattr(mail_intake, "move_processed", killed)
    with pytest.raises(SystemExit):
        mail_intake.poll()
    # Committed, but still in the inbox: not lost.
    assert Case.objects.count() == 1
    assert mailbox.subjects("INBOX") == ["Crash test"]

    monkeypatch.setattr(mail_intake, "move_processed", real_move)
    result = mail_intake.poll()

    assert result.already_done == 1 and result.new_cases == 0
    assert Case.objects.count() == 1
    assert InboundEmail.objects.count() == 1
    assert Correspondence.objects.count() == 1  # one receipt
    assert mailbox.subjects("INBOX") == []
    assert mailbox.subjects("Processed") == ["Crash test"]


@pytest.mark.django_db
def test_no_host_means_no_polling(settings):
    settings.MAIL_INTAKE_HOST = ""
    assert mail_intake.poll() is None


@pytest.mark.django_db
def test_a_wrong_password_is_an_error_not_a_silent_success(mailbox, settings):
    from imap_tools.errors import MailboxLoginError

    settings.MAIL_INTAKE_PASSWORD = "wrong"
    with pytest.raises(MailboxLoginError):
        mail_intake.poll()


@pytest.mark.django_db
def test_the_task_polls_the_mailbox(mailbox):
    from requests_app.tasks import poll_ig_mailbox

    mailbox.deliver(email())
    assert poll_ig_mailbox.apply().get()["new_cases"] == 1
    assert Event.objects.filter(kind=EventKind.LOGGED).count() == 1


@pytest.mark.django_db
def test_the_processed_folder_is_created_when_missing(mailbox, settings, imap):
    folder = f"Handled-{timezone.now():%H%M%S%f}"
    settings.MAIL_INTAKE_PROCESSED_FOLDER = folder
    mailbox.deliver(email(subject="Into a new folder"))
    assert mail_intake.poll().new_cases == 1
    assert mailbox.subjects(folder) == ["Into a new folder"]
