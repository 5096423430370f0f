"""Bulk types, disposed of as a batch per run: sign-in records, in-app notifications and sent
emails in the outbox, with written-out dates.

Default schedule (retention/migrations/0004): sign-in records and notifications deleted
12 months after they were recorded, sent emails emptied 12 months after they were sent.
"Today" is Wednesday 1 July 2026: rows recorded up to the end of Wednesday 1 July 2025 (London)
are due; a row recorded at 00:30 on Thursday 2 July 2025 is not.
"""

import datetime as dt
import itertools
import threading

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.urls import reverse

from organisation.models import Notification
from requests_app.models import Correspondence
from retention import bulk, disposal, services
from retention.models import DisposalItem, DisposalRun
from tests.retention.helpers import at, default_schedule, make_case
from workflow.models import OutgoingAttachment, OutgoingEmail

TODAY = dt.date(2026, 7, 1)
OLD = at(2025, 7, 1, 23, 30)  # due Wednesday 1 July 2026: today
OLDER = at(2024, 11, 5, 9, 0)
NEW = at(2025, 7, 2, 0, 30)  # due Thursday 2 July 2026: tomorrow
State = DisposalItem.State
_numbers = itertools.count()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def sign_in(model, when):
    username = f"someone{next(_numbers)}"  # axes keeps one attempt row per name and address
    extra = {"get_data": "", "post_data": "", "failures_since_start": 1}
    row = model.objects.create(
        username=username,
        ip_address="192.0.2.7",
        user_agent="Browser",
        http_accept="*/*",
        path_info="/accounts/login/",
        **(extra if model is AccessAttempt else {}),
    )
    model.objects.filter(pk=row.pk).update(attempt_time=when)  # auto_now_add otherwise
    return row


def notification(user, when):
    return Notification.objects.create(
        recipient=user,
        kind="reminder",
        subject="Case IG-1 for Private Person",
        reason="You own it",
        body_text="Private Person's request",
        body_html="<p>Private Person's request</p>",
        created_at=when,
    )


def email(when, *, state=OutgoingEmail.State.SENT, attachment=""):
    return OutgoingEmail.objects.create(
        to="private.person@example.net",
        subject="Your request, Private Person",
        body_text="Dear Private Person",
        body_html="<p>Dear Private Person</p>",
        attachment=attachment,
        state=state,
        # An email that was tried and failed or is uncertain has a time too: only its state
        # says it did not go.
        sent_at=when,
        created_at=when,
    )


def approve_and_dispose(cast, run, django_capture_on_commit_callbacks) -> int:
    with django_capture_on_commit_callbacks(execute=False):
        services.run_approve(user=cast.ig_manager, run_id=run.pk)
    return disposal.run_dispose(run_id=run.pk)


def batch(run, model) -> DisposalItem:
    return run.items.get(content_type__model=model._meta.model_name)


@pytest.mark.django_db
def test_sign_in_records_older_than_the_period_are_deleted_and_newer_kept(
    cast, django_capture_on_commit_callbacks
):
    old_logs = [sign_in(AccessLog, OLDER), sign_in(AccessLog, OLD)]
    old_attempt = sign_in(AccessAttempt, OLD)
    old_failure = sign_in(AccessFailureLog, OLDER)
    kept = [sign_in(AccessLog, NEW), sign_in(AccessAttempt, NEW), sign_in(AccessFailureLog, NEW)]

    run = services.run_prepare(today=TODAY)

    logs = batch(run, AccessLog)
    assert (logs.record_type, logs.action, logs.object_id, logs.batch_count) == (
        "sign_in", "delete", 0, 2
    )  # fmt: skip
    assert (logs.trigger_on, logs.trigger_until, logs.due_on) == (
        dt.date(2024, 11, 5), dt.date(2025, 7, 1), dt.date(2026, 7, 1)
    )  # fmt: skip
    assert logs.cutoff == at(2025, 7, 2, 0, 0)
    assert batch(run, AccessAttempt).batch_count == 1
    assert batch(run, AccessFailureLog).batch_count == 1
    assert logs.rule_label == "Sign-in records: recorded + 1 year, delete"

    approve_and_dispose(cast, run, django_capture_on_commit_callbacks)

    assert not AccessLog.objects.filter(pk__in=[r.pk for r in old_logs]).exists()
    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert not AccessFailureLog.objects.filter(pk=old_failure.pk).exists()
    for row in kept:
        assert type(row).objects.filter(pk=row.pk).exists()
    assert set(run.items.values_list("state", "disposed_count")) == {
        (State.DONE, 2), (State.DONE, 1)
    }  # fmt: skip
    run.refresh_from_db()
    assert run.state == DisposalRun.State.DONE
    # Next month nothing old is left to offer; the rows kept are not due yet.
    assert services.run_prepare(today=TODAY) is None


