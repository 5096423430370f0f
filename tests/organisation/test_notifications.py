"""Notifications: written in the caller's transaction, emailed through the outbox once, listed
in the app for their recipient only, and never a way into a record the reader may not see."""

import datetime as dt
import re
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisation import notifications
from organisation.models import Notification
from requests_app.models import Status
from tests.factories import UserFactory
from tests.requests_app.builders import case_in
from workflow import outbox
from workflow.models import OutgoingEmail
from workflow.notifications import notify

NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://ig.council.example"
    settings.DEFAULT_FROM_EMAIL = "information.governance@council.example"


def write(user, *, subject="IG-2026-00001 is due soon", why="You logged this request.", **extra):
    """One notification, as a sweep writes it (inside a transaction)."""
    with transaction.atomic():
        (row,) = notify(
            recipients=[(user, why)],
            kind=extra.pop("kind", "test"),
            subject=subject,
            template="case",
            context={
                "headline": extra.pop("headline", "Due in 2 working days."),
                "action": "Chase the service area.",
                "case": None,
                "case_url": "https://ig.council.example/requests/1/",
                "facts": [("Case", extra.pop("case_label", "IG-2026-00001: Pothole claims"))],
            },
            **extra,
        )
    return row


def email_of(row):
    return outbox.delivery_of(row)


def send(row) -> bool:
    return outbox.email_send(email_id=email_of(row).pk)


# --- writing and the outbox ----------------------------------------------------------------


def test_the_email_is_queued_only_when_the_transaction_commits(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("workflow.tasks.send_email.delay", lambda pk: queued.append(pk))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        row = write(cast.ig_officer)
        assert queued == []
    assert len(callbacks) == 1
    assert queued == [email_of(row).pk]


def test_a_rolled_back_transaction_leaves_no_notification_and_queues_nothing(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            write(cast.ig_officer)
            raise RuntimeError("the escalation failed after writing")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_the_email_has_a_plain_text_and_an_escaped_html_part(cast):
    row = write(
        cast.ig_officer,
        subject="IG-2026-00001: <script>alert(1)</script>\nSecond line",
        case_label='IG-2026-00001: <img src=x onerror="alert(1)"> & more',
    )
    assert send(row)
    (email,) = mail.outbox
    assert email.to == [cast.ig_officer.email]
    assert email.from_email == "information.governance@council.example"
    # A header cannot carry a line break.
    assert email.subject == "IG-2026-00001: <script>alert(1)</script> Second line"
    assert 'IG-2026-00001: <img src=x onerror="alert(1)"> & more' in email.body
    assert "Why you are getting this: You logged this request." in email.body
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html"
    assert "<img" not in html and "<script>" not in html
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; more" in html
    assert "&lt;script&gt;" in html
    assert f"https://ig.council.example/accounts/notifications/{row.uuid}/" in email.body
    assert email.extra_headers["Message-ID"] == f"<outbox-{email_of(row).uuid}@council.example>"


def test_an_email_is_sent_once_however_often_it_is_asked_for(cast):
    row = write(cast.ig_officer)
    assert send(row) is True
    assert send(row) is False
    assert outbox.outbox_sweep().sent == 0
    assert len(mail.outbox) == 1
    assert email_of(row).state == "sent"


def test_the_outbox_sweep_sends_what_the_broker_never_delivered(cast):
    first, second = write(cast.ig_officer), write(cast.director)
    # No worker took the queued sends (the broker was down): the sweep sends both.
    assert outbox.outbox_sweep().sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.ig_officer.email, cast.director.email]
    )
    assert (email_of(first).state, email_of(second).state) == ("sent", "sent")


def test_a_refused_email_is_recorded_and_sent_by_a_later_sweep(cast, monkeypatch, caplog):
    row = write(cast.ig_officer)
    original = outbox.EmailMultiAlternatives.send

    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail relay down")

    monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", refuse)
    assert send(row) is False
    email = email_of(row)
    assert (email.state, email.attempts, email.sent_at) == ("pending", 1, None)
    assert email.last_error == "ConnectionRefusedError: mail relay down"
    assert f"could not send email {email.pk}" in caplog.text

    monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", original)
    assert outbox.outbox_sweep().sent == 1
    email.refresh_from_db()
    assert (email.state, email.last_error) == ("sent", "")


def test_the_outbox_gives_up_after_the_maximum_attempts(cast):
    row = write(cast.ig_officer)
    OutgoingEmail.objects.filter(pk=email_of(row).pk).update(state="failed", attempts=10)
    assert outbox.outbox_sweep().sent == 0
    assert mail.outbox == []


def test_a_user_without_an_email_address_is_told_in_the_app_only(cast):
    nobody = UserFactory(username="no_email", email="")
    row = write(nobody)
    assert row.email_to == ""
    assert email_of(row) is None
    assert outbox.outbox_sweep().sent == 0
    assert notifications.unread_count(nobody) == 1


# --- the list, one notification, mark read -------------------------------------------------


