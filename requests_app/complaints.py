"""Every write to a data-protection complaint (DPA 2018 s164A). Dates come from deadlines/."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from deadlines.complaints import dp_complaint_due
from deadlines.errors import DeadlineError
from organisation import access
from organisation.history import acting_user
from requests_app.complaint_models import (
    Complaint,
    ComplaintCounter,
    ComplaintOutcome,
)
from workflow import outbox
from workflow.engine import ActionRefused, apply, record_event


def _next_reference(year: int) -> str:
    counter, _ = ComplaintCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"DPC-{year}-{counter.last:05d}"


def acknowledgement_due(received_at: dt.datetime):
    """The Deadline (date and working) for acknowledging a complaint received then."""
    return dp_complaint_due(timezone.localdate(received_at), nation=settings.COUNCIL_NATION)


def complaint_log(
    *,
    user,
    name: str,
    email: str,
    address: str,
    channel: str,
    received_at: dt.datetime,
    what_happened: str,
    related_case=None,
    related_reference: str = "",
) -> Complaint:
    """Record a complaint as it arrived; `user` is None for the public form."""
    if received_at > timezone.now():
        raise ActionRefused("The date and time received cannot be in the future.")
    if not (what_happened or "").strip() or not (name or "").strip():
        raise ActionRefused("Record who is complaining and what about.")
    try:
        due = acknowledgement_due(received_at).due
    except DeadlineError as error:
        raise ActionRefused(str(error)) from error
    with transaction.atomic(), acting_user(user):
        complaint = Complaint.objects.create(
            reference=_next_reference(timezone.localdate(received_at).year),
            name=name,
            email=email,
            address=address,
            channel=channel,
            received_at=received_at,
            what_happened=what_happened,
            related_case=related_case,
            related_reference=related_reference,
            acknowledge_by=due,
            owner=user if access.is_ig(user) else None,
            created_by=user,
        )
        who = "the public web form" if user is None else str(user)
        when = f"acknowledge by {due:%d %B %Y}" if due else "no statutory acknowledgement date"
        record_event(complaint, user, "logged", f"Complaint logged from {who} ({when}).")
    return complaint


SUBJECTS = {
    "acknowledge": "Your complaint {ref}",
    "send_update": "Your complaint {ref}: progress",
    "send_outcome": "Your complaint {ref}: our findings",
}


def _letter(complaint: Complaint, kind: str, text: str = "") -> str:
    """Write the letter to the complainant; by email through the outbox (after commit) when
    they gave an address, otherwise for post (the timeline says which)."""
    body = render_to_string(
        f"requests_app/complaints/letters/{kind}.txt",
        {"complaint": complaint, "text": text, "council_name": settings.COUNCIL_NAME},
    ).strip()
    if complaint.email:
        outbox.email_queue(
            to=complaint.email,
            subject=SUBJECTS[kind].format(ref=complaint.reference),
            text=body,
            about=complaint,
        )
        return "emailed"
    return "letter for post"


def _apply(action, complaint_id, user, change, expected_version):
    return apply(
        model=Complaint,
        pk=complaint_id,
        user=user,
        action=action,
        change=change,
        expected_version=expected_version,
    )


def complaint_acknowledge(
    *, complaint_id: int, user, message: str = "", expected_version: int | None = None
) -> Complaint:
    def change(complaint):
        complaint.acknowledged_at = timezone.now()
        late = complaint.acknowledge_by and timezone.localdate() > complaint.acknowledge_by
        how = _letter(complaint, "acknowledge")
        return f"Acknowledged ({how})" + (", after the 30 days." if late else ".")

    return _apply("acknowledge", complaint_id, user, change, expected_version)


def complaint_send_update(
    *, complaint_id: int, user, update: str, expected_version: int | None = None
) -> Complaint:
    if not (update or "").strip():
        raise ActionRefused("Write the update for the complainant.")

    def change(complaint):
        how = _letter(complaint, "send_update", update)
        return f"Progress update sent ({how}): {update}"

    return _apply("send_update", complaint_id, user, change, expected_version)


def complaint_add_note(
    *, complaint_id: int, user, text: str, expected_version: int | None = None
) -> Complaint:
    if not (text or "").strip():
        raise ActionRefused("Write the note.")
    return _apply("add_note", complaint_id, user, lambda complaint: text, expected_version)


def complaint_send_outcome(
    *,
    complaint_id: int,
    user,
    outcome: str,
    outcome_text: str,
    expected_version: int | None = None,
) -> Complaint:
    if outcome not in ComplaintOutcome.values or not outcome:
        raise ActionRefused("Choose the outcome.")
    if not (outcome_text or "").strip():
        raise ActionRefused("Write what was found and what the council will do.")

    def change(complaint):
        complaint.outcome, complaint.outcome_text = outcome, outcome_text
        complaint.outcome_sent_at = complaint.closed_at = timezone.now()
        how = _letter(complaint, "send_outcome", outcome_text)
        shown = complaint.get_outcome_display()
        return f"Outcome sent ({how}): {shown}, with the right to complain to the ICO."

    return _apply("send_outcome", complaint_id, user, change, expected_version)


def _finished(complaint: Complaint, message: str) -> str:
    complaint.closed_at = timezone.now()
    return message


def complaint_close(*, complaint_id: int, user, expected_version: int | None = None) -> Complaint:
    return _apply(
        "close", complaint_id, user, lambda c: _finished(c, "Complaint closed."), expected_version
    )


def complaint_withdraw(
    *, complaint_id: int, user, reason: str = "", expected_version: int | None = None
) -> Complaint:
    return _apply(
        "withdraw",
        complaint_id,
        user,
        lambda c: _finished(c, "Withdrawn by the complainant." + (f" {reason}" if reason else "")),
        expected_version,
    )


def open_complaints_recompute() -> int:
    """After a bank-holiday change: move the stored acknowledgement date of every complaint not
    yet acknowledged or answered, recording the move on its timeline. Returns how many moved."""
    moved = 0
    waiting = Complaint.objects.filter(
        acknowledged_at__isnull=True, outcome_sent_at__isnull=True, acknowledge_by__isnull=False
    )
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(pk=pk)
            new = acknowledgement_due(complaint.received_at).due
            if new == complaint.acknowledge_by:
                continue
            old, complaint.acknowledge_by = complaint.acknowledge_by, new
            complaint.save(update_fields=["acknowledge_by"])
            record_event(
                complaint,
                None,
                "deadline_moved",
                f"Acknowledgement date moved from {old:%d %B %Y} to {new:%d %B %Y}: the "
                "bank-holiday calendar changed.",
            )
            moved += 1
    return moved


def complaint_link(
    *,
    complaint_id: int,
    user,
    kind: str,
    target_id: int | None,
    expected_version: int | None = None,
) -> Complaint:
    """Link the complaint to the case (`kind` "case") or breach ("breach") it concerns, or
    remove that link (`target_id` None). Only a record the user may see can be linked."""
    from breaches.access import breaches_visible_to
    from requests_app.access import cases_visible_to

    if kind not in ("case", "breach"):
        raise ActionRefused("Choose a case or a breach to link.")
    visible = cases_visible_to(user) if kind == "case" else breaches_visible_to(user)

    def change(complaint):
        field = "related_case" if kind == "case" else "related_breach"
        if target_id is None:
            old = getattr(complaint, field)
            if old is None:
                raise ActionRefused(f"The complaint is not linked to a {kind}.")
            setattr(complaint, field, None)
            return f"Link to {kind} {old.reference} removed."
        target = visible.filter(pk=target_id).first()
        if target is None:
            raise ActionRefused(f"That {kind} does not exist or you may not see it.")
        setattr(complaint, field, target)
        return f"Linked to {kind} {target.reference}."

    return _apply("link", complaint_id, user, change, expected_version)