@pytest.mark.django_db
def test_notifications_older_than_the_period_are_deleted(cast, django_capture_on_commit_callbacks):
    old = [notification(cast.officer_a, OLDER), notification(cast.ig_officer, OLD)]
    new = notification(cast.officer_a, NEW)
    run = services.run_prepare(today=TODAY)
    item = batch(run, Notification)
    assert (item.record_type, item.batch_count, item.action) == ("notification", 2, "delete")

    approve_and_dispose(cast, run, django_capture_on_commit_callbacks)

    assert list(Notification.objects.values_list("pk", flat=True)) == [new.pk]
    assert not Notification.objects.filter(pk__in=[n.pk for n in old]).exists()
    item.refresh_from_db()
    assert (item.state, item.disposed_count) == (State.DONE, 2)
    assert "Private Person" not in item.reference


@pytest.mark.django_db
def test_a_sent_emails_body_and_own_attachment_go_and_an_unsent_one_is_untouched(
    cast, django_capture_on_commit_callbacks
):
    own = default_storage.save("outbox/2025/06/statement.pdf", ContentFile(b"personal"))
    released = default_storage.save("documents/released.pdf", ContentFile(b"released"))
    sent = email(OLD, attachment=own)
    OutgoingAttachment.objects.create(
        email=sent, position=1, file=released, filename="Private Person.pdf",
        content_type="application/pdf",
    )  # fmt: skip
    # A letter's PDF is the letter's own file, kept with its case: only the email lets go of it.
    case = make_case(status="in_progress")
    letter_pdf = default_storage.save("letters/answer.pdf", ContentFile(b"letter"))
    Correspondence.objects.create(
        case=case,
        kind="response",
        to="p@example.net",
        subject="Answer",
        body="Dear",
        pdf=letter_pdf,
    )
    letter_email = email(OLDER, attachment=letter_pdf)
    one_byte = ContentFile(b"x")
    waiting_states = ("held", "pending", "sending", "uncertain", "failed")
    unsent = {
        state: email(OLDER, state=state, attachment=default_storage.save("outbox/x.pdf", one_byte))
        for state in waiting_states
    }
    recent = email(NEW)

    run = services.run_prepare(today=TODAY)
    item = batch(run, OutgoingEmail)
    assert (item.record_type, item.batch_count, item.action) == ("outbox_email", 2, "anonymise")
    assert (item.trigger_on, item.trigger_until) == (dt.date(2024, 11, 5), dt.date(2025, 7, 1))

    approve_and_dispose(cast, run, django_capture_on_commit_callbacks)

    sent.refresh_from_db()
    assert (sent.to, sent.body_text, sent.body_html, sent.attachment.name) == ("", "", "", "")
    assert "Private Person" not in sent.subject and sent.state == OutgoingEmail.State.SENT
    assert sent.sent_at == OLD  # the letter still shows that its email went, and when
    assert not default_storage.exists(own)
    assert not OutgoingAttachment.objects.filter(email=sent).exists()
    assert default_storage.exists(released)  # a released document's, not the email's
    letter_email.refresh_from_db()
    assert letter_email.to == "" and default_storage.exists(letter_pdf)
    for state, waiting in unsent.items():
        waiting.refresh_from_db()
        assert (waiting.to, waiting.body_text) == (
            "private.person@example.net",
            "Dear Private Person",
        ), state
        assert default_storage.exists(waiting.attachment.name)
    recent.refresh_from_db()
    assert recent.body_text == "Dear Private Person"
    item.refresh_from_db()
    assert (item.state, item.disposed_count, item.files) == (State.DONE, 2, [])