def test_the_list_shows_my_notifications_unread_first_and_no_one_elses(client, cast):
    with time_machine.travel(NOW, tick=False) as clock:
        old_read = write(cast.ig_officer, subject="Old and read")
        notifications.mark_read(old_read)
        clock.shift(60)
        write(cast.ig_officer, subject="Older unread")
        clock.shift(60)
        newest_read = write(cast.ig_officer, subject="Newest but read")
        notifications.mark_read(newest_read)
        write(cast.director, subject="Someone else's")
    client.force_login(cast.ig_officer)
    page = client.get(reverse("notifications")).content.decode()
    subjects = re.findall(r'href="/accounts/notifications/[0-9a-f-]+/">([^<]+)</a>', page)
    assert subjects == ["Older unread", "Newest but read", "Old and read"]
    assert "Someone else&#x27;s" not in page


def test_the_list_is_paginated(client, cast):
    for n in range(30):
        write(cast.ig_officer, subject=f"Notification {n:02d}")
    client.force_login(cast.ig_officer)
    first = client.get(reverse("notifications"))
    assert len(first.context["page_obj"].object_list) == 25
    second = client.get(reverse("notifications"), {"page": 2})
    assert len(second.context["page_obj"].object_list) == 5


def test_opening_a_notification_marks_it_read_and_says_why(client, cast):
    row = write(cast.ig_officer)
    client.force_login(cast.ig_officer)
    assert notifications.unread_count(cast.ig_officer) == 1
    response = client.get(reverse("notification", args=[row.uuid]))
    assert response.status_code == 200
    assert "Why you were told:</strong> You logged this request." in response.content.decode()
    row.refresh_from_db()
    assert row.read_at is not None


def test_a_notification_says_whether_its_email_went(client, cast):
    row = write(cast.ig_officer)
    client.force_login(cast.ig_officer)
    url = reverse("notification", args=[row.uuid])
    address = cast.ig_officer.email
    assert f"The email to {address} has not been sent yet." in client.get(url).content.decode()
    with time_machine.travel(NOW, tick=False):
        assert send(row)
    assert f"Emailed to {address} on 4 March 2026 09:00." in client.get(url).content.decode()


def test_someone_elses_notification_is_not_found(client, cast):
    row = write(cast.director)
    client.force_login(cast.ig_officer)
    assert client.get(reverse("notification", args=[row.uuid])).status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_needs_a_post_and_only_touches_my_notifications(client, cast):
    write(cast.ig_officer)
    write(cast.ig_officer)
    theirs = write(cast.director)
    client.force_login(cast.ig_officer)
    assert client.get(reverse("notifications_read_all")).status_code == 405
    response = client.post(reverse("notifications_read_all"))
    assert response.status_code == 302
    assert notifications.unread_count(cast.ig_officer) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_signed_out_visitors_are_sent_to_sign_in(client, cast):
    row = write(cast.ig_officer)
    for url in (reverse("notifications"), reverse("notification", args=[row.uuid])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


# --- the link to the case goes through the case's access rules -----------------------------


def test_the_link_to_a_case_is_offered_only_while_the_reader_may_see_it(client, cast, org):
    case = case_in(Status.ASSIGNED, cast, org)  # assigned to area A
    row = write(cast.officer_a, link_url=f"/requests/{case.pk}/", link_object=case)
    client.force_login(cast.officer_a)
    page = client.get(reverse("notification", args=[row.uuid])).content.decode()
    assert f'href="/requests/{case.pk}/"' in page
    assert client.get(f"/requests/{case.pk}/").status_code == 200

    # The case moves to area B: the notification stays, the way in does not.
    case.assignments.update(service_area=org.area_b)
    page = client.get(reverse("notification", args=[row.uuid])).content.decode()
    assert f'href="/requests/{case.pk}/"' not in page
    assert "You can no longer open the record this notification is about." in page
    assert client.get(f"/requests/{case.pk}/").status_code == 404


# --- the header ----------------------------------------------------------------------------


def test_the_header_shows_the_unread_count_with_one_query(client, cast):
    client.force_login(cast.ig_officer)
    write(cast.ig_officer)
    write(cast.ig_officer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("notifications")).content.decode()
    on_notifications = [q for q in queries if "organisation_notification" in q["sql"]]
    # One for the header's count, which the page reuses, plus the page's own list and its count.
    counts = [q for q in on_notifications if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 2  # the unread count and the paginator's count
    assert re.search(r"Notifications\s*<strong class=\"app-header__count\">2<", page)

    notifications.mark_all_read(cast.ig_officer)
    page = client.get(reverse("requests:queue")).content.decode()
    assert "app-header__count" not in page
    assert 'href="/accounts/notifications/"' in page


def test_signed_out_pages_have_no_notifications_link(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "/accounts/notifications/" not in page


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_two_emails_to_one_person_at_the_same_time(monkeypatch):
    """Two workers send two emails to one person at once: neither waits for the other."""
    person = UserFactory(username="busy", email="busy@council.example")
    first, second = write(person, subject="First"), write(person, subject="Second")
    original = outbox.EmailMultiAlternatives.send
    both_sending = threading.Barrier(2, timeout=10)

    def slow_send(self, *args, **kwargs):
        both_sending.wait()  # each holds its lock until the other is sending too
        return original(self, *args, **kwargs)

    monkeypatch.setattr(outbox.EmailMultiAlternatives, "send", slow_send)
    results = {}

    def worker(row):
        try:
            results[row.subject] = send(row)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(row,)) for row in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert results == {"First": True, "Second": True}
    assert sorted(m.subject for m in mail.outbox) == ["First", "Second"]