@pytest.mark.django_db
def test_a_batch_removed_by_ig_is_kept_and_offered_again(cast, django_capture_on_commit_callbacks):
    row = sign_in(AccessLog, OLD)
    notification(cast.officer_a, OLD)
    run = services.run_prepare(today=TODAY)
    services.item_remove(user=cast.ig_manager, item_id=batch(run, AccessLog).pk, reason="ICO")
    approve_and_dispose(cast, run, django_capture_on_commit_callbacks)
    assert AccessLog.objects.filter(pk=row.pk).exists()
    assert not Notification.objects.exists()
    again = services.run_prepare(today=dt.date(2026, 8, 1))
    assert list(again.items.values_list("record_type", "batch_count")) == [("sign_in", 1)]


@pytest.mark.django_db
def test_a_batch_stopped_mid_way_carries_on_and_counts_each_row_once(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    rows = [sign_in(AccessLog, at(2024, 1, day)) for day in range(1, 8)]
    run = services.run_prepare(today=TODAY)
    with django_capture_on_commit_callbacks(execute=False):
        services.run_approve(user=cast.ig_manager, run_id=run.pk)
    item = batch(run, AccessLog)
    real, calls = bulk._rows_dispose, []

    def crash_on_the_third_chunk(part, ids, action):
        calls.append(ids)
        if len(calls) == 3:
            raise RuntimeError("worker killed")
        return real(part, ids, action)

    monkeypatch.setattr(bulk, "_rows_dispose", crash_on_the_third_chunk)
    with pytest.raises(RuntimeError):
        bulk.batch_dispose(item_id=item.pk, chunk=3)
    item.refresh_from_db()
    # Two chunks committed; the third rolled back with its count.
    assert (item.state, item.disposed_count, AccessLog.objects.count()) == (State.PENDING, 6, 1)
    monkeypatch.setattr(bulk, "_rows_dispose", real)
    disposal.run_dispose(run_id=run.pk)
    item.refresh_from_db()
    assert (item.state, item.disposed_count) == (State.DONE, len(rows))
    assert not AccessLog.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_dispose_of_each_row_of_a_batch_once(cast, monkeypatch):
    default_schedule()
    rows = [sign_in(AccessLog, at(2024, 1, 1) + dt.timedelta(minutes=n)) for n in range(30)]
    run = services.run_prepare(today=TODAY)
    DisposalRun.objects.filter(pk=run.pk).update(state=DisposalRun.State.APPROVED)
    real, taken, errors = bulk._rows_dispose, [], []

    def recording(part, ids, action):
        taken.extend(ids)
        return real(part, ids, action)

    monkeypatch.setattr(bulk, "_rows_dispose", recording)
    monkeypatch.setattr(bulk, "CHUNK", 4)  # many turns each, so the two workers interleave
    start = threading.Barrier(2)

    def worker():
        try:
            start.wait()
            disposal.run_dispose(run_id=run.pk)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    item = batch(run, AccessLog)
    assert sorted(taken) == sorted(r.pk for r in rows)  # no row taken twice
    assert (item.state, item.disposed_count) == (State.DONE, 30)
    assert not AccessLog.objects.exists()
    run.refresh_from_db()
    assert run.state == DisposalRun.State.DONE


@pytest.mark.django_db
def test_the_run_page_shows_a_batch_as_a_count_and_date_range(client, cast):
    sign_in(AccessLog, OLDER)
    sign_in(AccessLog, OLD)
    sign_in(AccessFailureLog, OLD)
    run = services.run_prepare(today=TODAY)
    client.force_login(cast.officer_a)
    assert client.get(reverse("retention:run", args=[run.pk])).status_code == 403
    client.force_login(cast.ig_manager)
    page = client.get(reverse("retention:run", args=[run.pk])).content.decode()
    assert "2 access logs, recorded 5 Nov 2024 to 1 Jul 2025" in page
    counts = page[page.index('id="counts"') : page.index("</table>")]
    assert "Sign-in records" in counts and ">3<" in counts
    item = batch(run, AccessLog)
    response = client.post(
        reverse("retention:item_remove", args=[item.pk]), {"reason": "ICO asked"}, follow=True
    )
    assert response.status_code == 200
    item.refresh_from_db()
    assert (item.state, item.removal_reason) == (State.REMOVED, "ICO asked")
